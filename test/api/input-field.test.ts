import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pino } from "pino";
import { readApiConfig } from "../../api/dist/config.js";
import { createGraphqlServer } from "../../api/dist/graphql/yoga.js";

/** The API's yoga server (its plugins and error masking) over a schema part of two fields taking addresses. */
const yoga = createGraphqlServer(
  { ...readApiConfig({ DATABASE_URL: "postgres://127.0.0.1/unused" }), responseCacheMs: 0 },
  [
    {
      typeDefs: `type Query { account(address: Address!): String prepare(input: In!): String }
        input In { address: Address! }`,
      resolvers: { Query: { account: () => "ok", prepare: () => "ok" } },
    },
  ],
  { loaders: { create: () => ({}) } } as never,
  pino({ level: "silent" }),
);

/** The first error of a query as a client sees it: message, code and the field it names. */
async function clientError(query: string, variables?: Record<string, unknown>) {
  const response = await yoga.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const { errors } = (await response.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] };
  assert.ok(errors?.length, `${query} fails`);
  const [{ message, extensions }] = errors;
  return { message, code: extensions.code, field: extensions.field };
}

describe("input errors name the argument (and input field) whose value a scalar refused", () => {
  it("names the argument a bad variable is passed to, not only the variable, compiled or not", async () => {
    const query = "query($a: Address!) { account(address: $a) }";
    const error = await clientError(query, { a: "0x1234" });
    assert.equal(error.code, "BAD_USER_INPUT");
    assert.equal(error.field, "address");
    assert.match(error.message, /^address: Variable "\$a" got invalid value "0x1234"; Address must be 0x followed/);
    // From a document's second sighting its execution is compiled (compiled-execution.ts): the same answers as the
    // default executor's at the first.
    const answer = async (operation: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query: `query ${operation}($a: Address!) { account(address: $a) }`, variables });
      const headers = { "content-type": "application/json" };
      const response = await yoga.fetch("http://127.0.0.1/graphql", { method: "POST", headers, body });
      return { status: response.status, body: await response.json() };
    };
    const cases = {
      Refused: { a: "0x1234" },
      Missing: {},
      Valid: { a: "0x0000000000000000000000000000000000000001" },
    };
    for (const [operation, variables] of Object.entries(cases)) {
      const first = await answer(operation, variables);
      for (const sighting of [2, 3])
        assert.deepEqual(await answer(operation, variables), first, `${operation} ${sighting}`);
    }
    assert.deepEqual(await answer("Valid", cases.Valid), { status: 200, body: { data: { account: "ok" } } });
  });

  it("names the argument of a bad literal, and the input field inside an input object", async () => {
    const literal = await clientError('{ account(address: "0x1234") }');
    assert.deepEqual([literal.code, literal.field], ["BAD_USER_INPUT", "address"]);
    assert.equal(literal.message, "address: Address must be 0x followed by 40 hex digits");
    assert.deepEqual(await clientError('{ account(address: "0x1234") }'), literal, "named once (validation is cached)");
    const nested = await clientError(
      '{ ok: account(address: "0x0000000000000000000000000000000000000001")\n' + "  prepare(input: { address: 42 }) }",
    );
    assert.deepEqual([nested.code, nested.field], ["BAD_USER_INPUT", "input.address"]);
    const variableObject = await clientError("query($i: In!) { prepare(input: $i) }", { i: { address: "0x1" } });
    assert.equal(variableObject.field, "input");
  });

  it("names no field for errors that are not about a value: syntax, unknown arguments, missing ones", async () => {
    for (const source of ["{ account(address: ", '{ account(owner: "0x1") }', "{ account }"]) {
      const error = await clientError(source);
      assert.match(String(error.code), /^GRAPHQL_(PARSE|VALIDATION)_FAILED$/, source);
      assert.equal(error.field, undefined, source);
    }
  });
});
