import type { Address, Hex } from "viem";
import { shortAddress } from "../../lib/format.ts";
import type {
  AggregationLink,
  ContainerTrace,
  CustodyTransfer,
  ProvenanceEvent,
  ProvenanceTrace,
} from "./provenance-queries.ts";
import type { PartyName } from "./parties.ts";
import { describeBizStep, describeDisposition, describeLocation } from "./vocabulary.ts";

export interface TimelineEntry {
  key: string;
  blockNumber: number;
  /** When the chain recorded it (its block's time). */
  recordedAt: string;
  /** When it happened, when the recorder stated a time. */
  eventTime: string | null;
  title: string;
  /** Disposition and location in plain words, or the items involved. */
  details: string[];
  actor: Address;
  /** Null for a registration (the API keeps only its block). */
  txHash: Hex | null;
  evidenceUrl: string | null;
  /** Set for steps of a container the item was packed in at the time. */
  via: Hex | null;
  /** Corrections of a recorded event, oldest first; the last is in force. */
  corrections: TimelineEntry[];
}

/** Names an item (its EPC in short, or its id) for sentences such as "Packed into Shipment 0614141.1234567890". */
export type ItemName = (id: Hex) => string;

// Within one block, steps follow the order in which the contract call emits them.
const RANK = { registered: 0, transformation: 1, record: 2, link: 3, custody: 4, attestation: 5 } as const;

/**
 * Everything that happened to the item in chain order: its registration, recorded events (with their
 * corrections beside them), transformations, packing, custody hand-offs and attestations, plus the hand-offs
 * and events of each container while the item travelled inside it.
 */
export function buildTimeline(
  trace: ProvenanceTrace,
  containers: readonly ContainerTrace[],
  name: ItemName,
  partyName: PartyName = shortAddress,
): TimelineEntry[] {
  const ranked: { rank: number; logIndex: number; entry: TimelineEntry }[] = [];
  const add = (rank: number, logIndex: number, entry: TimelineEntry) => ranked.push({ rank, logIndex, entry });
  const { item } = trace;
  if (!trace.madeFrom.some((event) => event.outputIds?.includes(item.id))) {
    add(RANK.registered, 0, {
      ...base(`registered-${item.id}`, item.registeredBlock, item.registeredAt, item.registeredBy, null),
      title: "Registered on the ledger",
      details: [name(item.id)],
    });
  }
  for (const event of trace.events)
    add(event.kind === "transformation" ? RANK.transformation : RANK.record, 0, eventEntry(event, name, null));
  for (const link of [...trace.containers, ...trace.contents])
    add(RANK.link, link.logIndex, linkEntry(link, item.id, name));
  for (const transfer of trace.custody)
    add(RANK.custody, transfer.logIndex, custodyEntry(transfer, null, item.id, partyName));
  for (const attestation of trace.attestations) {
    add(RANK.attestation, attestation.logIndex, {
      ...base(
        `attested-${attestation.txHash}-${attestation.logIndex}`,
        attestation.blockNumber,
        attestation.at,
        attestation.auditor,
        attestation.txHash,
      ),
      title: "Attested by an auditor",
      evidenceUrl: `/ipfs/${attestation.statementCid}`,
    });
  }
  for (const container of containers) {
    const inside = packedAt(trace.containers, container.item.id);
    for (const event of container.events)
      if (inside(event.blockNumber)) add(RANK.record, 0, eventEntry(event, name, container.item.id));
    for (const transfer of container.custody)
      if (inside(transfer.blockNumber))
        add(RANK.custody, transfer.logIndex, custodyEntry(transfer, container.item.id, container.item.id, partyName));
  }
  return ranked
    .sort((a, b) => a.entry.blockNumber - b.entry.blockNumber || a.rank - b.rank || a.logIndex - b.logIndex)
    .map(({ entry }) => entry);
}

/** Whether the item was inside the container at a block (packing and unpacking blocks included). */
export function packedAt(links: readonly AggregationLink[], containerId: Hex): (block: number) => boolean {
  const windows = packedWindows(links, containerId);
  return (block) => windows.some(([from, to]) => block >= from && block <= to);
}

/** [packed, unpacked] block ranges of the item in one container; a range still open ends at infinity. */
export function packedWindows(links: readonly AggregationLink[], containerId: Hex): [number, number][] {
  const windows: [number, number][] = [];
  for (const link of links) {
    if (link.containerId !== containerId) continue;
    if (link.action === "aggregated") windows.push([link.blockNumber, Infinity]);
    else {
      const open = windows.findLast(([, to]) => to === Infinity);
      if (open) open[1] = link.blockNumber;
    }
  }
  return windows;
}

function base(key: string, blockNumber: number, recordedAt: string, actor: Address, txHash: Hex | null): TimelineEntry {
  return {
    key,
    blockNumber,
    recordedAt,
    eventTime: null,
    title: "",
    details: [],
    actor,
    txHash,
    evidenceUrl: null,
    via: null,
    corrections: [],
  };
}

function eventEntry(
  event: ProvenanceEvent | Omit<ProvenanceEvent, "corrections">,
  name: ItemName,
  via: Hex | null,
): TimelineEntry {
  const entry = {
    ...base(`event-${event.id}`, event.blockNumber, event.recordedAt, event.recorder, event.txHash),
    eventTime: event.eventTime,
    evidenceUrl: event.evidenceUrl,
    via,
  };
  if (event.kind === "transformation") {
    const [inputs, outputs] = [event.itemIds.map(name).join(", "), (event.outputIds ?? []).map(name).join(", ")];
    return {
      ...entry,
      title: event.role === "output" ? "Made by a transformation" : "Transformed",
      details: [`${inputs} → ${outputs}`],
    };
  }
  const details = [
    event.disposition && `Status: ${describeDisposition(event.disposition)}`,
    event.location && `Location: ${describeLocation(event.location)}`,
  ].filter((line): line is string => !!line);
  const corrections =
    "corrections" in event ? event.corrections.map((correction) => eventEntry(correction, name, via)) : [];
  return { ...entry, title: event.bizStep ? describeBizStep(event.bizStep) : "Event recorded", details, corrections };
}

function linkEntry(link: AggregationLink, itemId: Hex, name: ItemName): TimelineEntry {
  const packed = link.action === "aggregated";
  const ownContainer = link.childId === itemId;
  const title = ownContainer
    ? `${packed ? "Packed into" : "Unpacked from"} ${name(link.containerId)}`
    : `${name(link.childId)} ${packed ? "packed in" : "unpacked"}`;
  return {
    ...base(
      `link-${link.txHash}-${link.logIndex}-${link.childId}`,
      link.blockNumber,
      link.at,
      link.custodian,
      link.txHash,
    ),
    title,
    details: link.orderId ? [`For order #${link.orderId}`] : [],
  };
}

function custodyEntry(transfer: CustodyTransfer, via: Hex | null, holderId: Hex, partyName: PartyName): TimelineEntry {
  const accepted = transfer.stage === "accepted";
  return {
    ...base(
      `custody-${holderId}-${transfer.txHash}-${transfer.logIndex}`,
      transfer.blockNumber,
      transfer.at,
      accepted ? transfer.to : transfer.from,
      transfer.txHash,
    ),
    title: accepted ? "Hand-off accepted" : "Hand-off started",
    details: [`From ${partyName(transfer.from)} to ${partyName(transfer.to)}`],
    via,
  };
}
