import { type Hex, numberToHex } from "viem";
import {
  BIZ,
  DISP,
  EPCIS_CONTEXT,
  LEDGER_NAMESPACE,
  eventIdOf,
  fallbackEpc,
  orderTransaction,
  partyOf,
} from "#sdk/epcis.ts";
import type { LogLocator } from "#sdk/proofs/event-proof.ts";
import { type ProvenanceEventName, provenanceSelector } from "#sdk/proofs/export-claims.ts";
import { isoFromSeconds } from "#sdk/time.ts";
import type {
  aggregationLinks,
  attestations,
  custodyTransfers,
  provenanceEvents,
  provenanceItems,
} from "#indexer/store/schema.ts";

type Item = typeof provenanceItems.$inferSelect;
type Recorded = typeof provenanceEvents.$inferSelect;
type Custody = typeof custodyTransfers.$inferSelect;
type Link = typeof aggregationLinks.$inferSelect;
type Attested = typeof attestations.$inferSelect;

/** Everything the export of one item draws on, already selected by the service. */
export interface EpcisSource {
  chainId: number;
  itemId: string;
  items: Map<string, Item>;
  /** Registrations to show (items not produced by a transformation). */
  registrations: Item[];
  events: Recorded[];
  /** Corrections of `events` by the id of the event they correct, oldest first, whatever items they name. */
  corrections: Map<string, Recorded[]>;
  custody: Custody[];
  links: Link[];
  attestations: Attested[];
  /** Unix seconds of a block, as indexed with the rows above; null when none of them is in that block. */
  blockTime: (block: number) => number | null;
}

/** Which of the Provenance contract's logs an event was made from. */
export type ProvenanceLogLocator = Omit<LogLocator, "contract">;

/** One event of an export, in chain order, with the log it was made from. */
export interface EpcisEntry {
  block: number;
  index: number;
  event: Record<string, unknown>;
  log: ProvenanceLogLocator;
}

/** The topics a Provenance log starts with: its event's selector, then its first (indexed) argument. */
const provenanceTopics = (eventName: ProvenanceEventName, first: Hex): Hex[] => [provenanceSelector(eventName), first];
/** The leading topics of the log that recorded an event (or transformation) by its id. */
const recordedTopics = (event: Recorded) =>
  provenanceTopics(
    event.kind === "transformation" ? "ItemsTransformed" : "ProvenanceEventRecorded",
    numberToHex(BigInt(event.id), { size: 32 }),
  );

/**
 * The item's trace as EPCIS 2.0 events, in chain order: registration as ObjectEvent ADD (commissioning),
 * recorded events as ObjectEvent OBSERVE, packing as AggregationEvent ADD/DELETE, transformations as
 * TransformationEvent, custody hand-offs as ObjectEvent with source/destination lists (owning_party),
 * attestations as ObjectEvent with certificationInfo; a corrected event carries an errorDeclaration
 * naming its corrective events. Chain data (block, tx hash, recorder, evidence CID) are `cl:` extensions.
 */
export function epcisEntries(source: EpcisSource): EpcisEntry[] {
  const { chainId, items, blockTime } = source;
  const epc = (id: string) => items.get(id)?.epc ?? fallbackEpc(chainId, id);
  const logAt = (blockNumber: number, logIndex: number): ProvenanceLogLocator => ({ blockNumber, logIndex });
  const time = (block: number, explicit?: number | null) => {
    const seconds = explicit ?? blockTime(block);
    return isoFromSeconds(seconds ?? 0);
  };
  const chain = (block: number, txHash: string | null, actor: string | null) => ({
    "cl:blockNumber": block,
    ...(txHash ? { "cl:txHash": txHash } : {}),
    ...(actor ? { "cl:actor": actor } : {}),
  });
  const base = (block: number, explicit?: number | null) => ({
    eventTime: time(block, explicit),
    eventTimeZoneOffset: "+00:00",
  });
  const out: EpcisEntry[] = [];

  for (const item of source.registrations) {
    out.push({
      block: item.registeredBlock,
      index: -1,
      event: {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `registered:${item.id}`),
        ...base(item.registeredBlock),
        epcList: [item.epc],
        action: "ADD",
        bizStep: `${BIZ}commissioning`,
        disposition: `${DISP}active`,
        ...chain(item.registeredBlock, null, item.registeredBy),
        "cl:quantity": item.quantity,
      },
      log: {
        blockNumber: item.registeredBlock,
        topics: provenanceTopics("ItemRegistered", item.id as Hex),
      },
    });
  }

  for (const event of source.events)
    out.push({
      block: event.blockNumber,
      index: Number(event.id),
      event: recordedEpcisEvent(chainId, event, epc, source.corrections.get(event.id) ?? []),
      log: { blockNumber: event.blockNumber, topics: recordedTopics(event) },
    });

  // One AggregationEvent per (transaction, container, action): children of one pack/unpack call together.
  const groups = new Map<string, Link[]>();
  for (const link of source.links) {
    const key = `${link.blockNumber}:${link.logIndex}:${link.containerId}:${link.action}`;
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  for (const [key, links] of groups) {
    const [first] = links;
    const packed = first.action === "aggregated";
    out.push({
      block: first.blockNumber,
      index: first.logIndex,
      event: {
        type: "AggregationEvent",
        eventID: eventIdOf(chainId, `aggregation:${key}`),
        ...base(first.blockNumber),
        parentID: epc(first.containerId),
        childEPCs: links.map((link) => epc(link.childId)).sort(),
        action: packed ? "ADD" : "DELETE",
        bizStep: `${BIZ}${packed ? "packing" : "unpacking"}`,
        ...(first.orderId ? { bizTransactionList: [orderTransaction(chainId, first.orderId)] } : {}),
        ...chain(first.blockNumber, first.txHash, first.custodian),
      },
      log: logAt(first.blockNumber, first.logIndex),
    });
  }

  for (const transfer of source.custody) {
    const accepted = transfer.stage === "accepted";
    out.push({
      block: transfer.blockNumber,
      index: transfer.logIndex,
      event: {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `custody:${transfer.blockNumber}:${transfer.logIndex}`),
        ...base(transfer.blockNumber),
        epcList: [epc(transfer.itemId)],
        action: "OBSERVE",
        bizStep: `${BIZ}${accepted ? "receiving" : "shipping"}`,
        disposition: `${DISP}${accepted ? "in_progress" : "in_transit"}`,
        sourceList: [{ type: "urn:epcglobal:cbv:sdt:owning_party", source: partyOf(chainId, transfer.fromAccount) }],
        destinationList: [
          { type: "urn:epcglobal:cbv:sdt:owning_party", destination: partyOf(chainId, transfer.toAccount) },
        ],
        ...chain(transfer.blockNumber, transfer.txHash, accepted ? transfer.toAccount : transfer.fromAccount),
        "cl:custodyStage": transfer.stage,
      },
      log: logAt(transfer.blockNumber, transfer.logIndex),
    });
  }

  for (const attestation of source.attestations) {
    out.push({
      block: attestation.blockNumber,
      index: attestation.logIndex,
      event: {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `attestation:${attestation.blockNumber}:${attestation.logIndex}`),
        ...base(attestation.blockNumber),
        epcList: [epc(attestation.itemId)],
        action: "OBSERVE",
        bizStep: `${BIZ}inspecting`,
        certificationInfo: `ipfs://${attestation.statementCid}`,
        ...chain(attestation.blockNumber, attestation.txHash, attestation.auditor),
      },
      log: logAt(attestation.blockNumber, attestation.logIndex),
    });
  }

  return out.sort((a, b) => a.block - b.block || a.index - b.index);
}

/** The members every EPCIS 2.0 JSON-LD document of this ledger starts with. */
export function epcisHeader(type: "EPCISDocument" | "EPCISQueryDocument", creationDate: Date) {
  return {
    "@context": [EPCIS_CONTEXT, { cl: LEDGER_NAMESPACE }],
    type,
    schemaVersion: "2.0",
    creationDate: creationDate.toISOString(),
  };
}

/** Corrections of each recorded event, by the id of the event they correct, in the order given. */
export function correctionsByEvent(events: Recorded[]): Map<string, Recorded[]> {
  const correctionsOf = new Map<string, Recorded[]>();
  for (const event of events)
    if (event.corrects) correctionsOf.set(event.corrects, [...(correctionsOf.get(event.corrects) ?? []), event]);
  return correctionsOf;
}

/**
 * One recorded event (record, correction or transformation) as EPCIS: a record or correction as ObjectEvent
 * OBSERVE, with an errorDeclaration naming `corrections` (oldest first) when there are any; a transformation as
 * TransformationEvent. `epc` names an item id's EPC.
 */
export function recordedEpcisEvent(
  chainId: number,
  event: Recorded,
  epc: (itemId: string) => string,
  corrections: Recorded[],
): Record<string, unknown> {
  const recordedId = (recorded: Recorded) => eventIdOf(chainId, `provenance-event:${recorded.id}`);
  const chain = {
    "cl:blockNumber": event.blockNumber,
    "cl:txHash": event.txHash,
    "cl:actor": event.recorder,
  };
  const evidence = { "cl:evidence": `ipfs://${event.evidenceCid}` };
  const zone = { eventTimeZoneOffset: "+00:00" };
  if (event.kind === "transformation")
    return {
      type: "TransformationEvent",
      eventID: recordedId(event),
      eventTime: isoFromSeconds(event.recordedAt),
      ...zone,
      inputEPCList: (event.itemIds as string[]).map(epc),
      outputEPCList: ((event.outputIds as string[] | null) ?? []).map(epc),
      transformationID: `urn:commerce-ledger:transformation:${chainId}:${event.id}`,
      bizStep: `${BIZ}transforming`,
      ...chain,
      ...evidence,
    };
  const location = event.location ? { readPoint: { id: event.location }, bizLocation: { id: event.location } } : {};
  return {
    type: "ObjectEvent",
    eventID: recordedId(event),
    eventTime: isoFromSeconds(event.eventTime ?? event.recordedAt),
    ...zone,
    ...(corrections.length > 0
      ? {
          errorDeclaration: {
            declarationTime: isoFromSeconds(corrections[0].recordedAt),
            reason: "urn:epcglobal:cbv:er:incorrect_data",
            correctiveEventIDs: corrections.map(recordedId),
          },
        }
      : {}),
    epcList: (event.itemIds as string[]).map(epc),
    action: "OBSERVE",
    ...(event.bizStep ? { bizStep: event.bizStep } : {}),
    ...(event.disposition ? { disposition: event.disposition } : {}),
    ...location,
    ...chain,
    ...(event.corrects ? { "cl:corrects": eventIdOf(chainId, `provenance-event:${event.corrects}`) } : {}),
    ...evidence,
  };
}
