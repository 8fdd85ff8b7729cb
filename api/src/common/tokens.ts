/** Injection tokens of values built outside Nest (config, logger). The database token is in database.ts. */
export const CONFIG = Symbol("CONFIG");
export const LOGGER = Symbol("LOGGER");
