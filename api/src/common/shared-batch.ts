import DataLoader from "dataloader";

/**
 * One batch for the loads of every request in flight: keys asked during the same turn of the event loop, by any
 * request, reach the database as one statement, so 50 concurrent product pages cost a few statements, not 200.
 * Only for reads that depend on the key alone (never on the session or the caller), so sharing a batch cannot
 * change what a request sees; nothing is kept once the batch has answered.
 */
export function sharedBatch<K, V>(batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>(
    async (keys) => {
      const unique = [...new Set(keys)];
      const values = await batch(unique);
      const byKey = new Map(unique.map((key, index) => [key, values[index]]));
      return keys.map((key) => byKey.get(key) as V);
    },
    // setImmediate waits for the I/O callbacks of this turn, i.e. every request that arrived with it.
    { cache: false, maxBatchSize: 1000, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
}
