import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { ValidationError } from "../../sdk/errors.ts";

const DIST = new URL("../../api/dist/", import.meta.url);
const SRC = new URL("../../api/src/", import.meta.url);

describe("the compiled API (npm run build:api) and the process that starts it share one copy of each module", () => {
  it("throws the ValidationError class this process imports from sdk/errors.ts", async () => {
    const { pageWindow } = await import("../../api/dist/common/connection.js");
    assert.throws(
      () => pageWindow(-1, null, 100),
      (error) => error instanceof ValidationError && error.field === "first",
    );
  });

  it("holds only the output of api/src: no compiled copy of sdk/, indexer/ or ipfs-node/", () => {
    const compiled = readdirSync(DIST, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith(".js"));
    assert.ok(compiled.includes("server.js"));
    // A file whose source is gone (deleted since the last build) is left behind by tsc, harmlessly: nothing imports it.
    const copies = compiled.filter(
      (path) => /^(sdk|indexer|ipfs-node|api)\//.test(path) || /\/(sdk|indexer|ipfs-node)\//.test(path),
    );
    assert.deepEqual(copies, []);
    assert.ok(
      compiled.filter((path) => existsSync(new URL(path.replace(/\.js$/, ".ts"), SRC))).length > 30,
      "the API's own modules",
    );
  });
});
