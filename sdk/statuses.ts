/** IMerchantRegistry.MerchantStatus in declaration order (the ABI returns the index). */
export const MERCHANT_STATUS_NAMES = ["None", "Applied", "Approved", "Rejected", "Suspended"] as const;

/** IListingRegistry.ListingStatus in declaration order. */
export const LISTING_STATUS_NAMES = ["None", "Active", "Superseded", "Cancelled"] as const;

/** IOrderEscrow.OrderStatus in declaration order: the ABI returns a status as its index here. */
export const ORDER_STATUS_NAMES = [
  "None",
  "Placed",
  "Accepted",
  "Shipped",
  "Disputed",
  "Completed",
  "Cancelled",
  "Rejected",
  "Refunded",
  "Reclaimed",
  "Resolved",
] as const;

export type OrderStatusName = (typeof ORDER_STATUS_NAMES)[number];

/** Status name → the number the contract uses. */
export const ORDER_STATUS = Object.fromEntries(ORDER_STATUS_NAMES.map((name, index) => [name, index])) as {
  readonly [Name in OrderStatusName]: number;
};

/** Statuses in which the escrow still holds the order's money. */
export const OPEN_ORDER_STATUSES: readonly number[] = [
  ORDER_STATUS.Placed,
  ORDER_STATUS.Accepted,
  ORDER_STATUS.Shipped,
  ORDER_STATUS.Disputed,
];
