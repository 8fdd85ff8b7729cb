/** The value at fraction `p` (0.5 the median, 1 the largest) of `sorted`, ascending; null when it is empty. */
export const percentile = (sorted: number[], p: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;
