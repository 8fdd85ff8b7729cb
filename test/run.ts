// Runs one test suite with node's test runner:
//   fast    contracts, units and in-process services; files in parallel, one per core
//   system  files named *.system.test.ts, which start whole stacks or chain nodes; one file at a time
import { spawnSync } from "node:child_process";
import { globSync } from "node:fs";
import { availableParallelism } from "node:os";

const SUITES = ["fast", "system"] as const;
const suite = process.argv[2] as (typeof SUITES)[number];
if (!SUITES.includes(suite)) {
  console.error(`usage: node test/run.ts <${SUITES.join("|")}>`);
  process.exit(2);
}
const isSystem = (file: string) => file.endsWith(".system.test.ts");
const files = globSync("test/**/*.test.ts")
  .filter((file) => isSystem(file) === (suite === "system"))
  .sort();
const concurrency = suite === "system" ? 1 : availableParallelism();
const run = spawnSync(
  process.execPath,
  ["--test", "--test-reporter=tap", `--test-concurrency=${concurrency}`, ...files],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
