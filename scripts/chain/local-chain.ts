import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Logger } from "pino";
import { createTestClient, http, publicActions, walletActions } from "viem";
import { LocalChainError } from "./errors.ts";
import { BlockJournal } from "./journal.ts";
import { BlockRecorder } from "./recorder.ts";
import { replayJournal } from "./replay.ts";

const HARDHAT = join("node_modules", ".bin", "hardhat");
const START_TIMEOUT_MS = 60_000;

export interface LocalChain {
  rpcUrl: string;
  node: ChildProcess;
  /** Blocks rebuilt from DATA_DIR/chain; 0 on a first start. */
  replayedBlocks: number;
  /** Journals the last blocks; call before the node is stopped. */
  close(): Promise<void>;
}

export interface LocalChainOptions {
  /** DATA_DIR/chain: genesis.json and blocks.jsonl. */
  dir: string;
  host: string;
  port: number;
  logger: Logger;
  /** Spawns `node <args>` in its own process group, owned by the caller. */
  launch: (args: string[], env: NodeJS.ProcessEnv) => ChildProcess;
  /** The journal could not record a block: the chain can no longer be persisted. */
  onJournalFailure: (error: unknown) => void;
  /** The genesis date of a chain started afresh (default: now); a journaled chain keeps its own. */
  newGenesisDate?: Date;
}

/**
 * A Hardhat node whose chain survives restarts: started with the data directory's genesis date,
 * the journal replayed into it, then every new block journaled as it is mined.
 */
export async function startLocalChain(options: LocalChainOptions): Promise<LocalChain> {
  const { dir, host, port, logger } = options;
  const rpcUrl = `http://${host}:${port}`;
  const client = createTestClient({ mode: "hardhat", transport: http(rpcUrl, { retryCount: 0 }) })
    .extend(publicActions)
    .extend(walletActions);
  if (
    await client.getChainId().then(
      () => true,
      () => false,
    )
  ) {
    throw new LocalChainError(
      `CHAIN_PORT ${port}: a chain already answers at ${rpcUrl} ` +
        `(a node left by a start that was killed? stop it, or use --rpc ${rpcUrl})`,
    );
  }
  const journal = new BlockJournal(dir);
  const genesisDate =
    journal.genesis?.date ??
    new Date(Math.floor((options.newGenesisDate ?? new Date()).getTime() / 1000) * 1000).toISOString();
  const node = options.launch([HARDHAT, "node", "--hostname", host, "--port", String(port)], {
    ...process.env,
    CHAIN_GENESIS_DATE: genesisDate,
  });
  try {
    await waitForNode(client, node);
    if (journal.genesis === undefined) {
      const genesis = await client.getBlock({ blockNumber: 0n });
      journal.setGenesis({ date: genesisDate, hash: genesis.hash });
    }
    await replayJournal(client, journal, logger);
  } catch (error) {
    journal.close();
    if (node.exitCode === null && node.pid !== undefined) process.kill(-node.pid, "SIGTERM");
    throw error;
  }
  const recorder = new BlockRecorder(client, journal, logger);
  recorder.start(options.onJournalFailure);
  return { rpcUrl, node, replayedBlocks: journal.blocks.length, close: () => recorder.stop() };
}

async function waitForNode(client: { getChainId(): Promise<number> }, node: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && node.exitCode === null) {
    try {
      await client.getChainId();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200)); // not listening yet
    }
  }
  throw new LocalChainError(`the Hardhat node did not answer within ${START_TIMEOUT_MS / 1000} s`, { retryable: true });
}
