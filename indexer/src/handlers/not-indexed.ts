import type { ContractName } from "../../../sdk/contracts.ts";
import type { EventName } from "./types.ts";

const AUTHORITY = "the AccessManager is wired at deployment and recorded in the deployment file; no reader asks for it";
const EIP712_DOMAIN = "the signing domain is fixed at deployment; clients read it from the contract (ERC-5267)";

/** The ABI events the indexer skips on purpose, each with the reason; every other event has a handler. */
export const NOT_INDEXED: { readonly [C in ContractName]: { readonly [N in EventName<C>]?: string } } = {
  AccessManager: {
    RoleAdminChanged: "role administration is configured at deployment; the read model holds who holds which role",
    RoleGuardianChanged: "role administration is configured at deployment; the read model holds who holds which role",
    RoleGrantDelayChanged: "role administration is configured at deployment; the read model holds who holds which role",
    TargetAdminDelayUpdated:
      "which role may call which function is configured at deployment (ignition/modules/Commerce.ts)",
    TargetClosed: "which role may call which function is configured at deployment (ignition/modules/Commerce.ts)",
    TargetFunctionRoleUpdated:
      "which role may call which function is configured at deployment (ignition/modules/Commerce.ts)",
  },
  MerchantRegistry: { AuthorityUpdated: AUTHORITY },
  ListingRegistry: {
    AuthorityUpdated: AUTHORITY,
    EIP712DomainChanged: EIP712_DOMAIN,
    ListingEscrowSet: "the escrow is wired at deployment and recorded in the deployment file",
  },
  OrderEscrow: {
    AuthorityUpdated: AUTHORITY,
    EIP712DomainChanged: EIP712_DOMAIN,
    IntentNonceUsed:
      "replay protection of signed order intents is checked on chain; the order itself arrives as OrderPlaced",
  },
  Reviews: {},
  Provenance: { AuthorityUpdated: AUTHORITY },
};
