import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { connectDatabase, type Database } from "../../indexer/src/store/db.ts";

// The embedded database answers on a socket through a pool of one connection, which the pool discards after any
// failed query: the connection it opens next must be served, or one request's error fails the next request.
describe("the embedded database on its own thread", () => {
  let database: Database;
  before(async () => {
    database = await connectDatabase("memory://");
  });
  after(() => database.close());

  const missingTable = () => database.db.execute(sql`select * from nothing_here where id = ${"x"}`);
  const missingTableError = (error: Error) => /relation "nothing_here" does not exist/.test(String(error.cause));
  const number = async (n: number) => (await database.db.execute(sql`select ${n}::int as n`)).rows[0].n;

  it("answers the statement after a failed one, however many fail in a row", async () => {
    for (let failures = 1; failures <= 3; failures++) {
      for (let i = 0; i < failures; i++) await assert.rejects(missingTable(), missingTableError);
      assert.equal(await number(failures), failures);
    }
  });

  it("answers every good statement sent together with failing ones", async () => {
    const sent = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? missingTable() : number(i)));
    const settled = await Promise.allSettled(sent);
    settled.forEach((outcome, i) => {
      if (i % 3 === 0) assert.ok(outcome.status === "rejected" && missingTableError(outcome.reason), `statement ${i}`);
      else assert.deepEqual(outcome, { status: "fulfilled", value: i }, `statement ${i}`);
    });
  });

  it("rolls back a transaction whose statement failed and answers the next one", async () => {
    await database.db.execute(sql`create table if not exists kept (n int)`);
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into kept values (1)`);
        await tx.execute(sql`select * from nothing_here where id = ${"x"}`);
      }),
    );
    assert.equal((await database.db.execute(sql`select count(*)::int as n from kept`)).rows[0].n, 0);
    assert.equal(await number(7), 7);
  });
});
