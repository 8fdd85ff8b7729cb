import type {
  Address,
  ContractEventName,
  ContractFunctionArgs,
  ContractFunctionName,
  ContractFunctionReturnType,
  GetContractEventsParameters,
  Hex,
  ReadContractParameters,
} from "viem";
import type { ContractAbi, ContractName } from "../../../sdk/contracts.ts";
import { LISTING_STATUS_NAMES, MERCHANT_STATUS_NAMES, ORDER_STATUS_NAMES } from "../../../sdk/statuses.ts";
import type { Listing, OrderTerms } from "../../../sdk/eip712.ts";
import type { Chain } from "./chain.ts";
import { NotFoundError } from "./errors.ts";

export type { OrderTerms } from "../../../sdk/eip712.ts";

export interface Order {
  orderId: bigint;
  terms: OrderTerms;
  shipBy: number;
  shippingCid: string;
  /** The shipping charge the buyer agreed to, part of the total. */
  shipping: bigint;
  status: (typeof ORDER_STATUS_NAMES)[number];
  deadline: number;
  placedInBlock: bigint;
}

export interface PublishedListing {
  listingId: Hex;
  listing: Listing;
  status: (typeof LISTING_STATUS_NAMES)[number];
  remaining: bigint;
}

/** How far the indexer behind the GraphQL API has got (absent when reads come from the chain). */
export interface SyncStatus {
  indexedBlock: number | null;
  headBlock: number | null;
  lag: number | null;
}

export type Reader = ReturnType<typeof chainReader>;

/**
 * Every read the CLI makes, from chain state and event logs. Commands that act read here, so they see
 * the state the transaction will meet; `api-reader.ts` serves the browsing reads from the GraphQL API.
 */
export function chainReader(chain: Chain) {
  const { client, deployment } = chain;
  const fromBlock = deployment.deployBlock;
  const read = <C extends ContractName, F extends ContractFunctionName<ContractAbi<C>, "view" | "pure">>(
    contract: C,
    functionName: F,
    args: ContractFunctionArgs<ContractAbi<C>, "view" | "pure", F>,
  ) =>
    client.readContract({ ...chain.contract(contract), functionName, args } as ReadContractParameters) as Promise<
      ContractFunctionReturnType<ContractAbi<C>, "view" | "pure", F>
    >;
  const events = <C extends ContractName>(
    contract: C,
    eventName: ContractEventName<ContractAbi<C>>,
    args: Record<string, unknown>,
  ) =>
    client.getContractEvents({
      ...chain.contract(contract),
      eventName,
      args,
      fromBlock,
    } as GetContractEventsParameters) as Promise<{ args: Record<string, unknown>; blockNumber: bigint }[]>;

  async function merchant(account: Address) {
    const record = await read("MerchantRegistry", "merchantOf", [account]);
    return { ...record, status: MERCHANT_STATUS_NAMES[record.status] };
  }

  async function profileCid(account: Address): Promise<string | undefined> {
    const [applied, updated] = await Promise.all([
      events("MerchantRegistry", "MerchantApplied", { merchant: account }),
      events("MerchantRegistry", "MerchantProfileUpdated", { merchant: account }),
    ]);
    const latest = [...applied, ...updated].sort((a, b) => Number(a.blockNumber - b.blockNumber)).at(-1);
    return latest?.args.profileCid as string | undefined;
  }

  async function withStatus(placed: { args: Record<string, unknown>; blockNumber: bigint }): Promise<Order> {
    const orderId = placed.args.orderId as bigint;
    const [, status, deadline] = await read("OrderEscrow", "orderOf", [orderId]);
    return {
      orderId,
      terms: placed.args.terms as OrderTerms,
      shipBy: Number(placed.args.shipBy),
      shippingCid: placed.args.shippingCid as string,
      shipping: placed.args.shipping as bigint,
      status: ORDER_STATUS_NAMES[status],
      deadline: Number(deadline),
      placedInBlock: placed.blockNumber,
    };
  }

  async function order(orderId: bigint): Promise<Order> {
    const [placed] = await events("OrderEscrow", "OrderPlaced", { orderId });
    if (!placed) throw new NotFoundError(`order ${orderId}: no such order on chain ${chain.chainId}`);
    return withStatus(placed);
  }

  async function ordersOf(merchantAddress: Address): Promise<Order[]> {
    return Promise.all((await events("OrderEscrow", "OrderPlaced", { merchant: merchantAddress })).map(withStatus));
  }

  async function withRecord(published: { args: Record<string, unknown> }): Promise<PublishedListing> {
    const listingId = published.args.listingId as Hex;
    const record = await read("ListingRegistry", "listingOf", [listingId]);
    return {
      listingId,
      listing: published.args.listing as Listing,
      status: LISTING_STATUS_NAMES[record.status],
      remaining: record.remaining,
    };
  }

  async function listing(listingId: Hex): Promise<PublishedListing> {
    const [published] = await events("ListingRegistry", "ListingPublished", { listingId });
    if (!published) throw new NotFoundError(`listing ${listingId}: no such listing on chain ${chain.chainId}`);
    return withRecord(published);
  }

  /** The active (or last) version of a merchant's SKU, undefined if it was never published. */
  async function currentListing(merchantAddress: Address, sku: bigint): Promise<PublishedListing | undefined> {
    const [listingId] = await read("ListingRegistry", "currentVersionOf", [merchantAddress, sku]);
    if (/^0x0+$/.test(listingId)) return undefined;
    return listing(listingId);
  }

  async function listingsOf(merchantAddress: Address): Promise<PublishedListing[]> {
    return Promise.all(
      (await events("ListingRegistry", "ListingPublished", { merchant: merchantAddress })).map(withRecord),
    );
  }

  const balance = (account: Address, token: Address) => read("OrderEscrow", "balanceOf", [account, token]);
  const tokenAllowed = (token: Address) => read("ListingRegistry", "isTokenAllowed", [token]);

  /** The merchant's active listings. */
  async function activeListingsOf(merchantAddress: Address): Promise<PublishedListing[]> {
    return (await listingsOf(merchantAddress)).filter((l) => l.status === "Active");
  }

  return {
    source: "chain" as "chain" | "api",
    syncStatus: async (): Promise<SyncStatus | undefined> => undefined,
    merchant,
    profileCid,
    order,
    ordersOf,
    listing,
    currentListing,
    listingsOf,
    activeListingsOf,
    balance,
    tokenAllowed,
  };
}
