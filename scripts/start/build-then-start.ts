// `npm start`: answers --help and bad options at once, then builds what the system runs from (the API,
// incrementally, while the contracts compile; then the storefront, which imports the contracts' ABIs)
// and runs scripts/start.ts in this process.
// A signal while building stops the builds (scripts/start/children.ts) and exits.
import { constants } from "node:os";
import { interrupted, spawnNpm } from "./children.ts";
import { readStartOptions, START_HELP } from "./options.ts";

try {
  if (readStartOptions(process.argv.slice(2), process.env) === "help") {
    process.stdout.write(START_HELP);
    process.exit(0);
  }
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}

const api = npmRun("build:api");
await npmRun("build");
await npmRun("build:web");
await api;
await import("../start.ts");

/**
 * Runs an npm script; a failed one ends this process with its exit status (128 + the signal's number if a
 * signal stopped it).
 */
function npmRun(script: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawnNpm(script);
    child.once("error", (error) => {
      process.stderr.write(`error: npm run ${script}: ${error.message}\n`);
      process.exit(1);
    });
    child.once("exit", (code, signal) => {
      if (code === 0) return resolve();
      if (interrupted()) return; // the stop exits
      process.stderr.write(`error: npm run ${script} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}\n`);
      process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1));
    });
  });
}
