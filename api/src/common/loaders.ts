import { Inject, Injectable } from "@nestjs/common";
import DataLoader from "dataloader";
import { AccountsService } from "../accounts/accounts.service.ts";
import { DocumentsService } from "../documents/documents.service.ts";
import { ListingsService } from "../listings/listings.service.ts";
import { MerchantsService } from "../merchants/merchants.service.ts";
import { OrdersService } from "../orders/orders.service.ts";
import { ForwardTraceService } from "../provenance/forward-trace.service.ts";
import { ProvenanceService } from "../provenance/provenance.service.ts";
import { RolesService } from "../roles/roles.service.ts";
import { sharedBatch } from "./shared-batch.ts";

@Injectable()
export class LoaderFactory {
  /** Per-request loaders over batches shared by every request in flight (common/shared-batch.ts). */
  readonly #RequestLoaders: new () => Loaders;

  constructor(
    @Inject(MerchantsService) merchants: MerchantsService,
    @Inject(RolesService) roles: RolesService,
    @Inject(DocumentsService) documents: DocumentsService,
    @Inject(ListingsService) listings: ListingsService,
    @Inject(OrdersService) orders: OrdersService,
    @Inject(ProvenanceService) provenance: ProvenanceService,
    @Inject(ForwardTraceService) forward: ForwardTraceService,
    @Inject(AccountsService) funds: AccountsService,
  ) {
    this.#RequestLoaders = requestLoadersOf(
      sharedLoaders(merchants, roles, documents, listings, orders, provenance, forward, funds),
    );
  }

  /**
   * Per-request loaders (no N+1, each key once per request) whose batches join the shared ones, each made on its first
   * use: a request uses two or three of them. Authorisation stays in the resolvers and services that decide which keys
   * a caller may ask for.
   */
  create(): Loaders {
    return new this.#RequestLoaders();
  }
}

/**
 * A class whose instances hold a request's loaders, one per shared loader (each reads by key alone), each made when
 * first read.
 */
function requestLoadersOf(shared: Loaders): new () => Loaders {
  class RequestLoaders {
    readonly made = new Map<string, DataLoader<unknown, unknown>>();
  }
  for (const [name, batch] of Object.entries(shared) as [string, DataLoader<unknown, unknown>][]) {
    Object.defineProperty(RequestLoaders.prototype, name, {
      get(this: RequestLoaders) {
        let loader = this.made.get(name);
        if (!loader)
          this.made.set(name, (loader = new DataLoader((keys) => batch.loadMany(keys), { maxBatchSize: 1000 })));
        return loader;
      },
    });
  }
  return RequestLoaders as unknown as new () => Loaders;
}

function sharedLoaders(
  merchants: MerchantsService,
  roles: RolesService,
  documents: DocumentsService,
  listings: ListingsService,
  orders: OrdersService,
  provenance: ProvenanceService,
  forward: ForwardTraceService,
  funds: AccountsService,
) {
  return {
    merchant: sharedBatch((addresses: readonly string[]) => merchants.byAddresses(addresses)),
    merchantHistory: sharedBatch((addresses: readonly string[]) => merchants.statusHistories(addresses)),
    merchantRating: sharedBatch((addresses: readonly string[]) => merchants.ratings(addresses)),
    merchantSales: sharedBatch((addresses: readonly string[]) => merchants.sales(addresses)),
    activeRoles: sharedBatch((accounts: readonly string[]) => roles.activeOfAccounts(accounts)),
    document: sharedBatch((cids: readonly string[]) => documents.byCids(cids)),
    listing: listings.byVersionId,
    listingVersions: sharedBatch((keys: readonly string[]) => listings.versionsOf(keys)),
    listingReviews: sharedBatch((keys: readonly string[]) => listings.reviewsOf(keys)),
    listingItems: sharedBatch((keys: readonly string[]) => listings.itemsOf(keys)),
    orderLines: sharedBatch((ids: readonly string[]) => orders.lines(ids)),
    orderTimeline: sharedBatch((ids: readonly string[]) => orders.timelines(ids)),
    dispute: sharedBatch((ids: readonly string[]) => orders.disputes(ids)),
    settlement: sharedBatch((ids: readonly string[]) => orders.settlements(ids)),
    item: sharedBatch((ids: readonly string[]) => provenance.items(ids)),
    orderItems: sharedBatch((ids: readonly string[]) => provenance.itemsOfOrders(ids)),
    itemUsedIn: sharedBatch((ids: readonly string[]) => forward.usedIn(ids)),
    itemContainers: sharedBatch((ids: readonly string[]) => forward.containersOf(ids)),
    accountBalances: sharedBatch((addresses: readonly string[]) => funds.balances(addresses)),
    merchantFunds: sharedBatch((addresses: readonly string[]) => funds.merchantFunds(addresses)),
  };
}

export type Loaders = ReturnType<typeof sharedLoaders>;
