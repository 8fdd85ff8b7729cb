import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod/v4";
import type { Abi, Address } from "viem";
import { CONTRACT_NAMES, type ContractName } from "./contracts.ts";
import { ConfigError } from "./errors.ts";

/** Where deployment records live: one `<chainId>.json` per chain, read by the indexer, API and CLI. */
export const DEPLOYMENTS_DIR = process.env.DEPLOYMENTS_DIR ?? "deployments";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");

const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  deployBlock: z.string().regex(/^\d+$/, "must be a block number"),
  deployedAt: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  contracts: z.object(
    Object.fromEntries(
      CONTRACT_NAMES.map((name) => [name, z.object({ address, artifact: z.string(), abi: z.array(z.unknown()) })]),
    ) as Record<
      ContractName,
      z.ZodObject<{ address: typeof address; artifact: z.ZodString; abi: z.ZodArray<z.ZodUnknown> }>
    >,
  ),
});

export type DeployedContract = { address: Address; artifact: string; abi: Abi };
export type Deployment = {
  chainId: number;
  deployBlock: bigint;
  deployedAt: string;
  parameters: Record<string, unknown>;
  contracts: Record<ContractName, DeployedContract>;
};

export function deploymentPath(chainId: number, dir = DEPLOYMENTS_DIR): string {
  return join(dir, `${chainId}.json`);
}

/** Reads and validates the deployment record of `chainId`; a missing or malformed file is a ConfigError. */
export function readDeployment(chainId: number, dir = DEPLOYMENTS_DIR): Deployment {
  const path = deploymentPath(chainId, dir);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new ConfigError(`no readable deployment for chain ${chainId} at ${path}: run \`npm run deploy\``, { cause });
  }
  const parsed = deploymentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid deployment file ${path}: ${problems.join("; ")}`, { cause: parsed.error });
  }
  return { ...(parsed.data as unknown as Deployment), deployBlock: BigInt(parsed.data.deployBlock) };
}

export function writeDeployment(deployment: Deployment, dir = DEPLOYMENTS_DIR): string {
  const path = deploymentPath(deployment.chainId, dir);
  mkdirSync(dirname(path), { recursive: true });
  const json = JSON.stringify({ ...deployment, deployBlock: deployment.deployBlock.toString() }, null, 2);
  writeFileSync(path, `${json}\n`);
  return path;
}
