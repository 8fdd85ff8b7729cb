import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { connectDatabase, type Database } from "../../indexer/src/store/db.ts";

// The embedded database answers on a socket through a pool of several connections (pglite-bridge.ts): one session
// shared by all, so the bridge must keep each query's messages together, give a transaction the session to itself,
// serve the connection the pool opens after discarding one whose query failed, and keep each connection's prepared
// statements its own, as PostgreSQL's sessions do.
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

  const preparedAs = async (text: string, client: pg.Pool | pg.PoolClient = pool) =>
    (
      await client.query({
        text: "select count(*)::int as n from pg_prepared_statements where statement = $1",
        values: [text],
      })
    ).rows[0].n as number;

  it("keeps each connection's prepared statements apart: one name, two texts, each connection its own", async () => {
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      const one = { name: "which", text: "select 1 as n where $1::int > 0" };
      const two = { name: "which", text: "select 2 as n where $1::int > 0" };
      for (let round = 0; round < 3; round++) {
        assert.deepEqual((await first.query({ ...one, values: [1] })).rows, [{ n: 1 }]);
        assert.deepEqual((await second.query({ ...two, values: [1] })).rows, [{ n: 2 }]);
      }
      // A statement that fails still leaves its connection's name usable, as on PostgreSQL.
      await assert.rejects(first.query({ ...one, values: ["not a number"] }), /invalid input syntax for type integer/);
      assert.deepEqual((await first.query({ ...one, values: [3] })).rows, [{ n: 1 }]);
    } finally {
      first.release();
      second.release();
    }
  });

  it("closes the prepared statements of a connection that left, and only those", async () => {
    const [leaving, staying] = [await pool.connect(), await pool.connect()];
    const text = "select $1::int as leaving";
    await leaving.query({ name: "left_behind", text, values: [1] });
    await staying.query({ name: "left_behind", text, values: [2] });
    assert.equal(await preparedAs(text, staying), 2);
    leaving.release(new Error("the client went away"));
    let left = 2;
    for (let i = 0; i < 50 && left === 2; i++) left = await preparedAs(text, staying);
    assert.equal(left, 1);
    assert.deepEqual((await staying.query({ name: "left_behind", text, values: [3] })).rows, [{ leaving: 3 }]);
    staying.release();
  });
});
