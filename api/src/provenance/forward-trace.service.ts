import { Inject, Injectable } from "@nestjs/common";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import {
  aggregationLinks,
  orders,
  provenanceEventItems,
  provenanceEvents,
  provenanceItems,
} from "#indexer/store/schema.ts";
import { ROLES } from "#sdk/roles.ts";
import type { Session } from "../auth/session-tokens.ts";
import { DATABASE, type Database } from "../database.ts";
import { RolesService } from "../roles/roles.service.ts";
import { type EventRow, type ItemRow, ProvenanceService } from "./provenance.service.ts";

export type LinkRow = typeof aggregationLinks.$inferSelect;

/** How a recalled item or container was reached: the recalled item itself, made from one, or packed with one. */
export type ReachedBy = "recalled" | "transformation" | "aggregation";

export interface RecallEntry {
  item: ItemRow;
  reachedBy: ReachedBy;
  /** The item it was reached from (an input of its transformation, a child packed into it); null for the recalled. */
  from: string | null;
}

export interface RecallOrder {
  id: string;
  merchant: string;
  status: string;
  /** The items or containers of the recall packed for the order. */
  itemIds: string[];
  /** The buyer's address, for auditors and the order's merchant; null for everyone else. */
  buyer: string | null;
}

export interface Recall {
  item: ItemRow;
  /** The recalled item, then what was made from it through transformations, transitively, in order reached. */
  items: RecallEntry[];
  /** Containers that carried any of them, containers of those containers included. */
  containers: RecallEntry[];
  orders: RecallOrder[];
  /** Distinct buyers of those orders the caller may see. */
  buyers: string[];
  /** Whether the caller sees every buyer (an auditor), else only those of its own sales. */
  allBuyersShown: boolean;
}

/**
 * Where an item went: transformations that consumed it, containers that carried it, and the recall, i.e.
 * everything downstream of it (through transformations and aggregations, transitively) with the orders it was
 * packed for and, for auditors and the selling merchant, their buyers.
 */
@Injectable()
export class ForwardTraceService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(ProvenanceService) private readonly provenance: ProvenanceService,
    @Inject(RolesService) private readonly roles: RolesService,
  ) {}

  /** Per item: the transformations that consumed it, in chain order. */
  async usedIn(itemIds: readonly string[]): Promise<EventRow[][]> {
    const rows = await this.#consuming([...itemIds]);
    return itemIds.map((id) => rows.filter((row) => row.itemId === id).map((row) => row.event));
  }

  /** Per item: its packing into and unpacking from containers, in chain order. */
  async containersOf(itemIds: readonly string[]): Promise<LinkRow[][]> {
    const rows = await this.database.db
      .select()
      .from(aggregationLinks)
      .where(inArray(aggregationLinks.childId, [...itemIds]))
      .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex));
    return itemIds.map((id) => rows.filter((row) => row.childId === id));
  }

  /** Everything downstream of `itemId`; buyers only for an auditor and, of its own sales, the merchant. */
  async recall(itemId: string, caller: Session | null): Promise<Recall> {
    const root = await this.provenance.item(itemId);
    const reached = new Map<string, Omit<RecallEntry, "item">>([[root.id, { reachedBy: "recalled", from: null }]]);
    // Breadth first, one level a round trip; an item is visited once, so the walk ends.
    for (let frontier = [root.id]; frontier.length > 0; ) {
      const [made, packed] = await Promise.all([
        this.#consuming(frontier),
        this.database.db
          .select()
          .from(aggregationLinks)
          .where(and(inArray(aggregationLinks.childId, frontier), eq(aggregationLinks.action, "aggregated")))
          .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex)),
      ]);
      const next: string[] = [];
      const reach = (id: string, reachedBy: ReachedBy, from: string) => {
        if (reached.has(id)) return;
        reached.set(id, { reachedBy, from });
        next.push(id);
      };
      for (const { itemId: input, event } of made)
        for (const output of (event.outputIds as string[] | null) ?? []) reach(output, "transformation", input);
      for (const link of packed) reach(link.containerId, "aggregation", link.childId);
      frontier = next;
    }
    const ids = [...reached.keys()];
    const db = this.database.db;
    const [itemRows, orderLinks] = await Promise.all([
      db.select().from(provenanceItems).where(inArray(provenanceItems.id, ids)),
      db
        .select({ childId: aggregationLinks.childId, orderId: aggregationLinks.orderId })
        .from(aggregationLinks)
        .where(and(inArray(aggregationLinks.childId, ids), isNotNull(aggregationLinks.orderId)))
        .orderBy(asc(aggregationLinks.blockNumber), asc(aggregationLinks.logIndex)),
    ]);
    const orderIds = [...new Set(orderLinks.map((link) => link.orderId!))];
    const [orderRows, auditor] = await Promise.all([
      orderIds.length === 0 ? [] : db.select().from(orders).where(inArray(orders.id, orderIds)),
      caller ? this.roles.holdsAny(caller.address, [ROLES.AUDITOR]) : false,
    ]);
    const rowOf = new Map(itemRows.map((row) => [row.id, row]));
    const entries = [...reached].map(([id, how]) => ({ item: rowOf.get(id)!, ...how }));
    const recallOrders = orderIds.map((id) => {
      const order = orderRows.find((row) => row.id === id)!;
      const shown = auditor || order.merchant === caller?.address;
      return {
        id,
        merchant: order.merchant,
        status: order.status,
        itemIds: [...new Set(orderLinks.filter((link) => link.orderId === id).map((link) => link.childId))],
        buyer: shown ? order.buyer : null,
      };
    });
    return {
      item: root,
      items: entries.filter((entry) => entry.reachedBy !== "aggregation"),
      containers: entries.filter((entry) => entry.reachedBy === "aggregation"),
      orders: recallOrders,
      buyers: [...new Set(recallOrders.flatMap((order) => (order.buyer ? [order.buyer] : [])))],
      allBuyersShown: auditor,
    };
  }

  /** The transformations taking any of `itemIds` as input, with that input, in chain order. */
  #consuming(itemIds: string[]) {
    return this.database.db
      .select({ itemId: provenanceEventItems.itemId, event: provenanceEvents })
      .from(provenanceEventItems)
      .innerJoin(provenanceEvents, eq(provenanceEvents.id, provenanceEventItems.eventId))
      .where(and(inArray(provenanceEventItems.itemId, itemIds), eq(provenanceEventItems.role, "input")))
      .orderBy(asc(provenanceEvents.blockNumber), asc(provenanceEvents.id));
  }
}
