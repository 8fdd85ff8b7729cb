/** A unix time in seconds (as contracts and the index keep it) as ISO 8601 UTC. */
export const isoFromSeconds = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString();
