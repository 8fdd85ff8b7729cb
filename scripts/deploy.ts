// Deploys the whole ledger with the Ignition module and writes deployments/<chainId>.json.
// Usage: npm run deploy -- --network localhost   (module parameters from DEPLOY_PARAMETERS, a JSON file;
// ADMIN_DELAY, in seconds, sets `adminDelay` over it)
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import hre, { network } from "hardhat";
import { pino } from "pino";
import type { Abi, Address } from "viem";
import type { ModuleParameters } from "@nomicfoundation/ignition-core";
import Commerce from "../ignition/modules/Commerce.ts";
import { abiOf, CONTRACT_NAMES, type ContractName } from "../sdk/contracts.ts";
import { readDeployment, writeDeployment, deploymentPath, type Deployment } from "../sdk/deployments.ts";
import { ConfigError } from "../sdk/errors.ts";

const LOCAL_CHAIN_ID = 31337;
const RESULT_KEYS: Record<ContractName, string> = {
  AccessManager: "manager",
  MerchantRegistry: "merchants",
  ListingRegistry: "listings",
  OrderEscrow: "escrow",
  Reviews: "reviews",
  Provenance: "provenance",
};
const ARTIFACTS: Record<ContractName, string> = {
  AccessManager: "@openzeppelin/contracts/access/manager/AccessManager.sol:AccessManager",
  MerchantRegistry: "contracts/MerchantRegistry.sol:MerchantRegistry",
  ListingRegistry: "contracts/ListingRegistry.sol:ListingRegistry",
  OrderEscrow: "contracts/OrderEscrow.sol:OrderEscrow",
  Reviews: "contracts/Reviews.sol:Reviews",
  Provenance: "contracts/Provenance.sol:Provenance",
};

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const { ignition, viem, networkName } = await network.create();
const publicClient = await viem.getPublicClient();
const chainId = await publicClient.getChainId();
const parameters: ModuleParameters = {
  ...(process.env.DEPLOY_PARAMETERS ? JSON.parse(readFileSync(process.env.DEPLOY_PARAMETERS, "utf8")) : {}),
  ...(process.env.ADMIN_DELAY !== undefined && { adminDelay: adminDelayOf(process.env.ADMIN_DELAY) }),
};

const journal = join(hre.config.paths.ignition, "deployments", `chain-${chainId}`);
if (chainId === LOCAL_CHAIN_ID && (await journalIsStale(journal))) {
  // A restarted local node forgot the contracts Ignition's journal remembers: start the journal afresh.
  rmSync(journal, { recursive: true, force: true });
  logger.info({ chain_id: chainId }, "local chain was reset; deploying again");
}
const previous = existsSync(deploymentPath(chainId)) ? readDeployment(chainId) : undefined;
const stillDeployed = previous !== undefined && (await hasCode(previous.contracts.OrderEscrow.address));

// Ignition resumes or confirms an existing deployment; its first block stays the one recorded then.
const deployBlock = stillDeployed ? previous.deployBlock : (await publicClient.getBlockNumber()) + 1n;
const deployed = await ignition.deploy(Commerce, {
  parameters: { Commerce: parameters },
  config: chainId === LOCAL_CHAIN_ID ? { blockPollingInterval: 50, requiredConfirmations: 1 } : {},
});
const contracts = Object.fromEntries(
  CONTRACT_NAMES.map((name) => {
    const contract = deployed[RESULT_KEYS[name] as keyof typeof deployed];
    return [name, { address: contract.address, artifact: ARTIFACTS[name], abi: abiOf(name) as Abi }];
  }),
) as Deployment["contracts"];
const path = writeDeployment({ chainId, deployBlock, deployedAt: new Date().toISOString(), parameters, contracts });
logger.info(
  {
    network: networkName,
    chain_id: chainId,
    deploy_block: deployBlock.toString(),
    file: path,
    ...addressesOf(contracts),
  },
  "deployed",
);

function adminDelayOf(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds >= 2 ** 32)
    throw new ConfigError(`ADMIN_DELAY: must be whole seconds below 2^32, got "${text}"`);
  return seconds;
}

async function hasCode(address: Address): Promise<boolean> {
  const code = await publicClient.getCode({ address });
  return code !== undefined && code !== "0x";
}

async function journalIsStale(dir: string): Promise<boolean> {
  const addressesFile = `${dir}/deployed_addresses.json`;
  if (!existsSync(addressesFile)) return existsSync(dir);
  const addresses = Object.values(JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, Address>);
  return addresses.length > 0 && !(await hasCode(addresses[0]));
}

function addressesOf(all: Deployment["contracts"]): Record<string, string> {
  return Object.fromEntries(Object.entries(all).map(([name, { address }]) => [name, address]));
}
