/** A unix time in seconds (as contracts and the index keep it) as ISO 8601 UTC. */
export const isoFromSeconds = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString();

/** Milliseconds of an ISO 8601 date-time that states its time zone (`2030-01-01T00:00:00Z`), else NaN. */
export const millisFromIso = (text: string): number =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
