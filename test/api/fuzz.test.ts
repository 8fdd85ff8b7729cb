import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

describe("npm run fuzz:api, a bounded run", () => {
  it("answers 1,000 hostile requests of every family without a 5xx, a hang or a crash", () => {
    const run = spawnSync(
      process.execPath,
      ["--expose-gc", "scripts/fuzz/api.ts", "--count", "1000", "--seed", "7", "--concurrency", "4"],
      { encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(run.status, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
    const report = JSON.parse(run.stdout) as {
      byStatus: Record<string, number>;
      byFamily: Record<string, Record<string, number>>;
      failureCount: number;
    };
    assert.equal(report.failureCount, 0);
    assert.equal(
      Object.values(report.byStatus).reduce((sum, count) => sum + count, 0),
      1000,
    );
    assert.ok(
      Object.keys(report.byStatus).every((status) => /^[1-4]\d\d$/.test(status)),
      "every answer below 500",
    );
    assert.ok(Object.keys(report.byFamily).length >= 18, "the run drew every family of case");
  });

  it("refuses a bad option, naming it", () => {
    const run = spawnSync(process.execPath, ["scripts/fuzz/api.ts", "--count", "lots"], { encoding: "utf8" });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--count: must be a whole number of at least 1, got "lots"/);
  });
});
