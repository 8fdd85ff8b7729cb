// Fails, listing file:line, for every line of a tracked code file longer than 120 characters.
// Biome's formatter wraps code at 120 but not string literals or comments, and solhint sees only
// Solidity; this check covers what they leave. Markdown and JSON are not checked: prose and tables
// cannot wrap without changing how they render, and the tracked JSON is data (results, snapshots).
//
//   node scripts/lint/line-length.ts [--summary] [path ...]
//
// With paths, only tracked files under them are checked; --summary adds counts per top-level folder.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const MAX_LINE_LENGTH = 120;

const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|sol|css|html)$/;

/** Generated or vendored paths: written by tools, not by hand. */
const GENERATED = [
  "node_modules/",
  "artifacts/",
  "cache/",
  "types/",
  "coverage/",
  "data/",
  "test-results/",
  "bench/results/",
  "ignition/deployments/",
  "indexer/src/store/migrations/",
];

export interface LongLine {
  file: string;
  line: number;
  length: number;
}

/** Tracked code files (under `paths`, if any), minus generated ones. */
export function codeFiles(paths: readonly string[] = []): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--", ...paths], { encoding: "utf8", maxBuffer: 64 << 20 });
  return listed
    .split("\0")
    .filter((file) => CODE_FILE.test(file))
    .filter((file) => !file.split("/").includes("dist") && !GENERATED.some((prefix) => file.startsWith(prefix)));
}

/** Lines of `text` longer than `max` characters (code points, so "─" counts once). */
export function longLines(file: string, text: string, max = MAX_LINE_LENGTH): LongLine[] {
  const found: LongLine[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const length = [...line].length;
    if (length > max) found.push({ file, line: index + 1, length });
  });
  return found;
}

function main(args: string[]): number {
  const summary = args.includes("--summary");
  const files = codeFiles(args.filter((arg) => arg !== "--summary"));
  const found = files.flatMap((file) => longLines(file, readFileSync(file, "utf8")));
  for (const { file, line, length } of found) console.log(`${file}:${line}: ${length} characters`);
  if (summary) {
    const perFolder = new Map<string, number>();
    for (const { file } of found) {
      const folder = file.includes("/") ? file.slice(0, file.indexOf("/")) : ".";
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    for (const [folder, count] of [...perFolder].sort()) console.log(`  ${folder}: ${count}`);
  }
  if (found.length === 0) {
    console.log(`line-length: ${files.length} files, no line over ${MAX_LINE_LENGTH} characters`);
    return 0;
  }
  const longest = Math.max(...found.map(({ length }) => length));
  const inFiles = new Set(found.map(({ file }) => file)).size;
  console.error(
    `line-length: ${found.length} lines over ${MAX_LINE_LENGTH} characters in ${inFiles} of ${files.length} files` +
      ` (longest ${longest})`,
  );
  return 1;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
