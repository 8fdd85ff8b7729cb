import type { ContractName } from "../../../sdk/artifacts.ts";
import { accessManagerHandlers } from "./access-manager.ts";
import { listingRegistryHandlers } from "./listing-registry.ts";
import { merchantRegistryHandlers } from "./merchant-registry.ts";
import { orderEscrowHandlers } from "./order-escrow.ts";
import { provenanceHandlers } from "./provenance.ts";
import { reviewsHandlers } from "./reviews.ts";
import type { ContractHandlers } from "./types.ts";

/** Handlers by contract and event name; events without a handler are not indexed. */
export const HANDLERS: Readonly<Record<ContractName, ContractHandlers>> = {
  AccessManager: accessManagerHandlers,
  MerchantRegistry: merchantRegistryHandlers,
  ListingRegistry: listingRegistryHandlers,
  OrderEscrow: orderEscrowHandlers,
  Reviews: reviewsHandlers,
  Provenance: provenanceHandlers,
};
