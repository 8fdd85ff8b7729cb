// Fails, listing file:line, for every import that crosses a boundary docs/architecture.md draws:
// which top-level part may import which, the indexer's internals kept from the API, and no Node-only
// module in the browser's code.
//
//   node scripts/lint/boundaries.ts
import { builtinModules } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { codeFiles } from "./line-length.ts";

interface Part {
  /** Path prefix of the part's files. */
  root: string;
  /** Path prefixes of other parts (or their public modules) the part may import. */
  mayImport: string[];
  /** Packages the part may not import, for code that runs in a browser. */
  forbidsPackages?: RegExp;
}

/** Modules of the indexer other parts may use: the one database schema and its opener. */
const INDEXER_DATABASE = ["indexer/src/store/schema.ts", "indexer/src/store/db.ts"];
/** package.json "imports": how the API names the parts it runs from their TypeScript sources. */
const ALIASES: [string, string][] = [
  ["#sdk/", "sdk/"],
  ["#indexer/", "indexer/src/"],
  ["#ipfs-node/", "ipfs-node/src/"],
];
/** Packages (regex alternatives, `$` for an exact name) that run only under Node. */
const NODE_ONLY_PACKAGES = [
  "pg$",
  "@electric-sql/pglite",
  "helia",
  "blockstore-fs",
  "datastore-fs",
  "pino$",
  "sharp$",
  "@nestjs/",
];
const NODE_ONLY = new RegExp(`^(node:|(${builtinModules.join("|")})$|${NODE_ONLY_PACKAGES.join("|")})`);

/** Most specific first: a file belongs to the first part whose root it starts with. */
export const PARTS: Part[] = [
  { root: "web/src/", mayImport: ["web/src/", "sdk/", "artifacts/"], forbidsPackages: NODE_ONLY },
  { root: "web/", mayImport: ["web/", "sdk/", "artifacts/"] },
  { root: "sdk/", mayImport: ["sdk/", "artifacts/"] },
  { root: "indexer/", mayImport: ["indexer/", "sdk/"] },
  { root: "ipfs-node/", mayImport: ["ipfs-node/", "sdk/"] },
  { root: "api/", mayImport: ["api/", "sdk/", "ipfs-node/", ...INDEXER_DATABASE] },
  { root: "scripts/bench/", mayImport: ["scripts/", "sdk/", "indexer/", "ipfs-node/", "api/", "test/"] },
  { root: "scripts/", mayImport: ["scripts/", "sdk/", "indexer/", "ipfs-node/", "api/", "ignition/", "artifacts/"] },
  { root: "ignition/", mayImport: ["ignition/", "sdk/"] },
  { root: "test/", mayImport: [""] },
  { root: "hardhat.config.ts", mayImport: [""] },
];

/** Erased when compiled: types cross no runtime boundary. */
const TYPE_ONLY = /^\s*(import|export) type\b/;
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

export interface Crossing {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** Every import in `files` that its part may not make. */
export function crossings(files: readonly string[]): Crossing[] {
  const found: Crossing[] = [];
  const sources = files.filter((name) => /\.(ts|tsx)$/.test(name));
  for (const file of sources) {
    const part = PARTS.find((candidate) => file.startsWith(candidate.root));
    if (!part) continue;
    for (const { specifier, line } of importsOf(file)) {
      const rule = broken(part, file, specifier);
      if (rule) found.push({ file, line, specifier, rule });
    }
  }
  for (const part of PARTS.filter((candidate) => candidate.forbidsPackages)) {
    for (const [module, { via, line }] of reached(part, sources)) {
      for (const { specifier } of importsOf(module, { runtimeOnly: true })) {
        if (part.forbidsPackages!.test(specifier))
          found.push({
            file: via,
            line,
            specifier: `${module} -> ${specifier}`,
            rule: `${part.root} runs in the browser: no Node-only module, also through what it imports`,
          });
      }
    }
  }
  return found;
}

/**
 * The modules outside `part` that its files reach through relative imports, with the file and line that
 * first reached each: browser code must not reach a Node-only module through sdk/ either.
 */
function reached(part: Part, files: readonly string[]): Map<string, { via: string; line: number }> {
  const seen = new Map<string, { via: string; line: number }>();
  const queue = files.filter((file) => file.startsWith(part.root));
  while (queue.length > 0) {
    const file = queue.pop()!;
    importsOf(file, { runtimeOnly: true }).forEach(({ specifier, line }) => {
      const target = targetOf(file, specifier);
      if (target === undefined || target.startsWith(part.root) || seen.has(target) || !/\.(ts|tsx)$/.test(target))
        return;
      seen.set(target, { via: file, line });
      queue.push(target);
    });
  }
  return seen;
}

function importsOf(file: string, options: { runtimeOnly?: boolean } = {}): { specifier: string; line: number }[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((text, index) =>
      options.runtimeOnly && TYPE_ONLY.test(text)
        ? []
        : [...text.matchAll(IMPORT)].map(([, specifier]) => ({ specifier, line: index + 1 })),
    );
}

/** The repository path an import names, or undefined for a package. */
function targetOf(file: string, specifier: string): string | undefined {
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  if (alias) return alias[1] + specifier.slice(alias[0].length);
  return specifier.startsWith(".") ? normalize(join(dirname(file), specifier)) : undefined;
}

function broken(part: Part, file: string, specifier: string): string | undefined {
  const target = targetOf(file, specifier);
  if (target === undefined) {
    return part.forbidsPackages?.test(specifier) ? `${part.root} runs in the browser: no Node-only module` : undefined;
  }
  if (part.mayImport.some((allowed) => target.startsWith(allowed))) return undefined;
  return `${part.root} may import only ${part.mayImport.join(", ")}`;
}

if (import.meta.main) {
  const found = crossings(codeFiles());
  for (const crossing of found)
    console.error(`${crossing.file}:${crossing.line}: ${crossing.specifier} (${crossing.rule})`);
  if (found.length > 0) {
    console.error(`\n${found.length} imports cross a boundary of docs/architecture.md`);
    process.exit(1);
  }
  console.log("imports: every part imports only what docs/architecture.md allows");
}
