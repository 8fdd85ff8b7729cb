// Which Provenance logs an export of one item must hold, read from the chain alone: the item's own, those of the items
// it was made from (recursively), and those of each container while one of them travelled inside. The same scope the
// API's export covers, derived without its index.
import { type Address, type Hex, type PublicClient, numberToHex } from "viem";
import { type ProvenanceEventName, decodeProvenanceLog, provenanceSelector } from "./export-claims.ts";

export interface RpcLog {
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  address: Hex;
  topics: Hex[];
  data: Hex;
}

export interface DecodedRpcLog {
  log: RpcLog;
  decoded: ReturnType<typeof decodeProvenanceLog>;
  block: number;
}

export interface TraceScope {
  /** The logs of the trace through the span's end, in chain order. */
  logs: DecodedRpcLog[];
  /** Keys (`logKey`) of the logs the export must hold: the trace's logs as it stood at the completeness bound. */
  required: Set<string>;
  /** Every log that names items in its data (records, corrections, transformations, packing), in chain order. */
  dataLogs: DecodedRpcLog[];
}

/** Logs that name an item in their first topic (the container, for packing). */
const BY_TOPIC: ProvenanceEventName[] = [
  "ItemRegistered",
  "CustodyHandoffInitiated",
  "CustodyHandoffAccepted",
  "ItemAttested",
  "ItemsAggregated",
  "ItemsDisaggregated",
];
/** Logs that name items in their data: records, transformations, packed children. */
const BY_DATA: ProvenanceEventName[] = [
  "ProvenanceEventRecorded",
  "ItemsTransformed",
  "ItemsAggregated",
  "ItemsDisaggregated",
];

type Args = Record<string, unknown>;
/** The item ids a decoded log's arguments `names` hold (each one id or a list), lower case. */
export const ids = (args: Args, ...names: string[]) =>
  names.flatMap((name) => (args[name] === undefined ? [] : [args[name]].flat()).map((id) => String(id).toLowerCase()));
const named = (entry: DecodedRpcLog, ...names: string[]) => ids(entry.decoded.args as Args, ...names);
/** A log's identity on the chain: its block's hash and its index in the block. */
export const logKey = (log: { blockHash: string; logIndex: Hex | number }) =>
  `${log.blockHash.toLowerCase()}:${Number(log.logIndex)}`;

export async function getLogs(
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

const decode = (log: RpcLog): DecodedRpcLog => ({
  log,
  decoded: decodeProvenanceLog(log),
  block: Number(log.blockNumber),
});
const chainOrder = (a: DecodedRpcLog, b: DecodedRpcLog) =>
  a.block - b.block || Number(a.log.logIndex) - Number(b.log.logIndex);

/** The item and every item it was made from, following transformations from outputs back to inputs. */
function subjectsOf(item: string, transformations: DecodedRpcLog[]): Set<string> {
  const subjects = new Set([item]);
  let frontier = [item];
  while (frontier.length > 0) {
    const inputs = transformations
      .filter(({ decoded }) => ids(decoded.args as Args, "outputIds").some((id) => frontier.includes(id)))
      .flatMap(({ decoded }) => ids(decoded.args as Args, "inputIds"));
    frontier = inputs.filter((id) => !subjects.has(id));
    for (const id of frontier) subjects.add(id);
  }
  return subjects;
}

/** Blocks [packed, unpacked] during which a subject travelled in each container; `item`'s own contents excluded. */
function containerWindows(item: string, subjects: Set<string>, packing: DecodedRpcLog[]) {
  const windows: { containerId: string; from: number; to: number }[] = [];
  for (const { decoded, block } of packing) {
    const args = decoded.args as Args;
    const containerId = String(args.containerId).toLowerCase();
    if (containerId === item) continue;
    // One window per packed subject, as the index keeps one link per child.
    const packedSubjects = ids(args, "childIds").filter((id) => subjects.has(id)).length;
    for (let i = 0; i < packedSubjects; i++) {
      if (decoded.eventName === "ItemsAggregated") windows.push({ containerId, from: block, to: Infinity });
      else {
        const open = windows.findLast((window) => window.containerId === containerId && window.to === Infinity);
        if (open) open.to = block;
      }
    }
  }
  return windows;
}

/** Blocks to search for a contract's logs: from its deployment (or 0) through the node's head. */
export interface BlockSpan {
  from: number;
  to: number;
}

/**
 * The logs an export of `item` must hold, among `contract`'s logs in `span`: `logs` as the chain stands at the span's
 * end, `required` (by log key) as it stood at `completeThrough`, for the export must only hold a trace as it was then
 * (an item packed later into an older container does not make that container's registration an omission).
 */
export async function traceScope(
  client: PublicClient,
  contract: Address,
  item: string,
  span: BlockSpan,
  completeThrough: number,
): Promise<TraceScope> {
  const dataLogs = (await getLogs(client, contract, [BY_DATA.map(provenanceSelector)], span.from, span.to))
    .map(decode)
    .sort(chainOrder);
  const atHead = tracedBy(item, dataLogs);
  // The trace at the head holds the trace at any earlier block: one search by its ids serves both.
  const topicIds = [...atHead.subjects, ...atHead.containers] as Hex[];
  const topics = [BY_TOPIC.map(provenanceSelector), topicIds];
  const topicLogs = (await getLogs(client, contract, topics, span.from, span.to)).map(decode);
  const then = (entry: DecodedRpcLog) => entry.block <= completeThrough;
  const dataLogsThen = dataLogs.filter(then);
  const required = selectLogs(item, tracedBy(item, dataLogsThen), topicLogs.filter(then), dataLogsThen);
  return {
    logs: selectLogs(item, atHead, topicLogs, dataLogs),
    required: new Set(required.map(({ log }) => logKey(log))),
    dataLogs,
  };
}

/** The items and container windows of `item`'s trace, as `dataLogs` have it. */
function tracedBy(item: string, dataLogs: DecodedRpcLog[]) {
  const transformations = dataLogs.filter(({ decoded }) => decoded.eventName === "ItemsTransformed");
  const subjects = subjectsOf(item, transformations);
  const windows = containerWindows(
    item,
    subjects,
    dataLogs.filter(({ decoded }) => decoded.eventName.startsWith("Items") && decoded.eventName !== "ItemsTransformed"),
  );
  // An item made by a transformation of the trace is registered in its transaction; the TransformationEvent stands
  // for it. Outputs of other transformations (a container made by one, say) keep their registration.
  const producedIn = new Set(
    transformations
      .filter((entry) => named(entry, "outputIds").some((id) => subjects.has(id)))
      .flatMap((entry) => named(entry, "outputIds").map((id) => `${entry.log.transactionHash}:${id}`)),
  );
  const containers = new Set(windows.map((window) => window.containerId));
  return { subjects, windows, producedIn, containers };
}

function selectLogs(
  item: string,
  { subjects, windows, producedIn, containers }: ReturnType<typeof tracedBy>,
  topicLogs: DecodedRpcLog[],
  dataLogs: DecodedRpcLog[],
): DecodedRpcLog[] {
  const inWindow = (id: string, block: number) =>
    windows.some((window) => window.containerId === id && block >= window.from && block <= window.to);
  const traced = (id: string, block: number) => subjects.has(id) || inWindow(id, block);
  const byTopic = topicLogs.filter(({ decoded, log, block }) => {
    const id = log.topics[1].toLowerCase();
    switch (decoded.eventName) {
      case "ItemRegistered":
        return (subjects.has(id) || containers.has(id)) && !producedIn.has(`${log.transactionHash}:${id}`);
      case "CustodyHandoffInitiated":
      case "CustodyHandoffAccepted":
        return traced(id, block);
      case "ItemAttested":
        return subjects.has(id);
      default:
        // Packing names the container in its topic: the export shows the item's own contents, not an ancestor's.
        return id === item;
    }
  });
  const byData = dataLogs.filter((entry) => {
    switch (entry.decoded.eventName) {
      case "ProvenanceEventRecorded":
        return named(entry, "itemIds").some((id) => traced(id, entry.block));
      case "ItemsTransformed":
        return named(entry, "inputIds", "outputIds").some((id) => traced(id, entry.block));
      default:
        return named(entry, "childIds").some((id) => subjects.has(id));
    }
  });
  const seen = new Set<string>();
  return [...byTopic, ...byData]
    .filter(({ log }) => !seen.has(logKey(log)) && (seen.add(logKey(log)), true))
    .sort(chainOrder);
}
