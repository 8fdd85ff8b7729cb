import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readKeeperConfig } from "../../scripts/keeper/config.ts";
import { freePort } from "../helpers/ports.ts";

describe("the keeper's settings", () => {
  it("default to sending every 2 s, at most 50 calls a round, with back-off from 1 s", () => {
    assert.deepEqual(readKeeperConfig({}), {
      privateKey: undefined,
      dryRun: false,
      pollIntervalMs: 2_000,
      maxPerRound: 50,
      retryBaseMs: 1_000,
      receiptTimeoutMs: 120_000,
      port: 0,
    });
  });

  it("name the variable and its rule when a value is bad", () => {
    for (const [variable, value, rule] of [
      ["KEEPER_PRIVATE_KEY", "0x1234", /must be a 0x-prefixed 32-byte hex private key/],
      ["KEEPER_DRY_RUN", "yes", /KEEPER_DRY_RUN: /],
      ["KEEPER_POLL_INTERVAL_MS", "0", /KEEPER_POLL_INTERVAL_MS: /],
      ["KEEPER_PORT", "70000", /KEEPER_PORT: /],
    ] as const)
      assert.throws(() => readKeeperConfig({ [variable]: value }), { name: "ConfigError", message: rule });
  });

  it("npm run keeper without a key stops at once, naming KEEPER_PRIVATE_KEY, before it reaches any chain", async () => {
    const { KEEPER_PRIVATE_KEY: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ["scripts/keeper/main.ts"], {
      env: { ...env, RPC_URL: `http://127.0.0.1:${await freePort()}` },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /KEEPER_PRIVATE_KEY: is required .* unless KEEPER_DRY_RUN=true/);
  });
});
