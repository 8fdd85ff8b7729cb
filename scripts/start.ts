// One command for the whole local system: the API (GraphQL, with the embedded IPFS node's gateway on the same port and
// its RPC on a private listener), a Hardhat node, deployment, demo data, the indexer feeding the API's database and
// the keeper settling orders past their deadlines, all kept in DATA_DIR.
// `npm start` builds first (scripts/start/build-then-start.ts), then runs this; `npm start -- --help` for
// external services and --reset.
// Ctrl-C stops everything it started. Settings: see README "Configuration".
import type { ChildProcess } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { createPublicClient, http, type PublicClient } from "viem";
import { readApiConfig } from "../api/dist/config.js";
import { startApi, type RunningApi } from "../api/dist/server.js";
import { IpfsNode } from "../ipfs-node/src/node.ts";
import { readIndexerConfig } from "../indexer/src/config.ts";
import { createIndexing } from "../indexer/src/indexing.ts";
import { openDatabase, type Database } from "../indexer/src/store/db.ts";
import type { Deployment } from "../sdk/deployments.ts";
import { ConfigError } from "../sdk/errors.ts";
import { escrowCaller } from "./keeper/escrow-caller.ts";
import { Keeper } from "./keeper/keeper.ts";
import { startLocalChain, type LocalChain } from "./chain/local-chain.ts";
import { childExited, interrupted, onInterrupt, signalChild, spawnNode } from "./start/children.ts";
import {
  DEMO_CLOCK_ADVANCE_SECONDS,
  DEMO_KEEPER_PRIVATE_KEY,
  DEMO_MERCHANT_PRIVATE_KEY,
  DEMO_VOUCHER_CODE,
  demoAccountsPath,
  demoIsSeeded,
} from "./start/demo.ts";
import { ensureDeployment } from "./start/deployment.ts";
import { readStartOptions, START_HELP } from "./start/options.ts";
import { IPFS_RPC_TOKEN_FILE, ipfsRpcAuth, SESSION_SECRET_FILE, sessionSecret } from "./start/local-secrets.ts";

const HARDHAT = join("node_modules", ".bin", "hardhat");
/** Hardhat's (and Anvil's) chain id: the demo seed moves the clock, which only a development chain allows. */
const LOCAL_CHAIN_ID = 31337;
/** What npm start keeps in DATA_DIR and --reset deletes. */
const KEPT = ["chain", "index", "ipfs", "demo", "logs", SESSION_SECRET_FILE, IPFS_RPC_TOKEN_FILE];

const startedAt = Date.now();
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const options = parseOptions();
const children: ChildProcess[] = [];
const indexing = new AbortController();
let stopping = false;
let chain: LocalChain | undefined;
let database: Database | undefined;
let media: IpfsNode | undefined;
let api: RunningApi | undefined;
/** The credential the embedded IPFS node's RPC listener asks for, when npm start made it. */
let ipfsRpcToken: string | undefined;
let indexer: Promise<unknown> = Promise.resolve();
let keeper: Promise<void> = Promise.resolve();
// Ctrl-C or SIGTERM in any phase stops what has started so far; a second one forces (scripts/start/children.ts).
onInterrupt(() => void stop(0));

try {
  await main();
} catch (error) {
  if (!stopping && !interrupted()) {
    logger.error({ err: error }, error instanceof Error ? error.message : "start failed");
    await stop(1);
  }
}

async function main(): Promise<void> {
  const { dataDir } = options;
  if (options.reset) {
    for (const name of KEPT) rmSync(join(dataDir, name), { recursive: true, force: true });
    logger.info({ data_dir: dataDir, removed: KEPT }, "reset: starting afresh");
  }
  mkdirSync(join(dataDir, "logs"), { recursive: true });
  const external = options.rpcUrl ? createPublicClient({ transport: http(options.rpcUrl) }) : undefined;
  const chainId = external
    ? await external.getChainId().catch((cause: unknown) => {
        throw new ConfigError(`--rpc (RPC_URL): no JSON-RPC chain answers at ${options.rpcUrl}`, {
          cause,
          retryable: true,
        });
      })
    : LOCAL_CHAIN_ID;
  // The local node boots while the database, IPFS and API open.
  const [rpcUrl] = settled(await Promise.allSettled([options.rpcUrl ?? startChain(), startServices(chainId)]));
  const client: PublicClient = external ?? createPublicClient({ transport: http(rpcUrl) });
  const ipfsApiUrl = options.ipfsApiUrl ?? api!.ipfsApiUrl!;
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    RPC_URL: rpcUrl,
    IPFS_API_URL: ipfsApiUrl,
    ...(ipfsRpcToken && { IPFS_API_AUTH: ipfsRpcToken }),
    CHAIN_ID: String(chainId),
  };

  const deployment = await ensureDeployment({
    client,
    chainId,
    keptIn: chain && join(dataDir, "chain"),
    deploy: () =>
      run([HARDHAT, "run", "scripts/deploy.ts", "--network", "localhost"], {
        ...env,
        // The local chain's Ignition journal lives and goes with that chain (--reset), not in the project.
        ...(chain && { IGNITION_DIR: join(dataDir, "chain", "ignition") }),
      }),
  });
  const demo = await seedDemo(client, chainId, env);
  await startIndexer(env, deployment, chainId);
  if (demo === "seeded") await publishDemoVoucher(env);
  const keeperAccount = startKeeper(rpcUrl, deployment, chainId);
  logger.info(
    {
      started_in_ms: Date.now() - startedAt,
      rpc_url: rpcUrl,
      replayed_blocks: chain?.replayedBlocks,
      graphql_url: api!.graphqlUrl,
      ipfs_api_url: ipfsApiUrl,
      ipfs_api_auth: ipfsRpcToken && join(dataDir, IPFS_RPC_TOKEN_FILE),
      gateway_url: media ? `${api!.url}/ipfs/` : undefined,
      database: options.databaseUrl ? "postgresql" : join(dataDir, "index"),
      deployment:
        `${process.env.DEPLOYMENTS_DIR ?? "deployments"}/${chainId}.json ` +
        `(${deployment.fresh ? "deployed now" : "kept"})`,
      demo,
      demo_accounts: demo === "skipped" ? undefined : demoAccountsPath(dataDir),
      keeper: keeperAccount,
    },
    "ready: press Ctrl-C to stop",
  );
}

async function startChain(): Promise<string> {
  const chainLog = openSync(join(options.dataDir, "logs", "chain.log"), "a");
  chain = await startLocalChain({
    dir: join(options.dataDir, "chain"),
    host: options.chainHost,
    port: options.chainPort,
    logger,
    launch: (args, env) => {
      const node = launch(args, chainLog, env);
      node.once("exit", (code) => {
        if (stopping) return;
        logger.error({ code, log: join(options.dataDir, "logs", "chain.log") }, "hardhat node exited");
        void stop(1);
      });
      return node;
    },
    onJournalFailure: (error) => {
      if (stopping) return;
      logger.error({ err: error }, "block journal failed: stopping, since the chain could not be restored as it is");
      void stop(1);
    },
    newGenesisDate: newGenesisDate(),
  });
  logger.info(
    { rpc_url: chain.rpcUrl, pid: chain.node.pid, replayed_blocks: chain.replayedBlocks },
    "local chain ready",
  );
  return chain.rpcUrl;
}

async function startServices(chainId: number): Promise<void> {
  database = await openDatabase(options.databaseUrl ?? join(options.dataDir, "index"));
  if (!options.ipfsApiUrl) media = await IpfsNode.open(join(options.dataDir, "ipfs"));
  // Unless IPFS_RPC_AUTHORIZATIONS says otherwise, the node's RPC takes the data directory's token, which the seed,
  // the indexer and a merchant CLI on this machine send (README "Configuration").
  if (media && !process.env.IPFS_RPC_AUTHORIZATIONS) ipfsRpcToken = ipfsRpcAuth(options.dataDir);
  const config = readApiConfig({
    ...process.env,
    HOST: options.apiHost,
    PORT: String(options.apiPort),
    RPC_URL: options.rpcUrl ?? `http://${options.chainHost}:${options.chainPort}`,
    CHAIN_ID: String(chainId),
    API_MEDIA: String(media !== undefined),
    SESSION_SECRET: sessionSecret(process.env, options.dataDir),
    ...(ipfsRpcToken && {
      IPFS_RPC_AUTHORIZATIONS: JSON.stringify({ "npm-start": { AuthSecret: ipfsRpcToken, AllowedPaths: ["/api/v0"] } }),
    }),
  });
  api = await startApi({ config, database, media, logger });
}

/**
 * CHAIN_GENESIS_DATE when set; else, for the demo, as far back as its seed moves the clock, so its dates end
 * near today.
 */
function newGenesisDate(): Date | undefined {
  if (process.env.CHAIN_GENESIS_DATE) return new Date(process.env.CHAIN_GENESIS_DATE);
  return options.seedDemo ? new Date(Date.now() - DEMO_CLOCK_ADVANCE_SECONDS * 1000) : undefined;
}

/** Seeds once per data directory and chain; returns what happened, for the ready line. */
async function seedDemo(
  client: PublicClient,
  chainId: number,
  env: NodeJS.ProcessEnv,
): Promise<"seeded" | "kept" | "skipped"> {
  if (!options.seedDemo) return "skipped";
  if (chainId !== LOCAL_CHAIN_ID) {
    logger.warn(
      { chain_id: chainId },
      "the demo seed needs a development chain (id 31337) to move its clock: not seeded",
    );
    return "skipped";
  }
  if (await demoIsSeeded(client, options.dataDir)) return "kept";
  await run([HARDHAT, "run", "scripts/demo/seed.ts", "--network", "localhost"], env);
  return "seeded";
}

/**
 * The demo's voucher code, published as a merchant publishes one (the merchant CLI, signed in to the API), which
 * needs the merchant indexed first.
 */
async function publishDemoVoucher(env: NodeJS.ProcessEnv): Promise<void> {
  const create = ["voucher", "create", "--code", DEMO_VOUCHER_CODE, "--percent", "10", "--days", "365"];
  await run(["scripts/merchant/main.ts", ...create, "--uses", "1000"], {
    ...env,
    API_URL: api!.graphqlUrl,
    MERCHANT_PRIVATE_KEY: DEMO_MERCHANT_PRIVATE_KEY,
  });
}

/** Indexes the deployment to the head (resuming from the stored cursor), then follows the chain in the background. */
async function startIndexer(env: NodeJS.ProcessEnv, deployment: Deployment, chainId: number): Promise<void> {
  const config = readIndexerConfig(env);
  const { metrics, sync, resolver } = createIndexing({ config, db: database!.db, deployment, logger, env });
  await sync.checkChain(chainId);
  await sync.runOnce();
  await resolver?.drain();
  logger.info({ cursor: metrics.cursor, events: metrics.events }, "indexed to the head");
  indexer = Promise.all([sync.follow(indexing.signal), resolver?.run(config.pollIntervalMs, indexing.signal)]).catch(
    (error: unknown) => {
      if (stopping) return;
      logger.error({ err: error }, "indexer failed");
      void stop(1);
    },
  );
}

/**
 * The keeper beside the indexer, on the same database, stopped with it: it sends with KEEPER_PRIVATE_KEY, or on a
 * development chain with the demo's keeper key. Returns its account for the ready line, or why none runs.
 */
function startKeeper(rpcUrl: string, deployment: Deployment, chainId: number): string {
  if (!options.keeper) return "off (KEEPER=false)";
  const privateKey = options.keeper.privateKey ?? (chainId === LOCAL_CHAIN_ID ? DEMO_KEEPER_PRIVATE_KEY : undefined);
  if (!privateKey && !options.keeper.dryRun) return "off (no KEEPER_PRIVATE_KEY for this chain)";
  const config = { ...options.keeper, privateKey };
  const caller = escrowCaller({ ...config, rpcUrl, deployment });
  keeper = new Keeper({ db: database!.db, caller, config, logger }).run(indexing.signal);
  return caller.address ?? "dry run";
}

/** The values of steps run side by side, once all have ended; the first failure is thrown. */
function settled<T extends unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as T;
}

function parseOptions() {
  try {
    const parsed = readStartOptions(process.argv.slice(2), process.env);
    if (parsed !== "help") return parsed;
    process.stdout.write(START_HELP);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.exit(0);
}

function launch(args: string[], output: "inherit" | number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnNode(args, output, env);
  children.push(child);
  return child;
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = launch(args, "inherit", env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0 && !stopping)
    throw new Error(
      `${args.slice(1).join(" ")} exited with ${code}` +
        (chain ? " (an interrupted first start? npm start -- --reset)" : ""),
    );
}

async function stop(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  indexing.abort();
  for (const child of children) if (child !== chain?.node) signalChild(child);
  await Promise.all([indexer, keeper]);
  // The journal takes the last blocks while the node still answers.
  await chain
    ?.close()
    .catch((error: unknown) => logger.error({ err: error }, "block journal: the last blocks could not be recorded"));
  for (const child of children) signalChild(child);
  await Promise.all(children.map(childExited));
  await api?.close();
  await media?.close();
  await database?.close();
  logger.info({ code }, "stopped");
  process.exit(code);
}
