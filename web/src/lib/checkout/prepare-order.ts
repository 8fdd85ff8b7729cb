import type { Address, Hex } from "viem";
import { voucherFromJson } from "../../../../sdk/order-terms.ts";
import { graphqlRequest } from "../graphql/client.ts";

/** A voucher as prepareOrder returns it: OrderEscrow's SignedVoucher, integers as decimal strings. */
export interface PreparedVoucher {
  voucher: {
    merchant: Address;
    id: Hex;
    buyer: Address;
    amountOff: string;
    bpsOff: number;
    minTotal: string;
    expiry: number;
    maxUses: number;
    counter: string;
  };
  signature: Hex;
}

export interface PreparedOrder {
  merchant: Address;
  token: Address;
  subtotal: string;
  discount: string;
  shipping: string;
  total: string;
  voucher: PreparedVoucher | null;
  value: string;
  escrow: Address;
  request: {
    lines: { listingId: Hex; quantity: string }[];
    token: Address;
    maxTotal: string;
    shippingCid: string;
    shipping: string;
  };
}

const PREPARE_ORDER = /* GraphQL */ `
  query PrepareOrder($input: PrepareOrderInput!) {
    prepareOrder(input: $input) { merchant token subtotal discount shipping total voucher value escrow request }
  }
`;

/**
 * The API checks the lines against current stock, price and status and returns the exact OrderRequest.
 * `maxTotal` is the total the buyer saw (with shipping): a higher current price is refused rather than silently paid.
 */
export async function prepareOrder(input: {
  buyer: Address;
  lines: { listingId: Hex; quantity: number }[];
  shippingCid: string;
  shipTo: string;
  maxTotal: bigint;
  voucherCode?: string;
}): Promise<PreparedOrder> {
  const { prepareOrder: prepared } = await graphqlRequest<{ prepareOrder: PreparedOrder }>(PREPARE_ORDER, {
    input: {
      ...input,
      lines: input.lines.map((line) => ({ listingId: line.listingId, quantity: String(line.quantity) })),
      maxTotal: input.maxTotal.toString(),
    },
  });
  return prepared;
}

/** The SignedVoucher struct as the contract call wants it. */
export function voucherArgument({ voucher, signature }: PreparedVoucher) {
  return { voucher: voucherFromJson(voucher), signature };
}

/** The OrderRequest struct as the contract call wants it (the API sends uints as decimal strings). */
export function orderRequestArgument(request: PreparedOrder["request"]) {
  return {
    lines: request.lines.map((line) => ({ listingId: line.listingId, quantity: BigInt(line.quantity) })),
    token: request.token,
    maxTotal: BigInt(request.maxTotal),
    shippingCid: request.shippingCid,
    shipping: BigInt(request.shipping),
  };
}
