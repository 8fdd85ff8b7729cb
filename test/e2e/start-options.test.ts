import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

/** `npm start`'s entry point, as npm runs it, with `args` and `env`. */
const start = (args: string[], env = process.env) =>
  spawnSync(process.execPath, ["scripts/start/build-then-start.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env,
  });

describe("npm start's options, answered before anything is built", () => {
  it("--help prints the usage and exits 0 without building", () => {
    const run = start(["--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: npm start -- \[options\]/);
    assert.doesNotMatch(run.stdout + run.stderr, /build|tsc|vite|Compil/i);
  });

  it("an unknown option is named, with a non-zero exit and nothing built", () => {
    const run = start(["--rcp", "http://127.0.0.1:8545"]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Unknown option '--rcp'/);
    assert.equal(run.stdout, "");
  });

  it("a bad keeper setting is named, with a non-zero exit and nothing built", () => {
    const run = start([], { ...process.env, KEEPER_RETRY_MS: "soon" });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /KEEPER_RETRY_MS: /);
    assert.equal(run.stdout, "");
  });
});
