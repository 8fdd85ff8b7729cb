// The child processes npm start runs (builds, the Hardhat node, deploy, seed), owned in one place. Each runs in
// its own process group, so stopping it stops everything it started and nothing else, and each dies with npm
// start even when npm start is killed outright (scripts/start/die-with-parent.ts). The first SIGINT or SIGTERM
// calls the current phase's stop; a second one kills every child group at once and exits.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const DIE_WITH_PARENT = fileURLToPath(new URL("./die-with-parent.ts", import.meta.url));
/** How long a child may take to end on SIGTERM before its group is killed. */
const GRACE_MS = 5_000;
/** Exit status after a second signal: 128 + SIGINT's number, as a shell reports Ctrl-C. */
const FORCED_EXIT_CODE = 130;

type Output = "inherit" | number;

const owned = new Set<ChildProcess>();
let onStop: () => void = () => void stopChildren().then(() => process.exit(0));
let signals = 0;

process.on("SIGINT", signalled);
process.on("SIGTERM", signalled);

/** What the first SIGINT or SIGTERM does from now on (the last phase to call this owns the stop). */
export function onInterrupt(stop: () => void): void {
  onStop = stop;
}

/** True once a signal has asked npm start to stop. */
export function interrupted(): boolean {
  return signals > 0;
}

/** `node <args>` as an owned child: its own process group, dying with this process. */
export function spawnNode(args: string[], output: Output, env: NodeJS.ProcessEnv): ChildProcess {
  if (interrupted()) throw new Error(`stopping: ${args.join(" ")} not started`);
  const child = spawn(process.execPath, ["--import", DIE_WITH_PARENT, ...args], {
    stdio: [output === "inherit" ? "inherit" : "ignore", output, output, "pipe"],
    env: { ...env, START_OWNER_PID: String(process.pid) },
    detached: true,
  });
  // Our end of the pipe the child watches stays open, without holding this process alive.
  (child.stdio[3] as { unref?: () => void } | null)?.unref?.();
  owned.add(child);
  child.once("exit", () => owned.delete(child));
  return child;
}

/** `npm run --silent <script>` as an owned child, through the npm that runs npm start when known. */
export function spawnNpm(script: string): ChildProcess {
  const npm = process.env.npm_execpath;
  if (npm?.endsWith(".js")) return spawnNode([npm, "run", "--silent", script], "inherit", process.env);
  if (interrupted()) throw new Error(`stopping: npm run ${script} not started`);
  const child = spawn("npm", ["run", "--silent", script], { stdio: "inherit", detached: true });
  owned.add(child);
  child.once("exit", () => owned.delete(child));
  return child;
}

/** Sends `signal` to the child's process group, if it still runs. */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Waits for a child to exit; one that ignores SIGTERM for GRACE_MS has its group killed. */
export async function childExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => signalChild(child, "SIGKILL"), GRACE_MS);
  await new Promise((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
}

/** SIGTERM to every owned child's group; resolves once all have exited. */
export async function stopChildren(): Promise<void> {
  const running = [...owned];
  for (const child of running) signalChild(child);
  await Promise.all(running.map(childExited));
}

function signalled(): void {
  signals += 1;
  if (signals === 1) {
    onStop();
    return;
  }
  for (const child of owned) signalChild(child, "SIGKILL");
  process.exit(FORCED_EXIT_CODE);
}
