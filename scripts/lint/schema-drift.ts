// Fails when the schema module and the migration history disagree: drizzle-kit generates the migration the
// schema would need into a copy of the history; any new file means a change was made without its migration.
//
//   node scripts/lint/schema-drift.ts
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

const SCHEMA = "indexer/src/store/schema.ts";
const MIGRATIONS = "indexer/src/store/migrations";

// drizzle-kit takes `--out` relative to the working directory.
mkdirSync(join("node_modules", ".cache"), { recursive: true });
const copy = relative(process.cwd(), mkdtempSync(join("node_modules", ".cache", "schema-drift-")));
try {
  cpSync(MIGRATIONS, copy, { recursive: true });
  const before = readdirSync(copy).length;
  let output = "";
  try {
    output = execFileSync(
      "npx",
      ["drizzle-kit", "generate", "--dialect", "postgresql", "--schema", SCHEMA, "--out", copy],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (error) {
    // drizzle-kit asks (and fails without a terminal) when a change could be a rename: a change all the same.
    output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
  }
  const added =
    readdirSync(copy).filter((file) => file.endsWith(".sql")).length -
    readdirSync(MIGRATIONS).filter((file) => file.endsWith(".sql")).length;
  if (added > 0 || readdirSync(copy).length !== before || !/No schema changes/.test(output)) {
    console.error(
      `${SCHEMA} differs from ${MIGRATIONS}: ` +
        "run `npx drizzle-kit generate --config indexer/drizzle.config.ts --name <change>` and commit the migration",
    );
    console.error(output.trim().split("\n").slice(-12).join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`schema: ${SCHEMA} and ${MIGRATIONS} agree`);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
