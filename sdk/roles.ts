import { getAbiItem, toFunctionSelector, type Abi, type Address, type Hex } from "viem";

/** Role ids of the consortium's AccessManager (mirrors contracts/libraries/Roles.sol). */
export const ROLES = {
  ADMIN: 0n,
  REGISTRAR: 1n,
  MERCHANT: 2n,
  ARBITER: 3n,
  CARRIER: 4n,
  AUDITOR: 5n,
  PAUSER: 6n,
  BUYER: 7n,
  MERCHANT_ISSUER: 8n,
  PUBLIC: 2n ** 64n - 1n,
} as const;

export type RoleName = keyof typeof ROLES;

/** Functions gated by a role other than ADMIN (the AccessManager's default for every other selector). */
export const FUNCTION_ROLES: readonly { contract: string; functions: readonly string[]; role: RoleName }[] = [
  { contract: "MerchantRegistry", functions: ["approve", "reject", "suspend", "reinstate"], role: "REGISTRAR" },
  { contract: "OrderEscrow", functions: ["ruleDispute"], role: "ARBITER" },
  { contract: "OrderEscrow", functions: ["pausePlacement", "unpausePlacement"], role: "PAUSER" },
  { contract: "Provenance", functions: ["registerItems", "transform"], role: "MERCHANT" },
  { contract: "Provenance", functions: ["attest"], role: "AUDITOR" },
];

/** The 4-byte selectors of `functions` in `abi`; a name missing from the ABI is a programming error. */
export function selectorsOf(abi: Abi, functions: readonly string[]): Hex[] {
  return functions.map((name) => {
    const item = getAbiItem({ abi, name });
    if (item?.type !== "function") throw new Error(`no function ${name} in ABI`);
    return toFunctionSelector(item);
  });
}

type Holder = { account: { address: Address } };

/** The operational roles granted after deployment (demo and tests), each paired with its holder's address. */
export function operationalGrants(holders: Record<"registrar" | "arbiter" | "pauser" | "auditor" | "carrier", Holder>) {
  return [
    [ROLES.REGISTRAR, holders.registrar.account.address],
    [ROLES.ARBITER, holders.arbiter.account.address],
    [ROLES.PAUSER, holders.pauser.account.address],
    [ROLES.AUDITOR, holders.auditor.account.address],
    [ROLES.CARRIER, holders.carrier.account.address],
  ] as const;
}
