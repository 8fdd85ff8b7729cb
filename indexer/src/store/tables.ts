import { getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";

export interface ChainTable {
  name: string;
  table: PgTable;
  /** Primary key columns, by their TypeScript property names. */
  key: readonly string[];
}

const chainTable = (table: PgTable, ...key: string[]): ChainTable => ({ name: getTableName(table), table, key });

/** Every table derived from chain events: written through the Store, undone on reorg, checksummed. */
export const CHAIN_TABLES: readonly ChainTable[] = [
  chainTable(schema.merchants, "address"),
  chainTable(schema.merchantStatusHistory, "blockNumber", "logIndex"),
  chainTable(schema.listingVersions, "id"),
  chainTable(schema.listings, "merchant", "sku"),
  chainTable(schema.allowedTokens, "token"),
  chainTable(schema.orders, "id"),
  chainTable(schema.orderLines, "orderId", "line"),
  chainTable(schema.orderTimeline, "blockNumber", "logIndex"),
  chainTable(schema.disputes, "orderId"),
  chainTable(schema.settlements, "orderId"),
  chainTable(schema.balances, "account", "token"),
  chainTable(schema.voucherRedemptions, "orderId"),
  chainTable(schema.escrowSettings, "id"),
  chainTable(schema.reviews, "orderId"),
  chainTable(schema.ratingAggregates, "subjectType", "subject"),
  chainTable(schema.provenanceItems, "id"),
  chainTable(schema.provenanceEvents, "id"),
  chainTable(schema.provenanceEventItems, "eventId", "itemId", "role"),
  chainTable(schema.custodyTransfers, "blockNumber", "logIndex"),
  chainTable(schema.aggregationLinks, "blockNumber", "logIndex", "childId"),
  chainTable(schema.attestations, "blockNumber", "logIndex"),
  chainTable(schema.roleMembers, "roleId", "account"),
  chainTable(schema.roleGrantHistory, "blockNumber", "logIndex"),
  chainTable(schema.roleLabels, "roleId"),
];

const BY_NAME = new Map(CHAIN_TABLES.map((entry) => [entry.name, entry]));

export function chainTableNamed(name: string): ChainTable {
  const entry = BY_NAME.get(name);
  if (!entry) throw new Error(`unknown chain table ${name}`);
  return entry;
}
