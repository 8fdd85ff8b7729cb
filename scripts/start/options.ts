import { parseArgs } from "node:util";
import { z } from "zod/v4";
import { ConfigError } from "../../sdk/errors.ts";
import { parseEnv } from "../../sdk/env.ts";
import { readKeeperConfig, type KeeperConfig } from "../keeper/config.ts";

export const START_HELP = `Usage: npm start -- [options]

Starts the whole ledger: a Hardhat node, the contracts, the embedded IPFS node, the indexer and the
GraphQL API, and seeds a demo. Everything lives in DATA_DIR (default: data) and survives restarts:
the chain is journaled block by block and replayed at start, the index and IPFS blocks are on disk,
and the demo is seeded only once.

Options:
  --rpc <url>       use this JSON-RPC chain instead of starting a Hardhat node (env RPC_URL);
                    its deployments/<chainId>.json is used, or the contracts are deployed with the
                    node's unlocked accounts; the demo is seeded only on a development chain (31337)
  --database <url>  index into this PostgreSQL database instead of PGlite in DATA_DIR/index
                    (env DATABASE_URL, postgres://user@host:port/db)
  --ipfs <url>      use this Kubo RPC API (e.g. http://127.0.0.1:5001/api/v0) instead of the embedded
                    IPFS node, which is then not started (env IPFS_API_URL)
  --reset           delete what earlier starts kept in DATA_DIR (chain, index, ipfs, demo, logs,
                    session key, IPFS RPC token) and start afresh; the merchant keystore and
                    external services are left alone
  -h, --help        show this help

Environment: DATA_DIR, CHAIN_HOST, CHAIN_PORT (the local node), HOST/PORT (the API and IPFS gateway,
default 127.0.0.1:4000), IPFS_RPC_PORT (the IPFS node's private RPC, default 5001), SEED_DEMO=false,
KEEPER=false (no keeper; it sends with KEEPER_PRIVATE_KEY, on a development chain by default with Hardhat's
account 19), LOG_LEVEL; see README "Configuration".
`;

export interface StartOptions {
  dataDir: string;
  chainHost: string;
  chainPort: number;
  apiHost: string;
  apiPort: number;
  seedDemo: boolean;
  /** The keeper's settings; undefined: KEEPER=false. */
  keeper?: KeeperConfig;
  reset: boolean;
  /** External services; undefined: started by npm start. */
  rpcUrl?: string;
  databaseUrl?: string;
  ipfsApiUrl?: string;
}

const settingsEnv = z.object({
  DATA_DIR: z.string().min(1).default("data"),
  CHAIN_HOST: z.string().min(1).default("127.0.0.1"),
  CHAIN_PORT: z.coerce.number().int().min(1).max(65535).default(8545),
  /** The API's address, also the embedded IPFS node's gateway's (hence the older names IPFS_HOST / IPFS_PORT). */
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  IPFS_HOST: z.string().min(1).default("127.0.0.1"),
  IPFS_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  KEEPER: z.enum(["true", "false"]).default("true"),
});

const EXTERNAL = {
  rpc: { env: "RPC_URL", rule: z.url({ protocol: /^https?$/, error: "must be an http(s) JSON-RPC URL" }) },
  database: { env: "DATABASE_URL", rule: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }) },
  ipfs: {
    env: "IPFS_API_URL",
    rule: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a Kubo RPC API" }),
  },
} as const;

function parseStartFlags(argv: string[]) {
  try {
    const options = {
      rpc: { type: "string" },
      database: { type: "string" },
      ipfs: { type: "string" },
      reset: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } as const;
    return parseArgs({ args: argv, options }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (see npm start -- --help)`, { cause: error });
  }
}

/** Flags override the environment; a bad value is a ConfigError naming the flag (or variable) and its rule. */
export function readStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions | "help" {
  const values = parseStartFlags(argv);
  if (values.help) return "help";
  const settings = parseEnv(settingsEnv, env);
  const external = (name: keyof typeof EXTERNAL): string | undefined => {
    const { env: variable, rule } = EXTERNAL[name];
    const value = values[name] ?? env[variable];
    if (value === undefined || value === "") return undefined;
    const parsed = rule.safeParse(value);
    if (!parsed.success)
      throw new ConfigError(
        `${values[name] === undefined ? variable : `--${name}`}: ${parsed.error.issues[0].message}`,
      );
    return parsed.data;
  };
  return {
    dataDir: settings.DATA_DIR,
    chainHost: settings.CHAIN_HOST,
    chainPort: settings.CHAIN_PORT,
    apiHost: settings.HOST ?? settings.IPFS_HOST,
    apiPort: settings.PORT ?? settings.IPFS_PORT,
    seedDemo: settings.SEED_DEMO === "true",
    keeper: settings.KEEPER === "true" ? readKeeperConfig(env) : undefined,
    reset: values.reset ?? false,
    rpcUrl: external("rpc"),
    databaseUrl: external("database"),
    ipfsApiUrl: external("ipfs"),
  };
}
