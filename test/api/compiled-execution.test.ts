import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pino } from "pino";
import { readApiConfig } from "../../api/dist/config.js";
import { createGraphqlServer } from "../../api/dist/graphql/yoga.js";

// From a document's second sighting the API runs queries compiled (api/src/graphql/compiled-execution.ts): every
// sighting must answer as the first, which the default executor answered.
let mutationsRun = 0;
const yoga = createGraphqlServer(
  { ...readApiConfig({ DATABASE_URL: "postgres://127.0.0.1/unused" }), responseCacheMs: 0 },
  [
    {
      typeDefs: `type Query { missing: String! items: [Item!]! greeting(name: String): String! }
        type Item { id: ID! name: String! }
        type Mutation { fail: String! record: String! }`,
      resolvers: {
        Query: {
          missing: () => null,
          items: () => [{ id: "1", name: "one" }, { id: "2" }],
          greeting: (_: unknown, { name }: { name?: string }) => `hello ${name ?? "you"}`,
        },
        Mutation: {
          fail: () => {
            throw new Error("refused");
          },
          record: () => String(++mutationsRun),
        },
      },
    },
  ],
  { loaders: { create: () => ({}) } } as never,
  pino({ level: "silent" }),
);

async function answer(query: string) {
  const response = await yoga.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** The answers of three sightings of `query`: the first by the default executor, the others compiled. */
async function sightings(query: string) {
  return [await answer(query), await answer(query), await answer(query)];
}

describe("compiled execution answers as the default executor, at every sighting", () => {
  it("answers data alike", async () => {
    const [first, ...compiled] = await sightings('{ greeting(name: "ada") }');
    assert.deepEqual(first, { status: 200, body: { data: { greeting: "hello ada" } } });
    for (const later of compiled) assert.deepEqual(later, first);
  });

  it("masks a null in a non-null field as the server's own error, with its location", async () => {
    for (const query of ["{ missing }", "{ items { id name } }"]) {
      const [first, ...compiled] = await sightings(query);
      const [error] = first.body.errors;
      assert.equal(error.message, "Unexpected error.", query);
      assert.equal(error.extensions.code, "INTERNAL_SERVER_ERROR", query);
      assert.ok(error.locations?.length, `${query}: located`);
      for (const later of compiled) assert.deepEqual(later, first, query);
    }
  });

  it("stops a mutation at its first failed field, every time", async () => {
    const [first, ...later] = await sightings("mutation { fail record }");
    assert.equal(first.body.data, null);
    for (const again of later) assert.deepEqual(again, first);
    assert.equal(mutationsRun, 0, "the field after the failed one never ran");
  });

  it("leaves a document holding graphql-jit's value markers to the default executor", async () => {
    const query = '{ greeting(name: "__MAGIC_NAN__57f286b9_4c20_487f_b409_79804ddcb4f8") }';
    for (const sighting of await sightings(query))
      assert.deepEqual(sighting.body, {
        data: { greeting: "hello __MAGIC_NAN__57f286b9_4c20_487f_b409_79804ddcb4f8" },
      });
  });
});
