import { Inject, Injectable } from "@nestjs/common";
import { and, asc, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import { disputes, orderLines, orders, orderTimeline, settlements, syncState } from "#indexer/store/schema.ts";
import { ROLES } from "#sdk/roles.ts";
import type { Session } from "../auth/session-tokens.ts";
import { pageSize } from "../common/connection.ts";
import { decodeKeyset, keysetConnection } from "../common/keyset-cursor.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { RolesService } from "../roles/roles.service.ts";

export type OrderRow = typeof orders.$inferSelect;
/** An order's place in the lists: its placing block, then its id. */
type OrderKey = [placedBlock: number, id: string];
const orderKey = (order: OrderRow): OrderKey => [order.placedBlock, order.id];
export type OrderRole = "BUYER" | "MERCHANT" | "ANY";

/** Roles that may read every order. */
const OVERSEERS = [ROLES.AUDITOR, ROLES.ARBITER] as const;

/** Orders for the people party to them (or auditors and arbiters): status, lines, timeline, dispute, settlement. */
@Injectable()
export class OrdersService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(RolesService) private readonly roles: RolesService,
  ) {}

  /**
   * The signed-in account's orders as buyer, merchant or either, newest first, a keyset page at a time (one index
   * range per party); overseers see all with role ANY, unless `ownOnly`. totalCount counts only when it is asked for.
   */
  async list(
    session: Session,
    args: { role?: OrderRole | null; status?: string | null; first?: number | null; after?: string | null },
    ownOnly = false,
  ) {
    const limit = pageSize(args.first, this.config.limits.maxPageSize);
    const after = args.after ? (decodeKeyset(args.after, "orders", ["int", "uint"], "after") as OrderKey) : null;
    const role = args.role ?? "ANY";
    const overseer = role === "ANY" && !ownOnly && (await this.roles.holdsAny(session.address, OVERSEERS));
    const asBuyer = eq(orders.buyer, session.address);
    const asMerchant = eq(orders.merchant, session.address);
    const parties =
      role === "BUYER" ? [asBuyer] : role === "MERCHANT" ? [asMerchant] : overseer ? [] : [asBuyer, asMerchant];
    const status = args.status ? eq(orders.status, args.status) : undefined;
    const before = after ? sql`(${orders.placedBlock}, ${orders.id}) < (${after[0]}, ${after[1]}::numeric)` : undefined;
    const db = this.database.db;
    const page = (party?: SQL) =>
      db
        .select()
        .from(orders)
        .where(and(party, status, before))
        .orderBy(desc(orders.placedBlock), desc(orders.id))
        .limit(limit + 1);
    const rows =
      parties.length < 2
        ? await page(parties[0])
        : newestFirst((await Promise.all(parties.map(page))).flat(), limit + 1);
    const matching = and(or(...parties), status);
    return {
      ...keysetConnection(rows, limit, "orders", orderKey, after !== null),
      totalCount: async () =>
        (await db.select({ total: sql<number>`count(*)::int` }).from(orders).where(matching))[0].total,
    };
  }

  /** One order, if `session` is its buyer or merchant or holds an overseeing role. */
  async byId(session: Session, id: string): Promise<OrderRow> {
    const [row] = await this.database.db.select().from(orders).where(eq(orders.id, id));
    if (!row) throw new NotFoundError("order", id);
    await this.assertCanRead(session, row);
    return row;
  }

  /** The merchant's orders placed or changed after block `afterBlock`, in the order they last changed. */
  changedSince(merchant: string, afterBlock: number): Promise<OrderRow[]> {
    return this.database.db
      .select()
      .from(orders)
      .where(and(eq(orders.merchant, merchant), gt(orders.blockNumber, afterBlock)))
      .orderBy(asc(orders.blockNumber), asc(orders.id));
  }

  /** The last block the index committed: what has changed so far. */
  async indexedThrough(): Promise<number> {
    const [state] = await this.database.db.select({ cursor: syncState.cursorBlock }).from(syncState);
    return state?.cursor ?? 0;
  }

  async assertCanRead(session: Session, order: Pick<OrderRow, "id" | "buyer" | "merchant">): Promise<void> {
    if (order.buyer === session.address || order.merchant === session.address) return;
    if (await this.roles.holdsAny(session.address, OVERSEERS)) return;
    throw new ForbiddenError(`order ${order.id} belongs to other accounts`);
  }

  async lines(ids: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(orderLines)
      .where(inArray(orderLines.orderId, [...ids]))
      .orderBy(asc(orderLines.line));
    return ids.map((id) => rows.filter((row) => row.orderId === id));
  }

  async timelines(ids: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(orderTimeline)
      .where(inArray(orderTimeline.orderId, [...ids]))
      .orderBy(asc(orderTimeline.blockNumber), asc(orderTimeline.logIndex));
    return ids.map((id) => rows.filter((row) => row.orderId === id));
  }

  async disputes(ids: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(disputes)
      .where(inArray(disputes.orderId, [...ids]));
    return ids.map((id) => rows.find((row) => row.orderId === id) ?? null);
  }

  async settlements(ids: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(settlements)
      .where(inArray(settlements.orderId, [...ids]));
    return ids.map((id) => rows.find((row) => row.orderId === id) ?? null);
  }
}

/** The first `count` of `rows` newest first, each order once (an account can be buyer and merchant of one order). */
function newestFirst(rows: OrderRow[], count: number): OrderRow[] {
  const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
  const compare = (a: OrderRow, b: OrderRow) => b.placedBlock - a.placedBlock || Number(BigInt(b.id) - BigInt(a.id));
  return unique.sort(compare).slice(0, count);
}
