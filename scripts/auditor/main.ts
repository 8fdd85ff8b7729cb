#!/usr/bin/env node
// The auditor's command line: `npm run auditor -- <command>`. Checks what the operator's API exports against
// any node, trusting neither the indexer nor the API.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { type Address, createPublicClient, http, isAddress } from "viem";
import { readDeployment } from "../../sdk/deployments.ts";
import { BaseError, ValidationError } from "../../sdk/errors.ts";
import { type ExportFinding, type ExportVerdict, verifyExport } from "../../sdk/proofs/verify-export.ts";

/** Exit code of `verify` for a sound export that the chain has moved past: true, but not the whole story today. */
const EXIT_OUTDATED = 3;

const program = new Command("auditor")
  .description("Verify the ledger's provenance exports against a node of the chain, without its operator.")
  .option("--json", "print results as JSON (for scripts)")
  .showHelpAfterError()
  .exitOverride();

program
  .command("export")
  .description("fetch an item's verifiable EPCIS 2.0 export from a ledger API and print it")
  .argument("<item>", "item id (0x…32 bytes)")
  .option("--api <url>", "GraphQL API (env API_URL, default http://127.0.0.1:4000/graphql)")
  .action(async (item: string, options: { api?: string }) => {
    const url = options.api ?? process.env.API_URL ?? "http://127.0.0.1:4000/graphql";
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query ($id: Bytes32!) { provenanceExport(itemId: $id) }",
        variables: { id: item },
      }),
    });
    const body = (await response.json()) as { data?: { provenanceExport: unknown }; errors?: { message: string }[] };
    if (!body.data?.provenanceExport)
      throw new Error(body.errors?.[0]?.message ?? `${url} answered ${response.status}`);
    process.stdout.write(`${JSON.stringify(body.data.provenanceExport, null, 2)}\n`);
  });

program
  .command("verify")
  .description(
    "check every event's receipt proof under its block's canonical header and its content against the proven log, " +
      "and look on chain for events of the item the export leaves out; exit 1 when anything is refused, " +
      "3 when the export is sound but the trace has gained events since the block it is complete through",
  )
  .argument("<file>", "an export from `auditor export`, the storefront's Export button or GraphQL provenanceExport")
  .option("--rpc <url>", "JSON-RPC endpoint of any node of the chain (env RPC_URL, default http://127.0.0.1:8545)")
  .option(
    "--contract <address>",
    "the ledger's Provenance contract (default: the chain's deployment record in DEPLOYMENTS_DIR; never the export)",
  )
  .option("--through <block>", "block through which the export must be complete (default its cl:indexedThrough)")
  .action(async (file: string, options: { rpc?: string; contract?: string; through?: string }) => {
    const rpc = options.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545";
    const document: unknown = JSON.parse(readFileSync(file, "utf8"));
    const client = createPublicClient({ transport: http(rpc, { retryCount: 2 }) });
    // Without --contract, the deployment record names the contract and the block to search its logs from.
    const deployment = options.contract ? undefined : readDeployment(await client.getChainId());
    const provenance = options.contract ?? deployment!.contracts.Provenance.address;
    if (!isAddress(provenance)) throw new ValidationError("--contract", "must be a 0x-prefixed 20-byte address");
    if (options.through !== undefined && !/^\d+$/.test(options.through))
      throw new ValidationError("--through", "must be a block number");
    const through = options.through === undefined ? undefined : Number(options.through);
    const verdict = await verifyExport(client, document, {
      provenance: provenance as Address,
      through,
      deployBlock: deployment && Number(deployment.deployBlock),
    });
    process.stdout.write(program.opts().json ? `${JSON.stringify(verdict, null, 2)}\n` : describe(file, verdict));
    if (verdict.findings.length > 0) process.exitCode = 1;
    else if (verdict.later.length > 0) process.exitCode = EXIT_OUTDATED;
  });

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof CommanderError)) {
    const message = error instanceof BaseError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
  }
  process.exitCode = error instanceof CommanderError ? error.exitCode : 1;
}

function describe(file: string, verdict: ExportVerdict): string {
  const { events, item, completeThrough, checkedThrough } = verdict;
  const head =
    `${file}: ${events} events of item ${item}, complete through block ${completeThrough}, ` +
    `chain searched through block ${checkedThrough}`;
  const lines = (findings: ExportFinding[]) =>
    findings.map(
      (finding) => `  ${finding.problem.padEnd(13)} ${finding.eventID ?? "(not in the export)"}: ${finding.detail}`,
    );
  const later =
    verdict.later.length === 0
      ? []
      : [`${verdict.later.length} event(s) the trace gained after block ${completeThrough}:`, ...lines(verdict.later)];
  const sound =
    verdict.later.length === 0
      ? "verified: every event is proven on the canonical chain and says what its log says; none omitted"
      : `verified through block ${completeThrough} only: every event is proven and says what its log says, none ` +
        `omitted up to that block, but the trace has ${verdict.later.length} later event(s) this export does not hold`;
  const outcome =
    verdict.findings.length === 0
      ? [sound]
      : [`refused: ${verdict.findings.length} finding(s)`, ...lines(verdict.findings)];
  return `${[head, ...outcome, ...later].join("\n")}\n`;
}
