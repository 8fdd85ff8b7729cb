// Checks an EPCIS export of this ledger against any node: each event's proof and content, and what the chain holds for
// the item that the export leaves out. Trusts neither the indexer nor the API that wrote the export.
import { type Address, type Block, type Hex, type PublicClient, getAddress, isAddress, numberToHex } from "viem";
import { z } from "zod";
import { fallbackEpc } from "../epcis.ts";
import { ValidationError } from "../errors.ts";
import {
  type ProvenanceEventName,
  brokenClaim,
  claimsOf,
  decodeProvenanceLog,
  provenanceSelector,
  tryDecodeProvenanceLog,
} from "./export-claims.ts";
import { type ProvenLog, refuteAgainstHeader } from "./event-proof.ts";
import { decodeReceiptLogs } from "./receipt-encoding.ts";

export type ExportProblem = "unproven" | "non-canonical" | "tampered" | "omitted";

export interface ExportFinding {
  /** The export's event, or null for an event the export omits. */
  eventID: string | null;
  problem: ExportProblem;
  detail: string;
}

export interface ExportVerdict {
  item: string;
  events: number;
  /** The block up to which the chain was searched for events of the item. */
  checkedThrough: number;
  findings: ExportFinding[];
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
  "cl:provenance": z.string().refine(isAddress, "must be an address"),
  "cl:item": hex.length(66),
  "cl:indexedThrough": z.number().int().nonnegative(),
  epcisBody: z.object({ eventList: z.array(z.record(z.string(), z.unknown())) }),
});

/** Logs that name an item in their first topic (the container, for packing). */
const BY_TOPIC: ProvenanceEventName[] = [
  "ItemRegistered",
  "CustodyHandoffInitiated",
  "CustodyHandoffAccepted",
  "ItemAttested",
  "ItemsAggregated",
  "ItemsDisaggregated",
];
/** Logs that name items in their data: events, transformations, packed children. */
const BY_DATA: ProvenanceEventName[] = [
  "ProvenanceEventRecorded",
  "ItemsTransformed",
  "ItemsAggregated",
  "ItemsDisaggregated",
];

interface RpcLog {
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  address: Hex;
  topics: Hex[];
  data: Hex;
}

/** Parses an export, naming the first field that is not what this ledger's exports carry. */
export function parseExport(document: unknown) {
  const parsed = exportDocument.safeParse(document);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ValidationError(issue.path.join(".") || "export", issue.message);
  }
  return parsed.data;
}

/** Item ids a decoded Provenance log names, in any argument. */
function itemIdsOf(decoded: ReturnType<typeof decodeProvenanceLog> | null): string[] {
  const args = (decoded?.args ?? {}) as Record<string, unknown>;
  return ["itemId", "containerId", "itemIds", "inputIds", "outputIds", "childIds"]
    .flatMap((name) => (args[name] === undefined ? [] : [args[name]].flat()))
    .map((id) => String(id).toLowerCase());
}

/**
 * Verifies `document` against the chain `client` reads: every event must carry a proof that holds under the
 * canonical header of its block and say what its log says; every log up to `cl:indexedThrough` that names the
 * exported item must have its event in the export.
 */
export async function verifyExport(client: PublicClient, document: unknown): Promise<ExportVerdict> {
  const parsed = parseExport(document);
  const chainId = await client.getChainId();
  if (chainId !== parsed["cl:chainId"]) {
    throw new ValidationError(
      "cl:chainId",
      `the export is of chain ${parsed["cl:chainId"]}, the node serves ${chainId}`,
    );
  }
  const contract = getAddress(parsed["cl:provenance"]);
  const item = parsed["cl:item"].toLowerCase();
  const through = parsed["cl:indexedThrough"];
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

  const covered = new Set<string>();
  const transformations = new Set<string>();
  const proven: { eventID: string | null; event: Record<string, unknown>; log: ProvenLog }[] = [];
  for (const event of parsed.epcisBody.eventList) {
    const eventID = typeof event.eventID === "string" ? event.eventID : null;
    const log = provenLog.safeParse(event["cl:proof"]);
    if (!log.success) {
      findings.push({ eventID, problem: "unproven", detail: "the event carries no proof of its log (cl:proof)" });
      continue;
    }
    const refusal = await refuteAgainstHeader(await headerOf(log.data.blockNumber), log.data as ProvenLog);
    if (refusal) {
      const problem = /not canonical/.test(refusal) ? "non-canonical" : "tampered";
      findings.push({ eventID, problem, detail: refusal });
    } else {
      proven.push({ eventID, event, log: log.data as ProvenLog });
      // A proven log is in the export even if its event was altered: that is reported as tampering, not omission.
      covered.add(`${log.data.blockHash.toLowerCase()}:${log.data.logIndex}`);
      if (event.type === "TransformationEvent") transformations.add(log.data.transactionHash.toLowerCase());
    }
  }

  const decoded = proven.map(({ log }) => decodeReceiptLogs(log.proof.receipt)[log.receiptLogIndex]);
  const registered = await registeredEpcs(client, contract, through, [
    ...new Set(decoded.flatMap((log) => itemIdsOf(tryDecodeProvenanceLog(log)))),
  ]);
  const epc = (id: string) => registered.get(id.toLowerCase()) ?? fallbackEpc(parsed["cl:chainId"], id.toLowerCase());
  for (const [i, { eventID, event, log }] of proven.entries()) {
    const refusal = await refuteContent(client, contract, event, log, decoded[i], {
      chainId,
      epc,
      blockTime: Number((await headerOf(log.blockNumber))!.timestamp),
      blockNumber: Number(log.blockNumber),
      logIndex: log.logIndex,
    });
    if (refusal) findings.push({ eventID, problem: "tampered", detail: refusal });
  }

  for (const log of await logsNaming(client, contract, item, through)) {
    const key = `${log.blockHash.toLowerCase()}:${Number(log.logIndex)}`;
    const { eventName } = decodeProvenanceLog(log);
    // A transformation's outputs are registered in its transaction; its TransformationEvent stands for them.
    const byTransformation = eventName === "ItemRegistered" && transformations.has(log.transactionHash.toLowerCase());
    if (covered.has(key) || byTransformation) continue;
    findings.push({
      eventID: null,
      problem: "omitted",
      detail:
        `${eventName} at block ${Number(log.blockNumber)} (log ${Number(log.logIndex)}, transaction ` +
        `${log.transactionHash}) names the item, the export has no event for it`,
    });
  }
  return { item, events: parsed.epcisBody.eventList.length, checkedThrough: through, findings };
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
  return claims ? brokenClaim(event, claims) : "the proven log is no provenance event";
}

/** The EPC each of `itemIds` was registered with, from the chain's ItemRegistered logs. */
async function registeredEpcs(client: PublicClient, contract: Address, through: number, itemIds: string[]) {
  if (itemIds.length === 0) return new Map<string, string>();
  const logs = await getLogs(client, contract, [provenanceSelector("ItemRegistered"), itemIds as Hex[]], 0, through);
  return new Map(
    logs.map((log) => {
      const decoded = decodeProvenanceLog(log);
      const { itemId, epc } = decoded.args as { itemId: Hex; epc: string };
      return [itemId.toLowerCase(), epc] as const;
    }),
  );
}

/** Every Provenance log up to `through` that names `item`: in a topic, or among the ids in its data. */
async function logsNaming(client: PublicClient, contract: Address, item: string, through: number) {
  const byTopic = await getLogs(client, contract, [BY_TOPIC.map(provenanceSelector), item as Hex], 0, through);
  const since = Math.min(...byTopic.map((log) => Number(log.blockNumber)), through);
  const byData = (await getLogs(client, contract, [BY_DATA.map(provenanceSelector)], since, through)).filter((log) => {
    const decoded = decodeProvenanceLog(log);
    const args = decoded.args as Record<string, unknown>;
    // The container of packing is a topic, found above; here only the ids in the data count.
    return ["itemIds", "inputIds", "outputIds", "childIds"].some((name) =>
      ((args[name] as string[] | undefined) ?? []).some((id) => id.toLowerCase() === item),
    );
  });
  const seen = new Set<string>();
  return [...byTopic, ...byData].filter((log) => {
    const key = `${log.blockHash}:${log.logIndex}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

async function getLogs(
  client: PublicClient,
  address: Address,
  topics: (Hex | Hex[])[],
  fromBlock: number,
  toBlock: number,
): Promise<RpcLog[]> {
  return (await client.request({
    method: "eth_getLogs",
    params: [{ address, topics, fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) }],
  })) as RpcLog[];
}
