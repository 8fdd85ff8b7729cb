import { Inject, Injectable } from "@nestjs/common";
import DataLoader from "dataloader";
import { DocumentsService } from "../documents/documents.service.ts";
import { ListingsService } from "../listings/listings.service.ts";
import { MerchantsService } from "../merchants/merchants.service.ts";
import { OrdersService } from "../orders/orders.service.ts";
import { ProvenanceService } from "../provenance/provenance.service.ts";
import { RolesService } from "../roles/roles.service.ts";

@Injectable()
export class LoaderFactory {
  constructor(
    @Inject(MerchantsService) private readonly merchants: MerchantsService,
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(ListingsService) private readonly listings: ListingsService,
    @Inject(OrdersService) private readonly orders: OrdersService,
    @Inject(ProvenanceService) private readonly provenance: ProvenanceService,
  ) {}

  /** Per-request batching: every field resolver that reads by key goes through one of these (no N+1). */
  create() {
    const { merchants, roles, documents, listings, orders, provenance } = this;
    const loader = <K, V>(batch: (keys: readonly K[]) => Promise<V[]>) =>
      new DataLoader<K, V>(async (keys) => batch(keys), { maxBatchSize: 1000 });
    return {
      merchant: loader((addresses: readonly string[]) => merchants.byAddresses(addresses)),
      merchantHistory: loader((addresses: readonly string[]) => merchants.statusHistories(addresses)),
      merchantRating: loader((addresses: readonly string[]) => merchants.ratings(addresses)),
      merchantSales: loader((addresses: readonly string[]) => merchants.sales(addresses)),
      activeRoles: loader((accounts: readonly string[]) => roles.activeOfAccounts(accounts)),
      document: loader((cids: readonly string[]) => documents.byCids(cids)),
      listing: loader(async (ids: readonly string[]) => {
        const found = await listings.byIds(ids);
        return ids.map((id) => found.get(id));
      }),
      listingVersions: loader((keys: readonly string[]) => listings.versionsOf(keys)),
      listingReviews: loader((keys: readonly string[]) => listings.reviewsOf(keys)),
      listingItems: loader((keys: readonly string[]) => listings.itemsOf(keys)),
      orderLines: loader((ids: readonly string[]) => orders.lines(ids)),
      orderTimeline: loader((ids: readonly string[]) => orders.timelines(ids)),
      dispute: loader((ids: readonly string[]) => orders.disputes(ids)),
      settlement: loader((ids: readonly string[]) => orders.settlements(ids)),
      item: loader((ids: readonly string[]) => provenance.items(ids)),
      orderItems: loader((ids: readonly string[]) => provenance.itemsOfOrders(ids)),
    };
  }
}

export type Loaders = ReturnType<LoaderFactory["create"]>;
