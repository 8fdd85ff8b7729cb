import { eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import type { ContractName } from "../../../sdk/contracts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { orderTermsFromJson } from "../../../sdk/order-terms.ts";
import { LISTING_STATUS_NAMES, MERCHANT_STATUS_NAMES, ORDER_STATUS_NAMES } from "../../../sdk/statuses.ts";
import { NothingIndexedError } from "../errors.ts";
import type { Db } from "../store/db.ts";
import {
  balances,
  disputes,
  escrowSettings,
  listings,
  listingVersions,
  merchants,
  orders,
  provenanceItems,
  type StoredOrderTerms,
} from "../store/schema.ts";
import { readCursor } from "../store/sync-state.ts";
import { readModelDisagreements } from "./read-model.ts";
import type { RpcClient } from "../sync/rpc.ts";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const ZERO_BYTES32 = `0x${"0".repeat(64)}`;
const CONCURRENCY = 16;

/** One column of one row whose value differs from the contract's state at the verified block. */
export interface Disagreement {
  table: string;
  key: Record<string, string>;
  field: string;
  database: string | null;
  chain: string | null;
}

export interface VerifyReport {
  /** The block the chain was read at: the indexer's cursor, so a moving head cannot cause false alarms. */
  block: number;
  /** Rows compared per table. */
  checked: Record<string, number>;
  disagreements: Disagreement[];
}

export interface VerifyOptions {
  /** Random rows per table; undefined: every row. */
  sample?: number;
}

type Row = Record<string, unknown>;
/** [field, database value, chain value]; undefined chain value: not comparable in this state. */
type Comparison = [string, unknown, unknown];

/**
 * Re-reads the contracts' state at the indexer's cursor block for a sample (or all) of the orders,
 * balances, listing versions, products, merchants and provenance items, and returns every field the
 * database has differently; and every field where the storefront read model differs from its indexed source.
 */
export async function verifyAgainstChain(
  db: Db,
  rpc: RpcClient,
  deployment: Deployment,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const cursor = await readCursor(db);
  if (!cursor) throw new NothingIndexedError("the database holds no indexed block yet: run the indexer first");
  const block = cursor.block;

  async function read(contract: ContractName, functionName: string, args: unknown[]): Promise<unknown> {
    const { address, abi } = deployment.contracts[contract];
    const data = await rpc.call(address, encodeFunctionData({ abi, functionName, args }), block);
    return decodeFunctionResult({ abi, functionName, data });
  }
  const rowsOf = (table: PgTable) => {
    const query = db.select().from(table);
    return (options.sample === undefined ? query : query.orderBy(sql`random()`).limit(options.sample)) as Promise<
      Row[]
    >;
  };

  const report: VerifyReport = { block, checked: {}, disagreements: [] };
  async function check(
    table: string,
    rows: Row[],
    keyOf: (row: Row) => Record<string, string>,
    compare: (row: Row) => Promise<Comparison[]>,
  ): Promise<void> {
    report.checked[table] = rows.length;
    await inParallel(rows, async (row) => {
      for (const [field, database, chain] of await compare(row)) {
        if (chain === undefined) continue;
        const [a, b] = [normalise(database), normalise(chain)];
        if (a !== b) report.disagreements.push({ table, key: keyOf(row), field, database: a, chain: b });
      }
    });
  }

  await check(
    "orders",
    await rowsOf(orders),
    (row) => ({ id: String(row.id) }),
    async (row) => {
      const id = BigInt(row.id as string);
      const [buyer, status, deadline, termsHash] = (await read("OrderEscrow", "orderOf", [id])) as [
        string,
        number,
        number,
        Hex,
      ];
      const terms = row.terms as StoredOrderTerms;
      const storedTermsHash = await read("OrderEscrow", "hashTerms", [orderTermsFromJson(terms)]);
      return [
        ["buyer", row.buyer, buyer],
        ["status", row.status, ORDER_STATUS_NAMES[status]],
        [
          "deadline",
          await expectedDeadline(row),
          ORDER_DEADLINE_STATUSES.has(row.status as string) ? deadline : undefined,
        ],
        ["terms", storedTermsHash, termsHash],
        ["refunded", row.refunded, await read("OrderEscrow", "refundedOf", [id])],
      ];
    },
  );

  async function expectedDeadline(order: Row): Promise<unknown> {
    if (order.status === "Shipped") return order.confirmBy;
    if (order.status !== "Disputed") return order.shipBy;
    const [dispute] = await db
      .select()
      .from(disputes)
      .where(eq(disputes.orderId, order.id as string));
    return dispute?.ruleBy ?? null;
  }

  await check(
    "balances",
    await rowsOf(balances),
    (row) => ({ account: String(row.account), token: String(row.token) }),
    async (row) => [["amount", row.amount, await read("OrderEscrow", "balanceOf", [row.account, row.token])]],
  );

  await check(
    "escrow_settings",
    await rowsOf(escrowSettings),
    () => ({ id: "1" }),
    async (row) => {
      const [, paused, feeBps, treasury] = (await read("OrderEscrow", "settings", [])) as [
        bigint,
        boolean,
        number,
        string,
      ];
      return [
        ["paused", row.paused, paused],
        ["feeBps", row.feeBps, feeBps],
        ["treasury", row.treasury, treasury],
      ];
    },
  );

  await check(
    "listing_versions",
    await rowsOf(listingVersions),
    (row) => ({ id: String(row.id) }),
    async (row) => {
      const record = (await read("ListingRegistry", "listingOf", [row.id])) as Record<string, unknown>;
      return [
        ["merchant", row.merchant, record.merchant],
        ["status", row.status, LISTING_STATUS_NAMES[record.status as number]],
        ["remaining", row.remaining, record.remaining],
        ["price", row.price, record.price],
        ["token", row.token, record.token],
        ["validFrom", row.validFrom, record.validFrom],
        ["validUntil", row.validUntil, record.validUntil],
        ["counter", row.counter, record.counter],
        ["maxPerBuyer", row.maxPerBuyer, record.maxPerBuyer],
      ];
    },
  );

  await check(
    "listings",
    await rowsOf(listings),
    (row) => ({ merchant: String(row.merchant), sku: String(row.sku) }),
    async (row) => {
      const [listingId, version] = (await read("ListingRegistry", "currentVersionOf", [
        row.merchant,
        BigInt(row.sku as string),
      ])) as [Hex, bigint];
      const record = (await read("ListingRegistry", "listingOf", [listingId])) as Record<string, unknown>;
      return [
        ["listingId", row.listingId, listingId],
        ["version", row.version, version],
        ["status", row.status, LISTING_STATUS_NAMES[record.status as number]],
        ["remaining", row.remaining, record.remaining],
        ["price", row.price, record.price],
        ["token", row.token, record.token],
      ];
    },
  );

  await check(
    "merchants",
    await rowsOf(merchants),
    (row) => ({ address: String(row.address) }),
    async (row) => {
      const merchant = (await read("MerchantRegistry", "merchantOf", [row.address])) as Record<string, unknown>;
      return [
        ["status", row.status, MERCHANT_STATUS_NAMES[merchant.status as number]],
        ["payout", row.payout, merchant.payout],
        ["signer", row.signer, merchant.signer === ZERO_ADDRESS ? null : merchant.signer],
        ["counter", row.counter, merchant.counter],
      ];
    },
  );

  await check(
    "provenance_items",
    await rowsOf(provenanceItems),
    (row) => ({ id: String(row.id) }),
    async (row) => {
      const [record, , container] = (await read("Provenance", "itemOf", [row.id])) as [
        Record<string, unknown>,
        string,
        Hex,
      ];
      const pending = (await read("Provenance", "pendingCustodianOf", [row.id])) as string;
      return [
        ["custodian", row.custodian, record.custodian],
        ["status", row.status, ["None", "Active", "Consumed"][record.status as number]],
        ["containerId", row.containerId, container === ZERO_BYTES32 ? null : container],
        ["pendingCustodian", row.pendingCustodian, pending === ZERO_ADDRESS ? null : pending],
      ];
    },
  );

  const readModel = await readModelDisagreements(db);
  report.checked.storefront_products = readModel.checked;
  report.disagreements.push(...readModel.disagreements);

  report.disagreements.sort(
    (a, b) =>
      a.table.localeCompare(b.table) ||
      JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)) ||
      a.field.localeCompare(b.field),
  );
  return report;
}

/** Statuses in which the escrow's `deadline` is one the indexer records (ship-by, confirm-by, rule-by). */
const ORDER_DEADLINE_STATUSES = new Set(["Placed", "Accepted", "Shipped", "Disputed"]);

/** Values as comparable strings: addresses and hashes lowercase, integers in decimal. */
function normalise(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return /^0x[0-9a-f]*$/i.test(value) ? value.toLowerCase() : value;
  return String(value);
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
