import assert from "node:assert/strict";
import { getTableColumns, getTableName, isNotNull } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../../indexer/src/store/db.ts";
import * as schema from "../../../indexer/src/store/schema.ts";
import type { RpcClient } from "../../../indexer/src/sync/rpc.ts";

/** Every (block column, time column) pair the indexer fills: the time must be that block's timestamp. */
const DATED: [PgTable, string, string][] = [
  [schema.merchants, "appliedBlock", "appliedAt"],
  [schema.merchantStatusHistory, "blockNumber", "at"],
  [schema.listingVersions, "publishedBlock", "publishedAt"],
  [schema.orders, "placedBlock", "placedAt"],
  [schema.orderTimeline, "blockNumber", "at"],
  [schema.disputes, "openedBlock", "openedAt"],
  [schema.disputes, "resolvedBlock", "resolvedAt"],
  [schema.settlements, "blockNumber", "settledAt"],
  [schema.reviews, "blockNumber", "postedAt"],
  [schema.provenanceItems, "registeredBlock", "registeredAt"],
  [schema.provenanceEvents, "blockNumber", "recordedAt"],
  [schema.custodyTransfers, "blockNumber", "at"],
  [schema.aggregationLinks, "blockNumber", "at"],
  [schema.attestations, "blockNumber", "at"],
  [schema.roleMembers, "grantedBlock", "grantedAt"],
  [schema.roleMembers, "revokedBlock", "revokedAt"],
  [schema.roleGrantHistory, "blockNumber", "at"],
];

/** Asserts every dated row carries its block's timestamp on the chain `rpc` serves; returns rows checked per table. */
export async function assertBlockTimes(db: Db, rpc: RpcClient): Promise<Record<string, number>> {
  const pairs: { where: string; block: number; time: number | null }[] = [];
  const checked: Record<string, number> = {};
  for (const [table, blockProperty, timeProperty] of DATED) {
    const columns = getTableColumns(table) as Record<string, PgColumn>;
    const rows = await db
      .select({ block: columns[blockProperty], time: columns[timeProperty] })
      .from(table)
      .where(isNotNull(columns[blockProperty]));
    const name = getTableName(table);
    checked[name] = (checked[name] ?? 0) + rows.length;
    for (const row of rows)
      pairs.push({
        where: `${name}.${timeProperty} of block ${row.block}`,
        block: row.block as number,
        time: row.time as number | null,
      });
  }
  const blocks = [...new Set(pairs.map((pair) => pair.block))];
  const headers = new Map((await rpc.blocks(blocks)).map((header) => [header!.number, header!.timestamp]));
  for (const pair of pairs) assert.equal(pair.time, headers.get(pair.block), pair.where);
  return checked;
}
