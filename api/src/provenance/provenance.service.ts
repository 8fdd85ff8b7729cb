import { Inject, Injectable } from "@nestjs/common";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import {
  aggregationLinks,
  attestations,
  custodyTransfers,
  provenanceEventItems,
  provenanceEvents,
  provenanceItems,
  syncState,
} from "#indexer/store/schema.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database, type Db, type Tx } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import { correctionsByEvent, epcisEntries, epcisHeader } from "./epcis.ts";
import { ExportProofs } from "./export-proofs.ts";

export type ItemRow = typeof provenanceItems.$inferSelect;
export type EventRow = typeof provenanceEvents.$inferSelect;
export type TraceRow = Awaited<ReturnType<ProvenanceService["trace"]>>;

/** The trace of a physical item: events with their corrections, custody, packing, transformations, attestations. */
@Injectable()
export class ProvenanceService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(ExportProofs) private readonly proofs: ExportProofs,
  ) {}

  async item(id: string, db: Db | Tx = this.database.db): Promise<ItemRow> {
    const [row] = await db.select().from(provenanceItems).where(eq(provenanceItems.id, id));
    if (!row) throw new NotFoundError("item", id);
    return row;
  }

  async items(ids: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(provenanceItems)
      .where(inArray(provenanceItems.id, [...ids]));
    return ids.map((id) => rows.find((row) => row.id === id));
  }

  /** Per order: the items packed for it and the containers they were packed into, in packing order. */
  async itemsOfOrders(orderIds: readonly string[]) {
    const links = await this.database.db
      .select()
      .from(aggregationLinks)
      .where(and(inArray(aggregationLinks.orderId, [...orderIds]), eq(aggregationLinks.action, "aggregated")))
      .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex));
    const rows = await this.items([...new Set(links.flatMap((link) => [link.childId, link.containerId]))]);
    const byId = new Map(rows.filter((row) => row !== undefined).map((row) => [row.id, row]));
    return orderIds.map((orderId) =>
      [
        ...new Set(
          links.filter((link) => link.orderId === orderId).flatMap((link) => [link.childId, link.containerId]),
        ),
      ].map((id) => byId.get(id)!),
    );
  }

  async trace(itemId: string) {
    const item = await this.item(itemId);
    const db = this.database.db;
    const [events, custody, packing, attested] = await Promise.all([
      db
        .select({ event: provenanceEvents, role: provenanceEventItems.role })
        .from(provenanceEventItems)
        .innerJoin(provenanceEvents, eq(provenanceEvents.id, provenanceEventItems.eventId))
        .where(eq(provenanceEventItems.itemId, itemId))
        .orderBy(asc(provenanceEvents.blockNumber), asc(provenanceEvents.id)),
      db
        .select()
        .from(custodyTransfers)
        .where(eq(custodyTransfers.itemId, itemId))
        .orderBy(asc(custodyTransfers.blockNumber), asc(custodyTransfers.logIndex)),
      db
        .select()
        .from(aggregationLinks)
        .where(or(eq(aggregationLinks.childId, itemId), eq(aggregationLinks.containerId, itemId)))
        .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex)),
      db
        .select()
        .from(attestations)
        .where(eq(attestations.itemId, itemId))
        .orderBy(asc(attestations.blockNumber), asc(attestations.logIndex)),
    ]);
    const corrections = events.filter(({ event }) => event.kind === "correction").map(({ event }) => event);
    return {
      item,
      events: events
        .filter(({ event }) => event.kind !== "correction")
        .map(({ event, role }) => ({
          ...event,
          role,
          corrections: corrections.filter((correction) => correction.corrects === event.id),
        })),
      custody,
      containers: packing.filter((link) => link.childId === itemId),
      contents: packing.filter((link) => link.containerId === itemId),
      madeFrom: await this.#ancestry(itemId),
      attestations: attested,
    };
  }

  /**
   * The EPCIS 2.0 document of the item: its own events, those of the items it was made from (recursively),
   * and those of each container while it travelled inside (custody and recorded events between packing
   * and unpacking). Each event carries the proof of its log; `cl:indexedThrough` is the block the export is
   * complete to, up to which a verifier looks for events of the item the export leaves out.
   */
  async epcis(itemId: string) {
    // One snapshot for the cursor and every row: nothing past `cl:indexedThrough`, nothing before it missing, though
    // the indexer commits between the queries. The proofs, which ask the node, come after it.
    const { block, item, entries } = await this.database.db.transaction((tx) => this.#epcisEntries(tx, itemId), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    const { provenance, events: eventList } = await this.proofs.attach(entries);
    return {
      ...epcisHeader("EPCISDocument", new Date()),
      "cl:chainId": this.config.chainId,
      ...(provenance ? { "cl:provenance": provenance } : {}),
      "cl:item": item.id,
      "cl:indexedThrough": block,
      epcisBody: { eventList },
    };
  }

  async #epcisEntries(db: Db | Tx, itemId: string) {
    const [state] = await db.select({ block: syncState.cursorBlock }).from(syncState).where(eq(syncState.id, 1));
    const item = await this.item(itemId, db);
    const madeFrom = await this.#ancestry(itemId, db);
    const subjects = [...new Set([itemId, ...madeFrom.flatMap((event) => event.itemIds as string[])])];
    const produced = new Set(madeFrom.flatMap((event) => (event.outputIds as string[] | null) ?? []));
    const links = await db
      .select()
      .from(aggregationLinks)
      .where(or(inArray(aggregationLinks.childId, subjects), eq(aggregationLinks.containerId, itemId)))
      .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex));
    // Windows [packed, unpacked] of each container a subject travelled in: the unpacking block is inside.
    const windows: { containerId: string; from: number; to: number }[] = [];
    for (const link of links) {
      if (link.containerId === itemId) continue;
      if (link.action === "aggregated")
        windows.push({ containerId: link.containerId, from: link.blockNumber, to: Number.MAX_SAFE_INTEGER });
      else {
        const open = windows.findLast(
          (window) => window.containerId === link.containerId && window.to === Number.MAX_SAFE_INTEGER,
        );
        if (open) open.to = link.blockNumber;
      }
    }
    const containers = [...new Set(windows.map((window) => window.containerId))];
    const inWindow = (id: string, block: number) =>
      subjects.includes(id) || windows.some((w) => w.containerId === id && block >= w.from && block <= w.to);
    const traced = [...subjects, ...containers];
    // Every child of each packing the trace shows, as the chain's log names them, not only the traced ones.
    const packedBy = (link: (typeof links)[number]) =>
      and(eq(aggregationLinks.blockNumber, link.blockNumber), eq(aggregationLinks.logIndex, link.logIndex));
    const packs =
      links.length === 0
        ? []
        : await db
            .select()
            .from(aggregationLinks)
            .where(or(...links.map(packedBy)))
            .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex));
    const [eventRows, custody, attested] = await Promise.all([
      db
        .selectDistinct({ event: provenanceEvents, itemId: provenanceEventItems.itemId })
        .from(provenanceEventItems)
        .innerJoin(provenanceEvents, eq(provenanceEvents.id, provenanceEventItems.eventId))
        .where(inArray(provenanceEventItems.itemId, traced)),
      db.select().from(custodyTransfers).where(inArray(custodyTransfers.itemId, traced)),
      db.select().from(attestations).where(inArray(attestations.itemId, subjects)),
    ]);
    const events = new Map<string, EventRow>();
    for (const row of eventRows) if (inWindow(row.itemId, row.event.blockNumber)) events.set(row.event.id, row.event);
    const ids = new Set([
      ...traced,
      ...[...events.values()].flatMap((event) => [
        ...(event.itemIds as string[]),
        ...((event.outputIds as string[] | null) ?? []),
      ]),
      ...packs.map((link) => link.childId),
    ]);
    const itemRows = await db
      .select()
      .from(provenanceItems)
      .where(inArray(provenanceItems.id, [...ids]));
    const items = new Map(itemRows.map((row) => [row.id, row]));
    const custodyShown = custody.filter((transfer) => inWindow(transfer.itemId, transfer.blockNumber));
    const registrations = itemRows.filter((row) => traced.includes(row.id) && !produced.has(row.id));
    const times = new Map<number, number>([
      ...registrations.map((row) => [row.registeredBlock, row.registeredAt] as const),
      ...[...events.values()].map((event) => [event.blockNumber, event.recordedAt] as const),
      ...[...links, ...custodyShown, ...attested].map((row) => [row.blockNumber, row.at] as const),
    ]);
    const entries = epcisEntries({
      chainId: this.config.chainId,
      itemId: item.id,
      items,
      registrations,
      events: [...events.values()],
      // A correction may name other items (it moved the event to the right one): the event shows it all the same.
      corrections: await this.corrections([...events.keys()], db),
      custody: custodyShown,
      links: packs,
      attestations: attested,
      blockTime: (block) => times.get(block) ?? null,
    });
    return { block: state?.block ?? null, item, entries };
  }

  /** The corrections of each event, oldest first, by the id of the event they correct. */
  async corrections(eventIds: string[], db: Db | Tx = this.database.db): Promise<Map<string, EventRow[]>> {
    if (eventIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(provenanceEvents)
      .where(inArray(provenanceEvents.corrects, eventIds))
      .orderBy(asc(provenanceEvents.blockNumber), asc(provenanceEvents.id));
    return correctionsByEvent(rows);
  }

  /** Transformations that produced the item, then those that produced their inputs, nearest first. */
  async #ancestry(itemId: string, db: Db | Tx = this.database.db): Promise<EventRow[]> {
    const found: EventRow[] = [];
    let frontier = [itemId];
    const seen = new Set<string>();
    // To the origin, however deep: a verifier follows every transformation back, so an export must too. An event
    // already followed is not followed again, so the walk ends.
    while (frontier.length > 0) {
      const rows = await db
        .select({ event: provenanceEvents })
        .from(provenanceEventItems)
        .innerJoin(provenanceEvents, eq(provenanceEvents.id, provenanceEventItems.eventId))
        .where(and(eq(provenanceEventItems.role, "output"), inArray(provenanceEventItems.itemId, frontier)));
      const fresh = rows.map((row) => row.event).filter((event) => !seen.has(event.id));
      for (const event of fresh) seen.add(event.id);
      found.push(...fresh);
      frontier = fresh.flatMap((event) => event.itemIds as string[]);
    }
    return found;
  }
}
