import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { GENERATED_ABIS, renderAbis } from "../../scripts/abis/render.ts";

describe("sdk/abis.generated.ts", () => {
  it("matches the ABIs of the current Hardhat build (run `npm run abis` after changing a contract)", async () => {
    assert.equal(await readFile(GENERATED_ABIS, "utf8"), await renderAbis());
  });
});
