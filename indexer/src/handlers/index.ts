import type { ContractName } from "../../../sdk/contracts.ts";
import { accessManagerHandlers } from "./access-manager.ts";
import { listingRegistryHandlers } from "./listing-registry.ts";
import { merchantRegistryHandlers } from "./merchant-registry.ts";
import { orderEscrowHandlers } from "./order-escrow.ts";
import { provenanceHandlers } from "./provenance.ts";
import { reviewsHandlers } from "./reviews.ts";
import type { ContractHandlers, Handler } from "./types.ts";

/** Handlers by contract and event name; events without a handler are not indexed (each is listed in not-indexed.ts). */
export const HANDLERS: { readonly [C in ContractName]: ContractHandlers<C> } = {
  AccessManager: accessManagerHandlers,
  MerchantRegistry: merchantRegistryHandlers,
  ListingRegistry: listingRegistryHandlers,
  OrderEscrow: orderEscrowHandlers,
  Reviews: reviewsHandlers,
  Provenance: provenanceHandlers,
};

/** The handler of a decoded event, looked up by the names the log carried at run time. */
export function handlerOf(contract: ContractName, name: string): Handler | undefined {
  return (HANDLERS[contract] as Readonly<Record<string, Handler>>)[name];
}
