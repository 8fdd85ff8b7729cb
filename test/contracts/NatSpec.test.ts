import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every external or public function declared in `file` whose doc comment is missing. */
function undocumentedFunctions(file: string): string[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const missing: string[] = [];
  lines.forEach((line, index) => {
    const declaration = line.match(/^\s*function (\w+)\(/);
    if (!declaration) return;
    const signature = lines
      .slice(index, index + 12)
      .join(" ")
      .split("{")[0];
    if (!/\b(external|public)\b/.test(signature)) return;
    let previous = index - 1;
    while (previous >= 0 && lines[previous].trim() === "") previous--;
    if (!lines[previous]?.trim().startsWith("///")) missing.push(`${file}:${index + 1} ${declaration[1]}`);
  });
  return missing;
}

const solidityIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".sol"))
    .map((name) => join(dir, name));

describe("NatSpec", () => {
  it("documents every external function on the interfaces", () => {
    assert.deepEqual(solidityIn("contracts/interfaces").flatMap(undocumentedFunctions), []);
  });

  it("documents or inherits the documentation of every external function of the contracts", () => {
    assert.deepEqual(solidityIn("contracts").flatMap(undocumentedFunctions), []);
  });
});
