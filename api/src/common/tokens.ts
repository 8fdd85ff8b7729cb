/** Injection tokens of values built outside Nest (config, logger, chain RPC). The database token is in database.ts. */
export const CONFIG = Symbol("CONFIG");
export const LOGGER = Symbol("LOGGER");
/** The indexer's RpcClient for RPC_URL (2 s timeout, no retries: callers fall back), or null without one. */
export const CHAIN_RPC = Symbol("CHAIN_RPC");
