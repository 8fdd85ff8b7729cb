import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { connectDatabase, type Database } from "../../indexer/src/store/db.ts";

// The embedded database answers on a socket through a pool of several connections (pglite-bridge.ts): one session
// shared by all, so the bridge must keep each query's messages together, give a transaction the session to itself,
// and serve the connection the pool opens after discarding one whose query failed.
describe("the embedded database on its own thread", () => {
  let database: Database;
  let pool: pg.Pool;
  before(async () => {
    database = await connectDatabase("memory://");
    pool = database.db.$client as pg.Pool;
    await pool.query("create table kept (n int)");
  });
  after(() => database.close());

  const missingTable = () => database.db.execute(sql`select * from nothing_here where id = ${"x"}`);
  const missingTableError = (error: Error) => /relation "nothing_here" does not exist/.test(String(error.cause));
  const number = async (n: number) => (await database.db.execute(sql`select ${n}::int as n`)).rows[0].n;
  const kept = async (client: pg.Pool | pg.PoolClient = pool) =>
    (await client.query("select count(*)::int as n from kept")).rows[0].n as number;

  it("answers the statement after a failed one, however many fail in a row", async () => {
    for (let failures = 1; failures <= 3; failures++) {
      for (let i = 0; i < failures; i++) await assert.rejects(missingTable(), missingTableError);
      assert.equal(await number(failures), failures);
    }
  });

  it("answers each of many statements sent together on several connections with its own rows", async () => {
    let connections = 0;
    const counted = () => (connections = Math.max(connections, pool.totalCount));
    pool.on("acquire", counted);
    const sent = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? missingTable() : number(i)));
    const settled = await Promise.allSettled(sent);
    pool.off("acquire", counted);
    settled.forEach((outcome, i) => {
      if (i % 7 === 0) assert.ok(outcome.status === "rejected" && missingTableError(outcome.reason), `statement ${i}`);
      else assert.deepEqual(outcome, { status: "fulfilled", value: i }, `statement ${i}`);
    });
    assert.ok(connections > 1, `the pool used ${connections} connections`);
  });

  it("gives a transaction the session: another connection waits and then sees only what was committed", async () => {
    const [writer, reader] = [await pool.connect(), await pool.connect()];
    try {
      await writer.query("begin");
      await writer.query("insert into kept values (1)");
      let read: number | undefined;
      const reading = kept(reader).then((n) => (read = n));
      await writer.query("insert into kept values (2)");
      assert.equal(read, undefined, "the reader waited for the transaction");
      assert.equal(await kept(writer), 2);
      await writer.query("commit");
      assert.equal(await reading, 2);
    } finally {
      writer.release();
      reader.release();
      await pool.query("delete from kept");
    }
  });

  it("rolls back the transaction of a connection that left and serves the others", async () => {
    const writer = await pool.connect();
    await writer.query("begin");
    await writer.query("insert into kept values (1)");
    writer.release(new Error("the client went away"));
    assert.equal(await kept(), 0);
    assert.equal(await number(5), 5);
  });

  it("rolls back a transaction whose statement failed and answers the next one", async () => {
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into kept values (1)`);
        await tx.execute(sql`select * from nothing_here where id = ${"x"}`);
      }),
    );
    assert.equal(await kept(), 0);
    assert.equal(await number(7), 7);
  });
});
