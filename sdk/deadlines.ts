/** The permissionless escrow call that ends an order whose deadline has passed. */
export type DeadlineCall = "reclaimOrder" | "finalizeOrder" | "settleDispute";

/** An order's status and deadlines, unix seconds (`ruleBy`: its dispute's ruling deadline, if disputed). */
export interface OrderDeadlines {
  status: string;
  shipBy: number;
  confirmBy: number | null;
  ruleBy?: number | null;
}

/**
 * The call an order's passed deadline allows at `chainTime` (the escrow's own test, `block.timestamp > deadline`,
 * holds in any later block), with that deadline: unshipped past ship-by, the buyer reclaims; shipped past the
 * confirmation window, the merchant is paid; disputed past the ruling window, the default settlement. Else none.
 */
export function dueCall(
  order: OrderDeadlines,
  chainTime: number,
): { call: DeadlineCall; deadline: number } | undefined {
  const due = (call: DeadlineCall, deadline: number | null | undefined) =>
    deadline != null && deadline < chainTime ? { call, deadline } : undefined;
  switch (order.status) {
    case "Placed":
    case "Accepted":
      return due("reclaimOrder", order.shipBy);
    case "Shipped":
      return due("finalizeOrder", order.confirmBy);
    case "Disputed":
      return due("settleDispute", order.ruleBy);
    default:
      return undefined;
  }
}
