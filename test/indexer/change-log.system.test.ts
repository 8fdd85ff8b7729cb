import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { recordChanges } from "../../indexer/src/store/index-changes.ts";
import { startPostgres, type Postgres } from "./helpers/postgres.ts";

describe("the change log on PostgreSQL: ids commit in order", () => {
  let postgres: Postgres;
  let database: Database;

  before(async () => {
    postgres = await startPostgres();
    database = await openDatabase(await postgres.createDatabase());
  });
  after(async () => {
    await database?.close();
    await postgres?.stop();
  });

  const logged = async () =>
    (
      (await database.db.execute(sql`select id::int as id, key from index_changes order by id`)) as unknown as {
        rows: { id: number; key: string }[];
      }
    ).rows;

  it("a writer that logs after another waits for its commit, so no reader sees a larger id first", async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLogged!: () => void;
    const firstHasLogged = new Promise<void>((resolve) => (firstLogged = resolve));
    const first = database.db.transaction(async (tx) => {
      await recordChanges(tx, [{ kind: "listing", key: "first" }]);
      firstLogged();
      await firstHeld; // a batch still writing after its change rows
    });
    await firstHasLogged;
    const second = database.db.transaction((tx) => recordChanges(tx, [{ kind: "listing", key: "second" }]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(await logged(), [], "the second writer has not committed past the open first one");
    releaseFirst();
    await Promise.all([first, second]);
    assert.deepEqual(
      (await logged()).map((row) => row.key),
      ["first", "second"],
    );
  });
});
