import type { Address, Hex, PublicClient, WalletClient } from "viem";
import type { StorefrontConfig } from "../config/storefront-config.ts";
import { orderEscrowAbi, reviewsAbi } from "../contracts/abis.ts";
import { confirmed } from "../checkout/pay.ts";
import { orderTermsArgument, type Order } from "./order-queries.ts";

/** Who acts and through what: the wallet that signs, the client that simulates and waits, the contracts. */
export interface Actor {
  wallet: WalletClient;
  client: PublicClient;
  account: Address;
  contracts: StorefrontConfig["contracts"];
}

type Call = { contract: "orderEscrow" | "reviews"; functionName: string; args: readonly unknown[] };

/** Simulates (so a refusal is decoded before the wallet prompt), sends, and waits for the receipt. */
async function send({ wallet, client, account, contracts }: Actor, call: Call): Promise<Hex> {
  const abi = call.contract === "reviews" ? reviewsAbi : orderEscrowAbi;
  const { request } = await client.simulateContract({ address: contracts[call.contract], abi, functionName: call.functionName, args: call.args, account, chain: wallet.chain });
  const hash = await wallet.writeContract(request);
  await confirmed(client, hash);
  return hash;
}

export const confirmDelivery = (actor: Actor, order: Order) =>
  send(actor, { contract: "orderEscrow", functionName: "confirmDelivery", args: [BigInt(order.id), orderTermsArgument(order.terms)] });

export const cancelOrder = (actor: Actor, order: Order) =>
  send(actor, { contract: "orderEscrow", functionName: "cancelOrder", args: [BigInt(order.id), orderTermsArgument(order.terms)] });

export const openDispute = (actor: Actor, order: Order, evidenceCid: string) =>
  send(actor, { contract: "orderEscrow", functionName: "disputeOrder", args: [BigInt(order.id), evidenceCid] });

export const postReview = (actor: Actor, order: Order, rating: number, reviewCid: string) =>
  send(actor, { contract: "reviews", functionName: "postReview", args: [BigInt(order.id), rating, reviewCid] });

export async function isReviewed({ client, contracts }: Pick<Actor, "client" | "contracts">, orderId: string): Promise<boolean> {
  return (await client.readContract({ address: contracts.reviews, abi: reviewsAbi, functionName: "isReviewed", args: [BigInt(orderId)] })) as boolean;
}
