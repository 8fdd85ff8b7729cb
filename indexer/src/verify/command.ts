import { parseArgs } from "node:util";
import type { Logger } from "pino";
import { readDeployment } from "../../../sdk/deployments.ts";
import { ConfigError } from "../../../sdk/errors.ts";
import type { IndexerConfig } from "../config.ts";
import { RpcUnavailableError } from "../errors.ts";
import { openDatabase } from "../store/db.ts";
import { RpcClient } from "../sync/rpc.ts";
import { verifyAgainstChain } from "./verify.ts";

const DEFAULT_SAMPLE = 50;
/** Exit code when rows disagree with the chain (1 is kept for errors). */
export const EXIT_DISAGREES = 2;

/**
 * `npm run indexer -- verify [--sample N | --all]`: compares indexed rows with the contracts' state at the
 * cursor block. Logs one line per disagreeing field and a summary; returns the process exit code.
 */
export async function verifyCommand(args: string[], config: IndexerConfig, logger: Logger): Promise<number> {
  const sample = parseSample(args);
  const rpc = new RpcClient(config.rpcUrl, { timeoutMs: config.rpcTimeoutMs, retries: config.rpcRetries });
  const chainId = await rpc.chainId().catch((cause: Error) => {
    throw new RpcUnavailableError(`cannot reach RPC_URL ${config.rpcUrl}: ${cause.message}`, { cause });
  });
  const deployment = readDeployment(chainId);
  const database = await openDatabase(config.database);
  try {
    const report = await verifyAgainstChain(database.db, rpc, deployment, { sample });
    for (const disagreement of report.disagreements) logger.warn(disagreement, "row disagrees with the chain");
    const summary = {
      block: report.block,
      sample: sample ?? "all",
      checked: report.checked,
      disagreements: report.disagreements.length,
    };
    if (report.disagreements.length > 0) {
      logger.error(summary, "verification failed: rows disagree with the chain");
      return EXIT_DISAGREES;
    }
    logger.info(summary, "verification passed: every row checked equals the chain");
    return 0;
  } finally {
    await database.close();
  }
}

function parseSample(args: string[]): number | undefined {
  const values = parseVerifyFlags(args);
  if (values.all && values.sample !== undefined) throw new ConfigError("verify: --sample and --all exclude each other");
  if (values.all) return undefined;
  if (values.sample === undefined) return DEFAULT_SAMPLE;
  if (!/^[1-9]\d*$/.test(values.sample))
    throw new ConfigError(`verify: --sample must be a positive integer, got "${values.sample}"`);
  return Number(values.sample);
}

function parseVerifyFlags(args: string[]) {
  try {
    return parseArgs({ args, options: { sample: { type: "string" }, all: { type: "boolean" } }, strict: true }).values;
  } catch (cause) {
    throw new ConfigError(`verify: ${(cause as Error).message}; usage: verify [--sample N | --all]`, { cause });
  }
}
