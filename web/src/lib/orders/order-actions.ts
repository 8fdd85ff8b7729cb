import type { Address, Hex, PublicClient, WalletClient } from "viem";
import type { DeadlineCall } from "../../../../sdk/deadlines.ts";
import type { StorefrontConfig } from "../config/storefront-config.ts";
import { orderEscrowAbi, reviewsAbi } from "../contracts/abis.ts";
import { confirmed } from "../checkout/pay.ts";
import { orderTermsFromJson } from "../../../../sdk/order-terms.ts";
import type { Order } from "./order-queries.ts";

/** Who acts and through what: the wallet that signs, the client that simulates and waits, the contracts. */
export interface Actor {
  wallet: WalletClient;
  client: PublicClient;
  account: Address;
  contracts: StorefrontConfig["contracts"];
}

/**
 * The contract's address, ABI and sender; each action simulates first, so a refusal is decoded before the
 * wallet prompt.
 */
const escrow = ({ wallet, account, contracts }: Actor) =>
  ({ address: contracts.orderEscrow, abi: orderEscrowAbi, account, chain: wallet.chain }) as const;
const reviews = ({ wallet, account, contracts }: Actor) =>
  ({ address: contracts.reviews, abi: reviewsAbi, account, chain: wallet.chain }) as const;

/** Sends a simulated call and waits for its receipt. */
async function send({ wallet, client }: Actor, request: Parameters<WalletClient["writeContract"]>[0]): Promise<Hex> {
  const hash = await wallet.writeContract(request);
  await confirmed(client, hash);
  return hash;
}

export async function confirmDelivery(actor: Actor, order: Order): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...escrow(actor),
    functionName: "confirmDelivery",
    args: [BigInt(order.id), orderTermsFromJson(order.terms)],
  });
  return send(actor, request);
}

export async function cancelOrder(actor: Actor, order: Order): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...escrow(actor),
    functionName: "cancelOrder",
    args: [BigInt(order.id), orderTermsFromJson(order.terms)],
  });
  return send(actor, request);
}

/**
 * Ends an order whose deadline passed, as anyone may: `reclaimOrder` refunds a buyer the merchant never shipped to,
 * `finalizeOrder` pays a merchant whose buyer never confirmed.
 */
export async function endOverdueOrder(
  actor: Actor,
  order: Order,
  call: Extract<DeadlineCall, "reclaimOrder" | "finalizeOrder">,
): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...escrow(actor),
    functionName: call,
    args: [BigInt(order.id), orderTermsFromJson(order.terms)],
  });
  return send(actor, request);
}

export async function openDispute(actor: Actor, order: Order, evidenceCid: string): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...escrow(actor),
    functionName: "disputeOrder",
    args: [BigInt(order.id), evidenceCid],
  });
  return send(actor, request);
}

/** Pays out the account's whole credited balance in `token` (refunds, sales) from the escrow to the wallet. */
export async function withdraw(actor: Actor, token: Address): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...escrow(actor),
    functionName: "withdraw",
    args: [token],
  });
  return send(actor, request);
}

export async function postReview(actor: Actor, order: Order, rating: number, reviewCid: string): Promise<Hex> {
  const { request } = await actor.client.simulateContract({
    ...reviews(actor),
    functionName: "postReview",
    args: [BigInt(order.id), rating, reviewCid],
  });
  return send(actor, request);
}

export async function isReviewed(
  { client, contracts }: Pick<Actor, "client" | "contracts">,
  orderId: string,
): Promise<boolean> {
  return client.readContract({
    address: contracts.reviews,
    abi: reviewsAbi,
    functionName: "isReviewed",
    args: [BigInt(orderId)],
  });
}
