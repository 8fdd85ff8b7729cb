import { and, eq, gt } from "drizzle-orm";
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  parseEventLogs,
  zeroAddress,
  type Address,
} from "viem";
import { hardhat } from "viem/chains";
import { listings, orders } from "../../../indexer/src/store/schema.ts";
import type { orderTermsFromJson } from "../../../sdk/order-terms.ts";
import type { ApiSystem } from "./api-system.ts";

/**
 * A new, indexed order like the demo's order in `state` (Placed, Accepted or Shipped): same buyer and merchant, one
 * unit of one of the merchant's listings in stock, moved on as far as `state`. Suites that share one ledger act on
 * orders of their own, never on a demo order another suite may already have moved on.
 */
export async function freshOrder(system: ApiSystem, state: "Placed" | "Accepted" | "Shipped"): Promise<string> {
  const { rpcUrl, deployment } = system.ledger;
  const db = system.indexing.database.db;
  const demoId = (system.ledger.demo.orders as Record<string, string>)[state];
  const [demo] = await db.select().from(orders).where(eq(orders.id, demoId));
  const [listing] = await db
    .select()
    .from(listings)
    .where(and(eq(listings.merchant, demo.merchant), eq(listings.status, "Active"), gt(listings.remaining, "0")))
    .limit(1);
  const transport = http(rpcUrl);
  const client = createPublicClient({ chain: hardhat, transport });
  const wallet = createWalletClient({ chain: hardhat, transport });
  const escrow = deployment.contracts.OrderEscrow;
  const sent = async (hash: Promise<`0x${string}`>) => {
    const receipt = await client.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`a transaction of fresh order like ${state} reverted`);
    return receipt;
  };
  const price = BigInt(listing.price);
  const token = listing.token as Address;
  const buyer = demo.buyer as Address;
  if (token !== zeroAddress)
    await sent(
      wallet.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [escrow.address, price],
        account: buyer,
      }),
    );
  const request = {
    lines: [{ listingId: listing.listingId, quantity: 1n }],
    token,
    maxTotal: price,
    shippingCid: demo.shippingCid,
    shipping: 0n,
  };
  const placed = await sent(
    wallet.writeContract({
      ...escrow,
      functionName: "placeOrder",
      args: [request],
      account: buyer,
      value: token === zeroAddress ? price : 0n,
    }),
  );
  const [event] = parseEventLogs({ abi: escrow.abi, logs: placed.logs, eventName: "OrderPlaced" }) as unknown as {
    args: { orderId: bigint; terms: Parameters<typeof orderTermsFromJson>[0] };
  }[];
  const { orderId, terms } = event.args;
  const merchant = demo.merchant as Address;
  if (state !== "Placed")
    await sent(
      wallet.writeContract({ ...escrow, functionName: "acceptOrder", args: [orderId, terms], account: merchant }),
    );
  if (state === "Shipped")
    await sent(
      wallet.writeContract({
        ...escrow,
        functionName: "shipOrder",
        args: [orderId, terms, demo.shippingCid],
        account: merchant,
      }),
    );
  await system.catchUp();
  return orderId.toString();
}
