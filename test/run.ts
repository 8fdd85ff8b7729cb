// Runs one test suite with node's test runner:
//   fast    contracts, units and in-process services, files in parallel, one per core; beside them the storefront's
//           Vitest (its report printed after node's)
//   system  files named *.system.test.ts, which start whole stacks or chain nodes; two files at a time
//           (TEST_SYSTEM_CONCURRENCY=1 for one at a time)
import { spawn } from "node:child_process";
import { globSync } from "node:fs";
import { availableParallelism } from "node:os";

const SUITES = ["fast", "system"] as const;
const suite = process.argv[2] as (typeof SUITES)[number];
if (!SUITES.includes(suite)) {
  console.error(`usage: node test/run.ts <${SUITES.join("|")}>`);
  process.exit(2);
}
const isSystem = (file: string) => file.endsWith(".system.test.ts");
// The longest system files (as measured in CI, 20–85 s each) start first, so that the lanes finish together rather
// than one running a long file alone at the end; the rest follow in name order.
const LONGEST_FIRST = [
  "test/cli/journey.system.test.ts",
  "test/e2e/start-interrupt.system.test.ts",
  "test/indexer/sync.system.test.ts",
  "test/api/api.system.test.ts",
  "test/e2e/start.system.test.ts",
  "test/web/storefront.system.test.ts",
  "test/web/provenance-merchant.system.test.ts",
  "test/e2e/local-chain.system.test.ts",
  "test/e2e/start-external.system.test.ts",
  "test/keeper/keeper.system.test.ts",
];
const rank = (file: string) => {
  const index = LONGEST_FIRST.indexOf(file);
  return index === -1 ? LONGEST_FIRST.length : index;
};
const files = globSync("test/**/*.test.ts")
  .filter((file) => isSystem(file) === (suite === "system"))
  .sort()
  .sort((a, b) => rank(a) - rank(b));
// Each system file starts its own stack on free ports and in its own temp directory, so two never share state.
// One at a time left the cores ~40% idle: a file spends much of its time waiting on the processes it started.
const concurrency = suite === "system" ? systemConcurrency() : availableParallelism();
const webUnits = suite === "fast" ? collected(["node_modules/vitest/vitest.mjs", "run", "--root", "web"]) : undefined;
const node = exitOf(
  spawn(process.execPath, ["--test", "--test-reporter=tap", `--test-concurrency=${concurrency}`, ...files], {
    stdio: "inherit",
  }),
);
const codes = [await node];
if (webUnits) {
  const { code, output } = await webUnits;
  process.stdout.write(output);
  codes.push(code);
}
process.exit(codes.every((code) => code === 0) ? 0 : 1);

function systemConcurrency(): number {
  const setting = process.env.TEST_SYSTEM_CONCURRENCY ?? "2";
  if (!/^[1-9]\d*$/.test(setting)) {
    console.error(`TEST_SYSTEM_CONCURRENCY: must be a whole number of files at a time (1 or more), got "${setting}"`);
    process.exit(2);
  }
  return Number(setting);
}

/** Runs `node <args>` with its output held back, so it does not interleave with node's TAP report. */
async function collected(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { code: await exitOf(child), output };
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.once("close", resolve));
}
