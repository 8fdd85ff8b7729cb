declare module "virtual:abis" {
  import type { Abi } from "viem";
  import type { ContractName } from "../../sdk/artifacts.ts";
  const abis: Record<ContractName, Abi>;
  export default abis;
}
