#!/usr/bin/env node
// The merchant command line: `npm run merchant -- <command>`; `--help` on every command.
import { Command, CommanderError } from "commander";
import { BaseError } from "../../sdk/errors.ts";
import { MetadataInvalidError } from "../../sdk/metadata/errors.ts";
import { toJson } from "./lib/command.ts";

/**
 * Every command, loaded only when it runs: a command's module brings viem, IPFS, keystore or image code,
 * which `--help` and the other commands need not pay for at start-up.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: {
    summary: "create an encrypted keystore with a signing key and a shipping-decryption (X25519) key",
    load: async () => (await import("./init.ts")).initCommand,
  },
  apply: {
    summary: "validate a profile (JSON or YAML), store it on IPFS and apply to the merchant registry",
    load: async () => (await import("./apply.ts")).applyCommand,
  },
  profile: {
    summary: "show or change the merchant's profile, payout address and hot signer",
    load: async () => (await import("./profile.ts")).profileCommand,
  },
  media: { summary: "store product images on IPFS", load: async () => (await import("./media.ts")).mediaCommand },
  listing: {
    summary: "create, import, update, cancel and list signed listings",
    load: async () => (await import("./listing.ts")).listingCommand,
  },
  stock: { summary: "manage stock", load: async () => (await import("./stock.ts")).stockCommand },
  orders: { summary: "list, inspect and fulfil orders", load: async () => (await import("./orders.ts")).ordersCommand },
  provenance: {
    summary: "trace physical items: register, record events, correct, transform, pack and hand over custody",
    load: async () => (await import("./provenance.ts")).provenanceCommand,
  },
  status: {
    summary: "chain head, indexer lag, the merchant's status and counter, pending orders and balances to withdraw",
    load: async () => (await import("./status.ts")).statusCommand,
  },
  withdraw: {
    summary:
      "withdraw the signing account's whole credited balance from the escrow (the payout address's key withdraws)",
    load: async () => (await import("./withdraw.ts")).withdrawCommand,
  },
  voucher: {
    summary: "discount vouchers: create (sign and publish under a code), list with uses and status, revoke",
    load: async () => (await import("./voucher.ts")).voucherCommand,
  },
  admin: { summary: "registrar actions on merchants", load: async () => (await import("./admin.ts")).adminCommand },
  arbiter: { summary: "arbiter actions on disputes", load: async () => (await import("./arbiter.ts")).arbiterCommand },
  auditor: {
    summary: "auditor actions on provenance",
    load: async () => (await import("./auditor.ts")).auditorCommand,
  },
};

const program = new Command("merchant")
  .description("Run a merchant business on the commerce ledger: keys, profile, listings, orders, provenance, payouts.")
  .option("--json", "print results as JSON (for scripts)")
  .option("--rpc <url>", "JSON-RPC endpoint (env RPC_URL, default http://127.0.0.1:8545)")
  .option("--ipfs <url>", "Kubo RPC API (env IPFS_API_URL, default http://127.0.0.1:5001/api/v0; IPFS_API_AUTH)")
  .option(
    "--api <url>",
    "GraphQL API for orders, listings and status (env API_URL, default http://127.0.0.1:4000/graphql)",
  )
  .option("--deployments <dir>", "deployment records (env DEPLOYMENTS_DIR, default deployments)")
  .option("--keystore <path>", "keystore file (env MERCHANT_KEYSTORE, default data/merchant/keystore.json)")
  .showHelpAfterError()
  .exitOverride();

const chosen = commandNameIn(process.argv.slice(2));
for (const [name, { summary, load }] of Object.entries(COMMANDS)) {
  // The others stay stubs: enough for the command list in --help and for commander's "did you mean".
  const command = name === chosen ? await load() : new Command(name);
  program.addCommand(command.description(summary).copyInheritedSettings(program));
}

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = report(error);
}

/** The first argument that is neither a global option nor its value (nor `help`, as in `help orders`). */
function commandNameIn(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith("-") && args[i] !== "help") return args[i];
    if (program.options.some((option) => option.long === args[i] && option.required)) i++;
  }
  return undefined;
}

/** Prints a failure in plain words on stderr (and as JSON on stdout with --json); returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has printed the usage problem
  const message =
    error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  const lines =
    error instanceof MetadataInvalidError
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
