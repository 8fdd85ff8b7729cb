#!/usr/bin/env node
// The merchant command line: `npm run merchant -- <command>`; `--help` on every command.
import { Command, CommanderError } from "commander";
import { BaseError } from "../../sdk/errors.ts";
import { MetadataInvalidError } from "../../sdk/metadata/errors.ts";
import { adminCommand } from "./admin.ts";
import { applyCommand } from "./apply.ts";
import { arbiterCommand } from "./arbiter.ts";
import { auditorCommand } from "./auditor.ts";
import { initCommand } from "./init.ts";
import { toJson } from "./lib/command.ts";
import { listingCommand } from "./listing.ts";
import { mediaCommand } from "./media.ts";
import { ordersCommand } from "./orders.ts";
import { profileCommand } from "./profile.ts";
import { provenanceCommand } from "./provenance.ts";
import { stockCommand } from "./stock.ts";
import { statusCommand } from "./status.ts";
import { withdrawCommand } from "./withdraw.ts";

const program = new Command("merchant")
  .description("Run a merchant business on the commerce ledger: keys, profile, listings, orders, provenance, payouts.")
  .option("--json", "print results as JSON (for scripts)")
  .option("--rpc <url>", "JSON-RPC endpoint (env RPC_URL, default http://127.0.0.1:8545)")
  .option("--ipfs <url>", "Kubo RPC API (env IPFS_API_URL, default http://127.0.0.1:4000/api/v0)")
  .option("--api <url>", "GraphQL API for orders, listings and status (env API_URL, default http://127.0.0.1:4000/graphql)")
  .option("--deployments <dir>", "deployment records (env DEPLOYMENTS_DIR, default deployments)")
  .option("--keystore <path>", "keystore file (env MERCHANT_KEYSTORE, default data/merchant/keystore.json)")
  .showHelpAfterError()
  .exitOverride();

for (const command of [initCommand, applyCommand, profileCommand, mediaCommand, listingCommand, stockCommand, ordersCommand, provenanceCommand, statusCommand, withdrawCommand, adminCommand, arbiterCommand, auditorCommand]) {
  program.addCommand(command.copyInheritedSettings(program));
}

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = report(error);
}

/** Prints a failure in plain words on stderr (and as JSON on stdout with --json); returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has printed the usage problem
  const message = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  const lines = error instanceof MetadataInvalidError
    ? [`error: ${message.split(": ")[0]}:`, ...error.violations.map((violation) => `  ${violation.message}`)]
    : [`error: ${message}`];
  process.stderr.write(`${lines.join("\n")}\n`);
  if (program.opts().json) {
    const name = error instanceof Error ? error.name : "Error";
    const retryable = error instanceof BaseError ? error.retryable : undefined;
    process.stdout.write(`${toJson({ error: { name, message, retryable } })}\n`);
  }
  return 1;
}
