import { Inject, Injectable } from "@nestjs/common";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { attestations, provenanceEvents, provenanceItems } from "#indexer/store/schema.ts";
import { fallbackEpc } from "#sdk/epcis.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { recordedEpcisEvent } from "./epcis.ts";
import { eventConditions, type EventFilter } from "./event-filter.ts";
import { type EventRow, type ItemRow, ProvenanceService } from "./provenance.service.ts";

export type AttestationRow = typeof attestations.$inferSelect;
/** Keyset positions: an event's (block, id), an item's (registered block, id), an attestation's (block, log index). */
export type EventKey = [block: number, id: string];
export type ItemKey = [block: number, id: string];
export type AttestationKey = [block: number, logIndex: number];

export interface ItemFilter {
  merchant?: string;
  listing?: string;
  status?: string;
}

/**
 * Auditors' lists over the whole ledger: recorded events, items and attestations by filter, in chain order, a page
 * at a time from a keyset position (each list has an index per filter ending in its order). Each returns up to
 * `limit + 1` rows: the extra one only tells that a next page exists.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(ProvenanceService) private readonly provenance: ProvenanceService,
  ) {}

  async events(filter: EventFilter, limit: number, after: EventKey | null): Promise<EventRow[]> {
    const events = provenanceEvents;
    const db = this.database.db;
    return db
      .select()
      .from(events)
      .where(
        and(
          eventConditions(db, filter),
          after ? sql`(${events.blockNumber}, ${events.id}) > (${after[0]}, ${after[1]}::numeric)` : undefined,
        ),
      )
      .orderBy(asc(events.blockNumber), asc(events.id))
      .limit(limit + 1);
  }

  /** `events` as EPCIS 2.0 events, through the export's own mapping (epcis.ts). */
  async epcisEvents(events: EventRow[]): Promise<Record<string, unknown>[]> {
    const ids = [
      ...new Set(
        events.flatMap((event) => [...(event.itemIds as string[]), ...((event.outputIds as string[] | null) ?? [])]),
      ),
    ];
    const [items, corrections] = await Promise.all([
      ids.length === 0
        ? []
        : this.database.db
            .select({ id: provenanceItems.id, epc: provenanceItems.epc })
            .from(provenanceItems)
            .where(inArray(provenanceItems.id, ids)),
      this.provenance.corrections(events.map((event) => event.id)),
    ]);
    const epcs = new Map(items.map((item) => [item.id, item.epc]));
    const { chainId } = this.config;
    const epc = (id: string) => epcs.get(id) ?? fallbackEpc(chainId, id);
    return events.map((event) => recordedEpcisEvent(chainId, event, epc, corrections.get(event.id) ?? []));
  }

  async items(filter: ItemFilter, limit: number, after: ItemKey | null): Promise<ItemRow[]> {
    const items = provenanceItems;
    return this.database.db
      .select()
      .from(items)
      .where(
        and(
          filter.merchant === undefined ? undefined : eq(items.registeredBy, filter.merchant),
          filter.listing === undefined ? undefined : eq(items.listingId, filter.listing),
          filter.status === undefined ? undefined : eq(items.status, filter.status),
          after ? sql`(${items.registeredBlock}, ${items.id}) > (${after[0]}, ${after[1]})` : undefined,
        ),
      )
      .orderBy(asc(items.registeredBlock), asc(items.id))
      .limit(limit + 1);
  }

  async attestations(
    filter: { auditor?: string; item?: string },
    limit: number,
    after: AttestationKey | null,
  ): Promise<AttestationRow[]> {
    const rows = attestations;
    return this.database.db
      .select()
      .from(rows)
      .where(
        and(
          filter.auditor === undefined ? undefined : eq(rows.auditor, filter.auditor),
          filter.item === undefined ? undefined : eq(rows.itemId, filter.item),
          after ? sql`(${rows.blockNumber}, ${rows.logIndex}) > (${after[0]}, ${after[1]})` : undefined,
        ),
      )
      .orderBy(asc(rows.blockNumber), asc(rows.logIndex))
      .limit(limit + 1);
  }
}
