import { createHash } from "node:crypto";
import { isoFromSeconds } from "#sdk/time.ts";
import type {
  aggregationLinks,
  attestations,
  custodyTransfers,
  provenanceEvents,
  provenanceItems,
} from "#indexer/store/schema.ts";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
/** Namespace of this ledger's extension fields (`cl:…`), declared in the document's @context. */
export const LEDGER_NAMESPACE = "https://commerce-ledger.example/epcis/";
/** CBV prefixes of business steps and dispositions: `shipping` is short for `urn:epcglobal:cbv:bizstep:shipping`. */
export const BIZ = "urn:epcglobal:cbv:bizstep:";
export const DISP = "urn:epcglobal:cbv:disp:";

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
  creationDate: Date;
}

/**
 * A deterministic `urn:uuid:` from chain data (chain id, kind and a chain key): the same event always gets the same id.
 */
export function eventIdOf(chainId: number, key: string): string {
  const hex = createHash("sha256").update(`${chainId}:${key}`).digest("hex");
  // RFC 9562 version 8 (custom) UUID layout.
  const version = `8${hex.slice(13, 16)}`;
  const variant = `${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`;
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}-${variant}-${hex.slice(20, 32)}`;
}

const party = (chainId: number, address: string) => `did:pkh:eip155:${chainId}:${address}`;

interface Sortable {
  block: number;
  index: number;
  event: Record<string, unknown>;
}

/**
 * The item's trace as an EPCIS 2.0 JSON-LD document: registration as ObjectEvent ADD (commissioning),
 * recorded events as ObjectEvent OBSERVE, packing as AggregationEvent ADD/DELETE, transformations as
 * TransformationEvent, custody hand-offs as ObjectEvent with source/destination lists (owning_party),
 * attestations as ObjectEvent with certificationInfo; a corrected event carries an errorDeclaration
 * naming its corrective events. Chain data (block, tx hash, recorder, evidence CID) are `cl:` extensions.
 */
export function toEpcisDocument(source: EpcisSource) {
  const { chainId, items, blockTime } = source;
  const epc = (id: string) => items.get(id)?.epc ?? `urn:commerce-ledger:item:${chainId}:${id}`;
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
  const out: Sortable[] = [];

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
    });
  }

  for (const event of source.events)
    out.push({
      block: event.blockNumber,
      index: Number(event.id),
      event: recordedEpcisEvent(chainId, event, epc, source.corrections.get(event.id) ?? []),
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
        childEPCs: links.map((link) => epc(link.childId)),
        action: packed ? "ADD" : "DELETE",
        bizStep: `${BIZ}${packed ? "packing" : "unpacking"}`,
        ...(first.orderId
          ? {
              bizTransactionList: [
                {
                  type: "urn:epcglobal:cbv:btt:po",
                  bizTransaction: `urn:commerce-ledger:order:${chainId}:${first.orderId}`,
                },
              ],
            }
          : {}),
        ...chain(first.blockNumber, first.txHash, first.custodian),
      },
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
        sourceList: [{ type: "urn:epcglobal:cbv:sdt:owning_party", source: party(chainId, transfer.fromAccount) }],
        destinationList: [
          { type: "urn:epcglobal:cbv:sdt:owning_party", destination: party(chainId, transfer.toAccount) },
        ],
        ...chain(transfer.blockNumber, transfer.txHash, accepted ? transfer.toAccount : transfer.fromAccount),
        "cl:custodyStage": transfer.stage,
      },
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
    });
  }

  out.sort((a, b) => a.block - b.block || a.index - b.index);
  return {
    ...epcisHeader("EPCISDocument", source.creationDate),
    epcisBody: { eventList: out.map((entry) => entry.event) },
  };
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
