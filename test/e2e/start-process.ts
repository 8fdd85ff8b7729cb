import { spawn } from "node:child_process";

/** The fields of start.ts's "ready" log line. */
export interface ReadyLine {
  started_in_ms: number;
  replayed_blocks?: number;
  graphql_url: string;
  ipfs_api_url: string;
  gateway_url?: string;
  database: string;
  deployment: string;
  demo: "seeded" | "kept" | "skipped";
}

/** `scripts/start.ts` as a subprocess with `env` (and `args`), its output collected, until "ready" or exit. */
export function launchStart(env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 150_000) {
  const start = spawn(process.execPath, ["scripts/start.ts", ...args], { env: { LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  start.stdout.on("data", (chunk) => (output += chunk));
  start.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => start.once("exit", resolve));
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)), timeoutMs);
    start.stdout.on("data", () => {
      const line = logLine(output, "ready: press Ctrl-C to stop");
      if (line) (clearTimeout(timer), resolve(line as unknown as ReadyLine));
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`exited with ${code} before ready:\n${output.slice(-3000)}`))));
  });
  ready.catch(() => {}); // a test that never awaits it must not fail on it
  return {
    process: start,
    ready,
    exited,
    output: () => output,
    /** The first log line whose msg starts with `msg`, parsed. */
    logLine: (msg: string) => logLine(output, msg),
    /** SIGINT, as Ctrl-C; resolves with the exit code. */
    async interrupt(): Promise<number | null> {
      if (start.exitCode === null) start.kill("SIGINT");
      return exited;
    },
  };
}

function logLine(output: string, msg: string): Record<string, unknown> | undefined {
  const line = output.split("\n").find((text) => text.includes(`"msg":"${msg}`));
  return line === undefined ? undefined : JSON.parse(line);
}
