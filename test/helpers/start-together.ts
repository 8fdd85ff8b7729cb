/**
 * Starts services side by side and returns each one that started even when another failed, so the
 * test's `after` hook can stop it (a plain Promise.all would drop it, leaving e.g. a PostgreSQL
 * cluster running); the first failure is then thrown.
 */
export async function startTogether<T extends readonly unknown[]>(
  starts: { [K in keyof T]: Promise<T[K]> },
  keep: (started: { [K in keyof T]: T[K] | undefined }) => void,
): Promise<void> {
  const results = await Promise.allSettled(starts as readonly Promise<unknown>[]);
  keep(
    results.map((result) => (result.status === "fulfilled" ? result.value : undefined)) as {
      [K in keyof T]: T[K] | undefined;
    },
  );
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}
