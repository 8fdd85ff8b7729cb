import { ABIS } from "./abis.generated.ts";

export { ABIS };

/** The project's deployable contracts, by artifact name. */
export type ContractName = keyof typeof ABIS;
export const CONTRACT_NAMES = Object.keys(ABIS) as ContractName[];

/** A contract's ABI, typed `as const` so function, event and error names and arguments are checked. */
export type ContractAbi<N extends ContractName> = (typeof ABIS)[N];

export function abiOf<N extends ContractName>(name: N): ContractAbi<N> {
  return ABIS[name];
}
