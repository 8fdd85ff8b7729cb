// Process hygiene of npm start: interrupted at any phase (build, chain start, seed, serving), by SIGINT, SIGTERM or
// an outright SIGKILL, it leaves no process it started and no port it opened.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../helpers/ports.ts";
import { setTimeout as sleep } from "node:timers/promises";

const PHASE_TIMEOUT_MS = 150_000;
const GONE_TIMEOUT_MS = 15_000;

describe("npm start stops everything it started, at any phase", () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** scripts/start.ts (or `script`) with free ports and a fresh data directory; its output and descendants kept. */
  async function launch(env: NodeJS.ProcessEnv, script = "scripts/start.ts") {
    const dataDir = mkdtempSync(join(tmpdir(), "ledger-interrupt-"));
    dirs.push(dataDir);
    const ports = { CHAIN_PORT: await freePort(), IPFS_PORT: await freePort(), IPFS_RPC_PORT: await freePort() };
    const child = spawn(process.execPath, [script], {
      env: {
        ...process.env,
        LOG_LEVEL: "info",
        DATA_DIR: dataDir,
        DEPLOYMENTS_DIR: join(dataDir, "deployments"),
        ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const seen = new Map<number, string>();
    /** Records the process tree under npm start now; resolves with the command lines seen so far. */
    const look = () => {
      for (const [pid, cmdline] of descendants(child.pid!)) seen.set(pid, cmdline);
      return [...seen.values()];
    };
    return { child, ports: Object.values(ports), exited, seen, look, output: () => output };
  }

  /** Waits until `reached` (polled with the process tree's command lines and the output), then sends `signal`. */
  async function interruptWhen(
    run: Awaited<ReturnType<typeof launch>>,
    reached: (cmdlines: string[], output: string) => boolean,
    signal: NodeJS.Signals,
  ): Promise<void> {
    const ended = () => run.child.exitCode !== null || run.child.signalCode !== null;
    if (!(await waitFor(() => ended() || reached(run.look(), run.output()), PHASE_TIMEOUT_MS)) || ended()) {
      run.child.kill("SIGKILL");
      assert.fail(`phase not reached in ${PHASE_TIMEOUT_MS / 1000} s:\n${run.output().slice(-3000)}`);
    }
    run.look();
    assert.ok(run.seen.size > 0, "npm start had started children");
    run.child.kill(signal);
    await run.exited;
    await assertNothingLeft(run);
  }

  async function assertNothingLeft(run: Awaited<ReturnType<typeof launch>>): Promise<void> {
    if (!(await waitFor(() => [...run.seen.keys()].every((pid) => !alive(pid)), GONE_TIMEOUT_MS))) {
      const left = [...run.seen].filter(([pid]) => alive(pid));
      for (const [pid] of left) process.kill(pid, "SIGKILL"); // only processes this test's npm start started
      assert.fail(`processes left: ${JSON.stringify(left)}\n${run.output().slice(-3000)}`);
    }
    // A killed process's listening socket is released by the kernel a moment after the process is gone.
    for (const port of run.ports)
      assert.equal(await waitFor(() => portIsFree(port), GONE_TIMEOUT_MS), true, `port ${port} is free`);
  }

  it("SIGINT while building stops the builds", async () => {
    const run = await launch({ SEED_DEMO: "false" }, "scripts/start/build-then-start.ts");
    await interruptWhen(run, (cmdlines) => cmdlines.some((cmdline) => /\bbuild\b/.test(cmdline)), "SIGINT");
  });

  it("SIGTERM as the local chain becomes ready (deploying) stops the node and the deploy", async () => {
    const run = await launch({ SEED_DEMO: "false" });
    await interruptWhen(run, (_, output) => output.includes('"msg":"local chain ready"'), "SIGTERM");
  });

  it("SIGINT while the Hardhat node starts stops it", async () => {
    const run = await launch({ SEED_DEMO: "false" });
    await interruptWhen(run, (cmdlines) => cmdlines.some((cmdline) => cmdline.includes("hardhat node")), "SIGINT");
  });

  it("SIGINT while seeding the demo stops the seed and the node", async () => {
    const run = await launch({});
    await interruptWhen(
      run,
      (cmdlines) => cmdlines.some((cmdline) => cmdline.includes("scripts/demo/seed.ts")),
      "SIGINT",
    );
  });

  it("SIGTERM when ready stops everything and frees every port", async () => {
    const run = await launch({ SEED_DEMO: "false" });
    await interruptWhen(run, (_, output) => output.includes('"msg":"ready: press Ctrl-C to stop"'), "SIGTERM");
  });

  it("SIGKILL of npm start itself, when ready, still takes the Hardhat node down", async () => {
    const run = await launch({ SEED_DEMO: "false" });
    await interruptWhen(run, (_, output) => output.includes('"msg":"ready: press Ctrl-C to stop"'), "SIGKILL");
  });

  it("a second signal forces the exit while the first stop is under way", async () => {
    const run = await launch({ SEED_DEMO: "false" });
    assert.ok(await waitFor(() => run.look().some((cmdline) => cmdline.includes("hardhat node")), PHASE_TIMEOUT_MS));
    run.child.kill("SIGTERM");
    run.child.kill("SIGINT");
    assert.notEqual(await run.exited, null);
    await assertNothingLeft(run);
  });
});

/** Polls `ok` every 50 ms until it holds (true) or `timeoutMs` passes (false). */
async function waitFor(ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Every process under `root` (by parent PID in /proc), with its command line. */
function descendants(root: number): Map<number, string> {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parents)
      if (frontier.includes(ppid) && !found.has(pid)) {
        found.set(pid, cmdline(pid));
        next.push(pid);
      }
    frontier = next;
  }
  return found;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
