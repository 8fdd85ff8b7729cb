/** Injection tokens of values built outside Nest (config, logger, IPFS node). The database token is in database.ts. */
export const CONFIG = Symbol("CONFIG");
export const LOGGER = Symbol("LOGGER");
/** The embedded IPFS node the API mounts, or null. */
export const MEDIA = Symbol("MEDIA");
