import { spawn } from "node:child_process";

export interface IndexerRun {
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once the process has logged `count` committed batches. */
  batches: (count: number) => Promise<void>;
  kill: () => void;
}

/** `node indexer/src/main.ts` with `env` on top of the test's environment, debug logs captured. */
export function runIndexer(args: string[], env: Record<string, string>): IndexerRun {
  const child = spawn(process.execPath, ["indexer/src/main.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { count: number; resolve: () => void }[] = [];
  const committed = () => output.split('"msg":"batch committed"').length - 1;
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const waiter of waiters.filter((w) => committed() >= w.count)) waiter.resolve();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    batches: (count) =>
      new Promise<void>((resolve) => (committed() >= count ? resolve() : waiters.push({ count, resolve }))),
    kill: () => child.kill("SIGKILL"),
  };
}
