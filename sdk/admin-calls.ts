import { decodeFunctionData, type Hex } from "viem";
import type { Deployment } from "./deployments.ts";
import { ROLES } from "./roles.ts";

/** A governed call decoded with its target's ABI: which contract, which function, which arguments. */
export interface DecodedCall {
  contract: string;
  functionName: string;
  /** The arguments as JSON: integers as decimal strings, tuples as arrays. */
  args: unknown[];
  /** The role a grantRole, revokeRole or labelRole names, by its name in sdk/roles.ts. */
  roleName: string | null;
}

const ROLE_NAMES = new Map(Object.entries(ROLES).map(([name, id]) => [id, name]));
const ROLE_FUNCTIONS = new Set(["grantRole", "revokeRole", "renounceRole", "labelRole", "setGrantDelay"]);

/** Decodes `data` sent to `target`, or null when the target is not one of the deployment's contracts. */
export function decodeGovernedCall(deployment: Deployment, target: string, data: Hex): DecodedCall | null {
  const entry = Object.entries(deployment.contracts).find(
    ([, contract]) => contract.address.toLowerCase() === target.toLowerCase(),
  );
  if (!entry) return null;
  const [contract, { abi }] = entry;
  try {
    const { functionName, args = [] } = decodeFunctionData({ abi, data });
    const roleName = ROLE_FUNCTIONS.has(functionName) ? (ROLE_NAMES.get(args[0] as bigint) ?? null) : null;
    return { contract, functionName, args: args.map(asJson), roleName };
  } catch {
    return null;
  }
}

function asJson(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(asJson);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, asJson(field)]));
  return value;
}
