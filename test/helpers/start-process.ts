import { spawn } from "node:child_process";

/** The fields of start.ts's "ready" log line. */
export interface ReadyLine {
  started_in_ms: number;
  replayed_blocks?: number;
  graphql_url: string;
  ipfs_api_url: string;
  /** The file holding the embedded IPFS node's RPC token, when npm start made one. */
  ipfs_api_auth?: string;
  gateway_url?: string;
  database: string;
  deployment: string;
  demo: "seeded" | "kept" | "skipped";
  /** The keeper's account, or why none runs. */
  keeper: string;
}

const OUTPUT_TAIL_LINES = 30;

/**
 * `scripts/start.ts` as a subprocess with `env` (and `args`), its output collected, until "ready" or exit.
 * Once ready, an exit the test did not ask for (`interrupt`, `kill`) is reported at once, with its code or
 * signal and the last lines of output, as an uncaught error that fails the running test, so the next
 * request does not fail with a bare "fetch failed".
 */
export function launchStart(env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 150_000) {
  const start = spawn(process.execPath, ["scripts/start.ts", ...args], {
    // A one-second admin delay: ADMIN acts go through the AccessManager's queue, and the next block passes it.
    // Metadata resolved within a quarter second: tests wait for what the API shows, not for a poll.
    env: { LOG_LEVEL: "info", ADMIN_DELAY: "1", POLL_INTERVAL_MS: "250", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stopRequested = false;
  start.stdout.on("data", (chunk) => (output += chunk));
  start.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => start.once("exit", resolve));
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`not ready in ${timeoutMs / 1000} s:\n${tail(output)}`));
      stopRequested = true;
      start.kill("SIGINT");
    }, timeoutMs);
    start.stdout.on("data", () => {
      const line = logLine(output, "ready: press Ctrl-C to stop");
      if (line) clearTimeout(timer), resolve(line as unknown as ReadyLine);
    });
    void exited.then(
      (code) => (clearTimeout(timer), reject(new Error(`exited with ${code} before ready:\n${tail(output)}`))),
    );
  });
  ready.catch(() => {}); // a test that never awaits it must not fail on it
  void ready.then(
    () =>
      start.once("exit", (code, signal) => {
        if (stopRequested) return;
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        throw new Error(
          `scripts/start.ts (pid ${start.pid}) died during the test: ${how}; its last output:\n${tail(output)}`,
        );
      }),
    () => {}, // reported by `ready` itself
  );
  return {
    process: start,
    ready,
    exited,
    output: () => output,
    /** The first log line whose msg starts with `msg`, parsed. */
    logLine: (msg: string) => logLine(output, msg),
    /** SIGINT, as Ctrl-C; resolves with the exit code. */
    async interrupt(): Promise<number | null> {
      return this.kill("SIGINT");
    },
    /** Sends `signal` unless it has exited already; resolves with the exit code. */
    async kill(signal: NodeJS.Signals): Promise<number | null> {
      stopRequested = true;
      if (start.exitCode === null && start.signalCode === null) start.kill(signal);
      return exited;
    },
  };
}

function logLine(output: string, msg: string): Record<string, unknown> | undefined {
  const line = output.split("\n").find((text) => text.includes(`"msg":"${msg}`));
  return line === undefined ? undefined : JSON.parse(line);
}

/** The last lines of a child process's output, for a failure message. */
export function tail(output: string): string {
  return output.trimEnd().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
}
