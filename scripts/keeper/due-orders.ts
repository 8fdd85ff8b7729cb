import { and, eq, inArray, lt, or } from "drizzle-orm";
import type { Db } from "../../indexer/src/store/db.ts";
import { disputes, orders, type StoredOrderTerms } from "../../indexer/src/store/schema.ts";
import { type DeadlineCall, dueCall } from "../../sdk/deadlines.ts";

export interface DueOrder {
  id: string;
  status: string;
  call: DeadlineCall;
  /** The deadline that passed, unix seconds. */
  deadline: number;
  /** The block of the order's last change in the index: a call that failed is not tried again until it moves. */
  version: number;
  terms: StoredOrderTerms;
}

/**
 * The open orders whose deadline is before `chainTime` (the escrow's own test, `block.timestamp > deadline`,
 * holds in any later block), soonest deadline first: unshipped past ship-by, shipped past the confirmation
 * window, disputed past the ruling window.
 */
export async function dueOrders(db: Db, chainTime: number): Promise<DueOrder[]> {
  const rows = await db
    .select({
      id: orders.id,
      status: orders.status,
      shipBy: orders.shipBy,
      confirmBy: orders.confirmBy,
      ruleBy: disputes.ruleBy,
      version: orders.blockNumber,
      terms: orders.terms,
    })
    .from(orders)
    .leftJoin(disputes, eq(disputes.orderId, orders.id))
    .where(
      or(
        and(inArray(orders.status, ["Placed", "Accepted"]), lt(orders.shipBy, chainTime)),
        and(eq(orders.status, "Shipped"), lt(orders.confirmBy, chainTime)),
        and(eq(orders.status, "Disputed"), lt(disputes.ruleBy, chainTime)),
      ),
    );
  return rows
    .map(
      ({ shipBy, confirmBy, ruleBy, ...row }): DueOrder => ({
        ...row,
        ...dueCall({ status: row.status, shipBy, confirmBy, ruleBy }, chainTime)!,
      }),
    )
    .sort((a, b) => a.deadline - b.deadline || Number(BigInt(a.id) - BigInt(b.id)));
}
