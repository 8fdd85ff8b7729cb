import { useCallback, useState } from "react";
import { describeError } from "../lib/errors/describe-error.ts";

/**
 * Runs one user action at a time: `busy` names the running one, `error` is the last failure in plain words.
 * Resolves to whether the action succeeded.
 */
export function useAsyncAction() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const run = useCallback(async (name: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(name);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run };
}
