import { createRequire } from "node:module";
import type { Abi } from "viem";

const require = createRequire(import.meta.url);

/** The project's deployable contracts, by artifact name. */
export const CONTRACT_NAMES = [
  "AccessManager",
  "MerchantRegistry",
  "ListingRegistry",
  "OrderEscrow",
  "Reviews",
  "Provenance",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

const ARTIFACT_PATHS: Record<ContractName, string> = {
  AccessManager: "@openzeppelin/contracts/access/manager/AccessManager.sol/AccessManager.json",
  MerchantRegistry: "contracts/MerchantRegistry.sol/MerchantRegistry.json",
  ListingRegistry: "contracts/ListingRegistry.sol/ListingRegistry.json",
  OrderEscrow: "contracts/OrderEscrow.sol/OrderEscrow.json",
  Reviews: "contracts/Reviews.sol/Reviews.json",
  Provenance: "contracts/Provenance.sol/Provenance.json",
};

/** The ABI of a contract from Hardhat's build output (run `npm run build` first). */
export function abiOf(name: ContractName): Abi {
  return require(`../artifacts/${ARTIFACT_PATHS[name]}`).abi as Abi;
}
