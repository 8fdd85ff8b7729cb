import { Inject, Injectable } from "@nestjs/common";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { aggregationLinks, attestations, custodyTransfers, provenanceEventItems, provenanceEvents, provenanceItems } from "../../../indexer/src/store/schema.ts";
import { DATABASE, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";

export type ItemRow = typeof provenanceItems.$inferSelect;
export type EventRow = typeof provenanceEvents.$inferSelect;

/** How far back "made from" is followed through transformations. */
const MAX_ANCESTRY = 16;

/** The trace of a physical item: events with their corrections, custody, packing, transformations, attestations. */
@Injectable()
export class ProvenanceService {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async item(id: string): Promise<ItemRow> {
    const [row] = await this.database.db.select().from(provenanceItems).where(eq(provenanceItems.id, id));
    if (!row) throw new NotFoundError("item", id);
    return row;
  }

  async items(ids: readonly string[]) {
    const rows = await this.database.db.select().from(provenanceItems).where(inArray(provenanceItems.id, [...ids]));
    return ids.map((id) => rows.find((row) => row.id === id));
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
      db.select().from(custodyTransfers).where(eq(custodyTransfers.itemId, itemId)).orderBy(asc(custodyTransfers.blockNumber), asc(custodyTransfers.logIndex)),
      db
        .select()
        .from(aggregationLinks)
        .where(or(eq(aggregationLinks.childId, itemId), eq(aggregationLinks.containerId, itemId)))
        .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex)),
      db.select().from(attestations).where(eq(attestations.itemId, itemId)).orderBy(asc(attestations.blockNumber), asc(attestations.logIndex)),
    ]);
    const corrections = events.filter(({ event }) => event.kind === "correction").map(({ event }) => event);
    return {
      item,
      events: events
        .filter(({ event }) => event.kind !== "correction")
        .map(({ event, role }) => ({ ...event, role, corrections: corrections.filter((correction) => correction.corrects === event.id) })),
      custody,
      containers: packing.filter((link) => link.childId === itemId),
      contents: packing.filter((link) => link.containerId === itemId),
      madeFrom: await this.#ancestry(itemId),
      attestations: attested,
    };
  }

  /** Transformations that produced the item, then those that produced their inputs, nearest first. */
  async #ancestry(itemId: string): Promise<EventRow[]> {
    const found: EventRow[] = [];
    let frontier = [itemId];
    const seen = new Set<string>();
    for (let depth = 0; depth < MAX_ANCESTRY && frontier.length > 0; depth++) {
      const rows = await this.database.db
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
