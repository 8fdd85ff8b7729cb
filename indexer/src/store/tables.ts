import { getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";

export interface ChainTable {
  name: string;
  table: PgTable;
  /** Primary key columns, by their TypeScript property names. */
  key: readonly string[];
  /** Rows that later events change (state, not records of events): a batch writes them once, at its end. */
  changing: boolean;
}

/** A table of entities whose rows later events update. */
const state = (table: PgTable, ...key: string[]): ChainTable => ({
  name: getTableName(table),
  table,
  key,
  changing: true,
});
/** A table of rows written once, when their event happens. */
const record = (table: PgTable, ...key: string[]): ChainTable => ({
  name: getTableName(table),
  table,
  key,
  changing: false,
});

/** Every table derived from chain events: written through the Store, undone on reorg, checksummed. */
export const CHAIN_TABLES: readonly ChainTable[] = [
  state(schema.merchants, "address"),
  record(schema.merchantStatusHistory, "blockNumber", "logIndex"),
  state(schema.listingVersions, "id"),
  state(schema.listings, "merchant", "sku"),
  state(schema.allowedTokens, "token"),
  state(schema.orders, "id"),
  record(schema.orderLines, "orderId", "line"),
  record(schema.orderTimeline, "blockNumber", "logIndex"),
  state(schema.disputes, "orderId"),
  record(schema.settlements, "orderId"),
  state(schema.balances, "account", "token"),
  record(schema.voucherRedemptions, "orderId"),
  record(schema.voucherRevocations, "digest"),
  state(schema.escrowSettings, "id"),
  record(schema.reviews, "orderId"),
  state(schema.ratingAggregates, "subjectType", "subject"),
  state(schema.provenanceItems, "id"),
  record(schema.provenanceEvents, "id"),
  record(schema.provenanceEventItems, "eventId", "itemId", "role"),
  record(schema.custodyTransfers, "blockNumber", "logIndex"),
  record(schema.aggregationLinks, "blockNumber", "logIndex", "childId"),
  record(schema.attestations, "blockNumber", "logIndex"),
  state(schema.roleMembers, "roleId", "account"),
  record(schema.roleGrantHistory, "blockNumber", "logIndex"),
  state(schema.roleLabels, "roleId"),
  state(schema.scheduledOperations, "operationId", "nonce"),
];

const BY_NAME = new Map(CHAIN_TABLES.map((entry) => [entry.name, entry]));

export function chainTableNamed(name: string): ChainTable {
  const entry = BY_NAME.get(name);
  if (!entry) throw new Error(`unknown chain table ${name}`);
  return entry;
}
