import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEventLogs,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { abiOf, type ContractName } from "../../../sdk/contracts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { listingDomain, listingTypes, NATIVE_TOKEN, type OrderTerms } from "../../../sdk/eip712.ts";
import { ROLES } from "../../../sdk/roles.ts";
import { ORDER_STATUS_NAMES, type OrderStatusName } from "../../../sdk/statuses.ts";

export const DAY = 86_400;
const CID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
const PRICE = 10n ** 15n;

/** The states in which a deadline can end an order. */
export type OpenState = "Placed" | "Accepted" | "Shipped" | "Disputed";

export interface PlacedOrder {
  id: bigint;
  terms: OrderTerms;
}

/**
 * On a freshly deployed ledger (a node with unlocked development accounts): one approved merchant with one listing,
 * and a buyer whose orders the test drives into the states a deadline ends (Placed, Accepted, Shipped, Disputed).
 */
export async function expiringOrders(rpcUrl: string, deployment: Deployment) {
  const transport = http(rpcUrl);
  const client = createPublicClient({ chain: hardhat, transport });
  const wallet = createWalletClient({ chain: hardhat, transport });
  const clock = createTestClient({ chain: hardhat, mode: "hardhat", transport });
  const [admin, merchant, buyer] = await wallet.getAddresses();

  async function send(contract: ContractName, functionName: string, args: unknown[], from: Address, value?: bigint) {
    const { address, abi } = deployment.contracts[contract];
    const hash = await wallet.writeContract({ address, abi, functionName, args, account: from, value, chain: hardhat });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${contract}.${functionName} reverted`);
    return receipt;
  }

  await send("AccessManager", "grantRole", [ROLES.REGISTRAR, admin, 0], admin);
  await send("MerchantRegistry", "register", [CID, merchant], merchant);
  await send("MerchantRegistry", "approve", [merchant], admin);
  const now = Number((await client.getBlock()).timestamp);
  const listing = {
    merchant,
    sku: 1n,
    version: 1n,
    metadataCid: CID,
    price: PRICE,
    token: NATIVE_TOKEN,
    quantity: 1_000n,
    maxPerBuyer: 0n,
    validFrom: now - 60,
    validUntil: now + 365 * DAY,
    counter: 0n,
  };
  const signature: Hex = await wallet.signTypedData({
    account: merchant,
    domain: listingDomain(hardhat.id, deployment.contracts.ListingRegistry.address),
    types: listingTypes,
    primaryType: "Listing",
    message: listing,
  });
  const published = await send("ListingRegistry", "publish", [listing, signature], merchant);
  const [{ args: listingArgs }] = parseEventLogs({
    abi: abiOf("ListingRegistry"),
    logs: published.logs,
    eventName: "ListingPublished",
  });

  async function place(): Promise<PlacedOrder> {
    const request = {
      lines: [{ listingId: listingArgs.listingId, quantity: 1n }],
      token: NATIVE_TOKEN,
      maxTotal: PRICE,
      shippingCid: CID,
      shipping: 0n,
    };
    const receipt = await send("OrderEscrow", "placeOrder", [request], buyer, PRICE);
    const [placed] = parseEventLogs({ abi: abiOf("OrderEscrow"), logs: receipt.logs, eventName: "OrderPlaced" });
    return { id: placed.args.orderId, terms: placed.args.terms };
  }
  /** Drives a placed order into `state` as its merchant and buyer would. */
  async function drive(order: PlacedOrder, state: OpenState): Promise<void> {
    if (state === "Placed") return;
    if (state === "Accepted") {
      await send("OrderEscrow", "acceptOrder", [order.id, order.terms], merchant);
      return;
    }
    await send("OrderEscrow", "shipOrder", [order.id, order.terms, CID], merchant);
    if (state === "Disputed") await send("OrderEscrow", "disputeOrder", [order.id, CID], buyer);
  }

  return {
    client,
    buyer,
    send,
    /** Places `count` orders and drives each into `state`. */
    async orders(state: OpenState, count: number): Promise<PlacedOrder[]> {
      const placed: PlacedOrder[] = [];
      for (let i = 0; i < count; i++) {
        const order = await place();
        await drive(order, state);
        placed.push(order);
      }
      return placed;
    },
    async status(order: PlacedOrder): Promise<OrderStatusName> {
      const [, status] = await client.readContract({
        address: deployment.contracts.OrderEscrow.address,
        abi: abiOf("OrderEscrow"),
        functionName: "orderOf",
        args: [order.id],
      });
      return ORDER_STATUS_NAMES[status];
    },
    /** Moves the chain's clock `seconds` forward and mines a block at the new time. */
    async advance(seconds: number): Promise<void> {
      await clock.increaseTime({ seconds });
      await clock.mine({ blocks: 1 });
    },
  };
}
