// Checks an EPCIS export of this ledger against any node: each event's proof and content, and what the chain holds for
// the item that the export leaves out. Trusts neither the indexer nor the API that wrote the export, nor the contract
// the export names: the auditor says which Provenance contract is the ledger's.
import { type Address, type Block, type Hex, type PublicClient, getAddress, isAddress } from "viem";
import { z } from "zod";
import { fallbackEpc } from "../epcis.ts";
import { ValidationError } from "../errors.ts";
import { refuteErrorDeclaration } from "./error-declaration.ts";
import { type ProvenLog, refuteAgainstHeader } from "./event-proof.ts";
import {
  brokenClaim,
  claimsOf,
  decodeProvenanceLog,
  provenanceSelector,
  tryDecodeProvenanceLog,
} from "./export-claims.ts";
import { decodeReceiptLogs } from "./receipt-encoding.ts";
import { type BlockSpan, type DecodedRpcLog, getLogs, ids, logKey, traceScope } from "./trace-scope.ts";

export type ExportProblem = "unproven" | "non-canonical" | "tampered" | "omitted";

export interface ExportFinding {
  /** The export's event, or null for an event the export omits. */
  eventID: string | null;
  problem: ExportProblem;
  detail: string;
}

export interface VerifyOptions {
  /** The ledger's Provenance contract, as the auditor knows it (a deployment record): never the export's word. */
  provenance: Address;
  /** The block through which the export must hold every event of its trace; default its `cl:indexedThrough`. */
  through?: number;
  /** The block the contract was deployed in, where the search for its logs starts; default 0. */
  deployBlock?: number;
}

export interface ExportVerdict {
  item: string;
  events: number;
  /**
   * The block through which every event of the trace must be in the export: its `cl:indexedThrough` (or the
   * auditor's `through`), or the block of its newest proven event if later.
   */
  completeThrough: number;
  /** The node's head when checked: the chain was searched for events of the trace up to it. */
  checkedThrough: number;
  /** Refusals: any of them means the export cannot be relied on. */
  findings: ExportFinding[];
  /**
   * Events of the trace as the chain now stands that were not part of it at `completeThrough` (later events, or older
   * ones a later packing brought into it): the export, being older, cannot hold them. Not a refusal, but the export is
   * no account of the item after `completeThrough`.
   */
  later: ExportFinding[];
}

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const provenLog = z.object({
  blockNumber: z.string().regex(/^\d+$/),
  blockHash: hex,
  transactionHash: hex,
  transactionIndex: z.number().int().nonnegative(),
  logIndex: z.number().int().nonnegative(),
  receiptLogIndex: z.number().int().nonnegative(),
  log: z.object({ address: hex, topics: z.array(hex), data: hex }),
  proof: z.object({ receipt: hex, nodes: z.array(hex) }),
});
const exportDocument = z.object({
  "cl:chainId": z.number().int().positive(),
  // Absent when the API had no node to prove its events with: each event is then reported unproven.
  "cl:provenance": z.string().refine(isAddress, "must be an address").optional(),
  "cl:item": hex.length(66),
  "cl:indexedThrough": z.number().int().nonnegative(),
  epcisBody: z.object({ eventList: z.array(z.record(z.string(), z.unknown())) }),
});

/** Where the export says an event's log is: checked against the proof, and no claim about the event itself. */
const LOCATION_FIELDS = ["cl:blockNumber", "cl:blockHash", "cl:txHash", "cl:logIndex", "cl:proof"];

/** Parses an export, naming the first field that is not what this ledger's exports carry. */
export function parseExport(document: unknown) {
  const parsed = exportDocument.safeParse(document);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ValidationError(issue.path.join(".") || "export", issue.message);
  }
  return parsed.data;
}

const ID_ARGUMENTS = ["itemId", "containerId", "itemIds", "inputIds", "outputIds", "childIds"];
/** Item ids a decoded Provenance log names, in any argument. */
const itemIdsOf = (decoded: ReturnType<typeof decodeProvenanceLog> | null) =>
  ids((decoded?.args ?? {}) as Record<string, unknown>, ...ID_ARGUMENTS);

/** The head of the node's chain, and the block the export must be complete through, which the node must have. */
async function boundsOf(client: PublicClient, exported: number, through: number | undefined) {
  const head = Number(await client.getBlockNumber());
  const completeThrough = through ?? exported;
  if (completeThrough > head) {
    throw new ValidationError(
      through === undefined ? "cl:indexedThrough" : "through",
      `block ${completeThrough} is past the node's head (block ${head}): check against a node that has caught up`,
    );
  }
  return { head, completeThrough };
}

/**
 * Verifies `document` against the chain `client` reads: every event must carry a proof that holds under the
 * canonical header of its block, say what its log says, and belong to the item's trace; every log of the trace as it
 * stood at the block the export must be complete through must have its event in the export. Logs the trace gained
 * after that block are listed as `later`.
 */
export async function verifyExport(
  client: PublicClient,
  document: unknown,
  options: VerifyOptions,
): Promise<ExportVerdict> {
  const parsed = parseExport(document);
  const chainId = await client.getChainId();
  if (chainId !== parsed["cl:chainId"]) {
    throw new ValidationError(
      "cl:chainId",
      `the export is of chain ${parsed["cl:chainId"]}, the node serves ${chainId}`,
    );
  }
  const contract = getAddress(options.provenance);
  const claimed = parsed["cl:provenance"];
  if (claimed && getAddress(claimed) !== contract) {
    throw new ValidationError(
      "cl:provenance",
      `the export is of contract ${claimed}, not of the ledger's Provenance contract ${contract}`,
    );
  }
  const item = parsed["cl:item"].toLowerCase();
  const { head, completeThrough: claimedThrough } = await boundsOf(
    client,
    parsed["cl:indexedThrough"],
    options.through,
  );
  const findings: ExportFinding[] = [];
  const headers = new Map<string, Promise<Block | null>>();
  const headerOf = (blockNumber: string) => {
    if (!headers.has(blockNumber)) {
      headers.set(
        blockNumber,
        client.getBlock({ blockNumber: BigInt(blockNumber) }).catch(() => null),
      );
    }
    return headers.get(blockNumber)!;
  };
  const timeOf = async (block: number) => Number((await headerOf(String(block)))!.timestamp);

  const covered = new Set<string>();
  const proven: { eventID: string | null; event: Record<string, unknown>; log: ProvenLog }[] = [];
  for (const event of parsed.epcisBody.eventList) {
    const eventID = typeof event.eventID === "string" ? event.eventID : null;
    const log = provenLog.safeParse(event["cl:proof"]);
    if (!log.success) {
      findings.push({ eventID, problem: "unproven", detail: "the event carries no proof of its log (cl:proof)" });
      continue;
    }
    const refusal = await refuteAgainstHeader(await headerOf(log.data.blockNumber), log.data as ProvenLog);
    const key = logKey(log.data);
    if (refusal) {
      const problem = /not canonical/.test(refusal) ? "non-canonical" : "tampered";
      findings.push({ eventID, problem, detail: refusal });
    } else if (covered.has(key)) {
      // One log is one event: a copy would count an event twice (or pass an altered twin off as proven).
      findings.push({ eventID, problem: "tampered", detail: "another event of the export already stands for its log" });
    } else {
      proven.push({ eventID, event, log: log.data as ProvenLog });
      // A proven log is in the export even if its event was altered: that is reported as tampering, not omission.
      covered.add(key);
    }
  }

  // An export holding an event of block N answers for every event up to N, whatever bound it names: else an operator
  // could name a bound just below an event it leaves out and pass the event off as later.
  const completeThrough = Math.max(claimedThrough, ...proven.map(({ log }) => Number(log.blockNumber)));
  const span: BlockSpan = { from: options.deployBlock ?? 0, to: head };
  const scope = await traceScope(client, contract, item, span, completeThrough);
  const inScope = new Set(scope.logs.map(({ log }) => logKey(log)));
  const decoded = proven.map(({ log }) => decodeReceiptLogs(log.proof.receipt)[log.receiptLogIndex]);
  const registered = await registeredEpcs(client, contract, span, [
    ...new Set(decoded.flatMap((log) => itemIdsOf(tryDecodeProvenanceLog(log)))),
  ]);
  const epc = (id: string) => registered.get(id.toLowerCase()) ?? fallbackEpc(parsed["cl:chainId"], id.toLowerCase());
  for (const [i, { eventID, event, log }] of proven.entries()) {
    const context = {
      chainId,
      epc,
      blockTime: await timeOf(Number(log.blockNumber)),
      blockNumber: Number(log.blockNumber),
      logIndex: log.logIndex,
    };
    const refusal =
      (await refuteContent(client, contract, event, log, decoded[i], context)) ??
      (inScope.has(logKey(log))
        ? await refuteCorrections(event, decoded[i], scope.dataLogs, { chainId, completeThrough, timeOf })
        : `its log (block ${log.blockNumber}, log ${log.logIndex}) names none of the items this export traces`);
    if (refusal) findings.push({ eventID, problem: "tampered", detail: refusal });
  }

  const later: ExportFinding[] = [];
  for (const { log, decoded: onChain, block } of scope.logs) {
    if (covered.has(logKey(log))) continue;
    (scope.required.has(logKey(log)) ? findings : later).push({
      eventID: null,
      problem: "omitted",
      detail:
        `${onChain.eventName} at block ${block} (log ${Number(log.logIndex)}, transaction ` +
        `${log.transactionHash}) belongs to the item's trace, the export has no event for it`,
    });
  }
  return { item, events: parsed.epcisBody.eventList.length, completeThrough, checkedThrough: head, findings, later };
}

/** Why the proven log's event, chain fields or transaction do not match the export's event, or null. */
async function refuteContent(
  client: PublicClient,
  contract: Address,
  event: Record<string, unknown>,
  log: ProvenLog,
  onChain: ReturnType<typeof decodeReceiptLogs>[number],
  context: Parameters<typeof claimsOf>[1],
): Promise<string | null> {
  if (onChain.address.toLowerCase() !== contract.toLowerCase())
    return "the proven log is not the Provenance contract's";
  const located = brokenClaim(event, {
    "cl:blockNumber": Number(log.blockNumber),
    "cl:blockHash": log.blockHash,
    "cl:txHash": log.transactionHash,
    "cl:logIndex": log.logIndex,
  });
  if (located) return located;
  const receipt = await client.getTransactionReceipt({ hash: log.transactionHash }).catch(() => null);
  if (
    receipt?.blockHash !== log.blockHash ||
    receipt.transactionIndex !== log.transactionIndex ||
    receipt.logs[log.receiptLogIndex]?.logIndex !== log.logIndex
  ) {
    return `transaction ${log.transactionHash} is not at index ${log.transactionIndex} of block ${log.blockNumber}`;
  }
  const decoded = tryDecodeProvenanceLog(onChain);
  const claims = decoded && claimsOf(decoded, context);
  if (!claims) return "the proven log is no provenance event";
  const broken = brokenClaim(event, claims);
  if (broken) return broken;
  const allowed = new Set([...Object.keys(claims), ...LOCATION_FIELDS]);
  if (decoded.eventName === "ProvenanceEventRecorded") allowed.add("errorDeclaration");
  const extra = Object.keys(event).find((field) => !allowed.has(field));
  return extra ? `${extra} is not something the chain says of this event` : null;
}

/** For a recorded event, why its errorDeclaration does not match the chain's corrections of it, or null. */
async function refuteCorrections(
  event: Record<string, unknown>,
  onChain: ReturnType<typeof decodeReceiptLogs>[number],
  dataLogs: DecodedRpcLog[],
  context: { chainId: number; completeThrough: number; timeOf: (block: number) => Promise<number> },
): Promise<string | null> {
  const decoded = tryDecodeProvenanceLog(onChain);
  if (decoded?.eventName !== "ProvenanceEventRecorded") return null;
  const corrections = dataLogs
    .filter(
      (entry) =>
        entry.decoded.eventName === "ProvenanceEventRecorded" && entry.decoded.args.corrects === decoded.args.eventId,
    )
    .map((entry) => ({ eventId: (entry.decoded.args as { eventId: bigint }).eventId, block: entry.block }));
  return refuteErrorDeclaration(event, context.chainId, corrections, context.completeThrough, context.timeOf);
}

/** The EPC each of `itemIds` was registered with, from the chain's ItemRegistered logs. */
async function registeredEpcs(client: PublicClient, contract: Address, span: BlockSpan, itemIds: string[]) {
  if (itemIds.length === 0) return new Map<string, string>();
  const topics = [provenanceSelector("ItemRegistered"), itemIds as Hex[]];
  const logs = await getLogs(client, contract, topics, span.from, span.to);
  return new Map(
    logs.map((log) => {
      const decoded = decodeProvenanceLog(log);
      const { itemId, epc } = decoded.args as { itemId: Hex; epc: string };
      return [itemId.toLowerCase(), epc] as const;
    }),
  );
}
