import DataLoader from "dataloader";
import type { Services } from "./services.ts";

/** Per-request batching: every field resolver that reads by key goes through one of these (no N+1). */
export function createLoaders(services: Services) {
  const loader = <K, V>(batch: (keys: readonly K[]) => Promise<V[]>) => new DataLoader<K, V>(async (keys) => batch(keys), { maxBatchSize: 1000 });
  return {
    merchant: loader((addresses: readonly string[]) => services.merchants.byAddresses(addresses)),
    merchantHistory: loader((addresses: readonly string[]) => services.merchants.statusHistories(addresses)),
    merchantRating: loader((addresses: readonly string[]) => services.merchants.ratings(addresses)),
    merchantSales: loader((addresses: readonly string[]) => services.merchants.sales(addresses)),
    activeRoles: loader((accounts: readonly string[]) => services.roles.activeOfAccounts(accounts)),
    document: loader((cids: readonly string[]) => services.documents.byCids(cids)),
    listing: loader(async (ids: readonly string[]) => {
      const found = await services.listings.byIds(ids);
      return ids.map((id) => found.get(id));
    }),
    listingVersions: loader((keys: readonly string[]) => services.listings.versionsOf(keys)),
    listingReviews: loader((keys: readonly string[]) => services.listings.reviewsOf(keys)),
    listingItems: loader((keys: readonly string[]) => services.listings.itemsOf(keys)),
    orderLines: loader((ids: readonly string[]) => services.orders.lines(ids)),
    orderTimeline: loader((ids: readonly string[]) => services.orders.timelines(ids)),
    dispute: loader((ids: readonly string[]) => services.orders.disputes(ids)),
    settlement: loader((ids: readonly string[]) => services.orders.settlements(ids)),
    item: loader((ids: readonly string[]) => services.provenance.items(ids)),
    orderItems: loader((ids: readonly string[]) => services.provenance.itemsOfOrders(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
