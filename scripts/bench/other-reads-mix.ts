// The requests of bench:api's otherReads scenarios: what the storefront's other readers ask besides searches and
// product pages, over the orders and items of scripts/bench/activity-seed.ts. Signed-in requests name the account
// whose session they carry.
import { encodeKeyset } from "../../api/src/common/keyset-cursor.ts";
import type { Activity } from "./activity-seed.ts";
import { randomSource, Zipf } from "./catalog.ts";

/** A GraphQL body, and the account it is sent signed in as (none: anonymous). */
export interface ReadRequest {
  body: string;
  as?: string;
}

const BUYER_ORDERS = `query { orders(role: BUYER, first: 10) { totalCount pageInfo { hasNextPage endCursor }
  nodes { id status total placedAt merchant { address } lines { quantity listing { title } } } } }`;
const MERCHANT_ORDERS = `query($status: OrderStatus, $after: String) {
  orders(role: MERCHANT, status: $status, first: 20, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id buyer status total placedAt shipBy lines { listingId quantity } timeline { event at } } } }`;
const MERCHANT_PAGE = `query($address: Address!) { merchant(address: $address) { address status profileStatus
  rating { count average } listings(first: 20) { totalCount nodes { id title price token stock media { url } } } } }`;
const TRACE = `query($id: Bytes32!) { provenance(itemId: $id) { item { epc status custodian }
  events { id kind bizStep location txHash blockNumber evidenceUrl } custody { from to stage txHash } } }`;

/**
 * Up to `count` distinct requests: a buyer's latest orders (30%), a merchant's orders from a random point of its list,
 * one status in a third of them (25%), a merchant's public page (25%), an item's trace (20%). Buyers and merchants
 * are drawn as they are active (Zipf), so the busiest accounts, whose lists are longest, come up most.
 */
export function otherReadsMix(count: number, activity: Activity, merchants: string[], seed = 17): ReadRequest[] {
  const random = randomSource(seed);
  const { buyers, ordersOfMerchant, itemIds } = activity;
  const buyerRank = new Zipf(buyers.length, 0.8);
  const selling = ordersOfMerchant.map((_, index) => index).filter((index) => ordersOfMerchant[index].length > 1);
  selling.sort((a, b) => ordersOfMerchant[b].length - ordersOfMerchant[a].length);
  const merchantRank = new Zipf(selling.length, 0.6);
  const requests = new Map<string, ReadRequest>();
  const add = (request: ReadRequest) => requests.set(`${request.as}|${request.body}`, request);
  // A small catalog's activity may hold fewer distinct requests than asked for: then those there are.
  for (let drawn = 0; requests.size < count && drawn < 20 * count; drawn++) {
    const roll = random();
    if (roll < 0.3) {
      add({ body: JSON.stringify({ query: BUYER_ORDERS }), as: buyers[buyerRank.draw(random)] });
    } else if (roll < 0.55) {
      const merchant = selling[merchantRank.draw(random)];
      const orders = ordersOfMerchant[merchant];
      const from = orders[1 + Math.floor(random() * (orders.length - 1))];
      const variables = {
        after: encodeKeyset("orders", from),
        ...(random() < 1 / 3 ? { status: random() < 0.5 ? "Shipped" : "Completed" } : {}),
      };
      add({ body: JSON.stringify({ query: MERCHANT_ORDERS, variables }), as: merchants[merchant] });
    } else if (roll < 0.8) {
      const address = merchants[selling[merchantRank.draw(random)]];
      add({ body: JSON.stringify({ query: MERCHANT_PAGE, variables: { address } }) });
    } else {
      const id = itemIds[Math.floor(random() * itemIds.length)];
      add({ body: JSON.stringify({ query: TRACE, variables: { id } }) });
    }
  }
  return [...requests.values()];
}
