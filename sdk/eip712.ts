import type { Address } from "viem";

/** EIP-712 domains and types signed for the contracts; they mirror the Solidity typehashes. */

export const listingDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: "CommerceListings", version: "1", chainId, verifyingContract }) as const;

export const escrowDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: "CommerceEscrow", version: "1", chainId, verifyingContract }) as const;

export const listingTypes = {
  Listing: [
    { name: "merchant", type: "address" },
    { name: "sku", type: "uint256" },
    { name: "version", type: "uint64" },
    { name: "metadataCid", type: "string" },
    { name: "price", type: "uint128" },
    { name: "token", type: "address" },
    { name: "quantity", type: "uint96" },
    { name: "maxPerBuyer", type: "uint64" },
    { name: "validFrom", type: "uint40" },
    { name: "validUntil", type: "uint40" },
    { name: "counter", type: "uint64" },
  ],
} as const;

const orderLine = [
  { name: "listingId", type: "bytes32" },
  { name: "quantity", type: "uint96" },
] as const;

const orderRequest = [
  { name: "lines", type: "OrderLine[]" },
  { name: "token", type: "address" },
  { name: "maxTotal", type: "uint256" },
  { name: "shippingCid", type: "string" },
  { name: "shipping", type: "uint96" },
] as const;

export const orderIntentTypes = {
  OrderIntent: [
    { name: "buyer", type: "address" },
    { name: "request", type: "OrderRequest" },
    { name: "voucher", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  OrderRequest: orderRequest,
  OrderLine: orderLine,
} as const;

/** EIP-2612 `permit` of an ERC-20 (the token's own domain). */
export const permitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export const voucherTypes = {
  Voucher: [
    { name: "merchant", type: "address" },
    { name: "id", type: "bytes32" },
    { name: "buyer", type: "address" },
    { name: "amountOff", type: "uint96" },
    { name: "bpsOff", type: "uint16" },
    { name: "minTotal", type: "uint96" },
    { name: "expiry", type: "uint40" },
    { name: "maxUses", type: "uint32" },
    { name: "counter", type: "uint64" },
  ],
} as const;

export type Listing = {
  merchant: Address;
  sku: bigint;
  version: bigint;
  metadataCid: string;
  price: bigint;
  token: Address;
  quantity: bigint;
  /** Units one buyer may hold of this version; 0n for no limit. */
  maxPerBuyer: bigint;
  validFrom: number;
  validUntil: number;
  counter: bigint;
};

export type OrderLine = { listingId: `0x${string}`; quantity: bigint };

/** IOrderEscrow.OrderTerms: what an order's every call after placement passes back. */
export type OrderTerms = {
  buyer: Address;
  merchant: Address;
  token: Address;
  total: bigint;
  feeBps: number;
  treasury: Address;
  lines: readonly OrderLine[];
};

export type OrderRequest = {
  lines: readonly OrderLine[];
  token: Address;
  maxTotal: bigint;
  shippingCid: string;
  /** The shipping charge, added to the lines' total after any discount. */
  shipping: bigint;
};

export type Voucher = {
  merchant: Address;
  id: `0x${string}`;
  buyer: Address;
  amountOff: bigint;
  bpsOff: number;
  minTotal: bigint;
  expiry: number;
  maxUses: number;
  counter: bigint;
};

export const NATIVE_TOKEN: Address = "0x0000000000000000000000000000000000000000";

/** The "no voucher" argument of the placement functions. */
export const NO_VOUCHER = {
  voucher: {
    merchant: NATIVE_TOKEN,
    id: `0x${"00".repeat(32)}`,
    buyer: NATIVE_TOKEN,
    amountOff: 0n,
    bpsOff: 0,
    minTotal: 0n,
    expiry: 0,
    maxUses: 0,
    counter: 0n,
  },
  signature: "0x",
} as const satisfies { voucher: Voucher; signature: `0x${string}` };

/** An intent's `voucher` when it is placed without one. */
export const NO_VOUCHER_DIGEST = `0x${"00".repeat(32)}` as const;

/** The "no permit" argument of placeOrderFor. */
export const NO_PERMIT = {
  value: 0n,
  deadline: 0n,
  v: 0,
  r: `0x${"00".repeat(32)}`,
  s: `0x${"00".repeat(32)}`,
} as const;
