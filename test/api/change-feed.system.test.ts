import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { pino } from "pino";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { startPostgres, type Postgres } from "../indexer/helpers/postgres.ts";

const { ChangeFeed } = await import("../../api/dist/subscriptions/change-feed.js");
const { readApiConfig } = await import("../../api/dist/config.js");

describe("the subscriptions' change feed at shutdown", () => {
  let postgres: Postgres;
  let url: string;
  let database: Database;

  before(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase();
    database = await openDatabase(url);
  });

  after(async () => {
    await database?.close();
    await postgres?.stop();
  });

  it("waits for a poll in flight before the module is gone, so the database is not closed under it", async () => {
    const warnings: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => warnings.push(line) });
    const config = readApiConfig({
      SESSION_SECRET: "test-secret-test-secret-test-secret!",
      SUBSCRIPTION_POLL_MS: "10",
    });
    const feed = new ChangeFeed(database, config, logger);
    // Another session holds the cursor's table: the feed's next poll waits on it, in flight.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table sync_state in access exclusive mode");
      feed.listen("order:1", () => {});
      await waitFor(async () => (await blockedQueries(holder)) > 0);

      let gone = false;
      const destroyed = Promise.resolve(feed.onModuleDestroy()).then(() => (gone = true));
      await sleep(200);
      assert.equal(gone, false, "the module is not gone while its poll waits");
      await holder.query("commit");
      await destroyed;
      assert.equal(await blockedQueries(holder), 0);
      assert.deepEqual(warnings, []);
    } finally {
      await holder.end();
    }
  });
});

/** Sessions of this database waiting for a lock. */
async function blockedQueries(client: pg.Client): Promise<number> {
  const { rows } = await client.query(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return rows[0].n;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error("timed out waiting for the feed's poll to block");
    await sleep(10);
  }
}
