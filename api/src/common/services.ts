import type { SessionTokens } from "../auth/session-tokens.ts";
import type { SiweService } from "../auth/siwe.service.ts";
import type { DocumentsService } from "../documents/documents.service.ts";
import type { ListingsService } from "../listings/listings.service.ts";
import type { MerchantsService } from "../merchants/merchants.service.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PrepareOrderService } from "../orders/prepare-order.service.ts";
import type { ProvenanceService } from "../provenance/provenance.service.ts";
import type { RolesService } from "../roles/roles.service.ts";
import type { IndexVersion } from "./index-version.ts";
import type { ChangeFeed } from "../subscriptions/change-feed.ts";
import type { StorefrontService } from "../storefront/storefront.service.ts";
import type { SyncStatusService } from "../sync/sync-status.service.ts";

/** The Nest providers resolvers call. */
export interface Services {
  listings: ListingsService;
  merchants: MerchantsService;
  documents: DocumentsService;
  orders: OrdersService;
  prepareOrder: PrepareOrderService;
  provenance: ProvenanceService;
  roles: RolesService;
  sync: SyncStatusService;
  siwe: SiweService;
  sessions: SessionTokens;
  changes: ChangeFeed;
  storefront: StorefrontService;
  indexVersion: IndexVersion;
}
