// What an exported EPCIS event must say, given the Provenance log it was made from: the auditor's own reading of
// the chain, independent of the indexer and the API that wrote the export.
import { type Hex, decodeEventLog, toEventSelector } from "viem";
import { type ContractAbi, abiOf } from "../contracts.ts";
import { BIZ, DISP, eventIdOf, orderTransaction, partyOf } from "../epcis.ts";
import { isoFromSeconds } from "../time.ts";
import type { ReceiptLog } from "./receipt-encoding.ts";

export interface ClaimContext {
  chainId: number;
  /** The EPC an item was registered with. */
  epc: (itemId: string) => string;
  /** Unix seconds of the log's block, from its header. */
  blockTime: number;
  blockNumber: number;
  logIndex: number;
}

/** A field the event must have with this value; `undefined` means the event must not have the field. */
export type Claims = Record<string, unknown>;

type DecodedProvenanceLog = ReturnType<typeof decodeProvenanceLog>;

export type ProvenanceEventName = Extract<ContractAbi<"Provenance">[number], { type: "event" }>["name"];

/** The first topic of a Provenance event's logs. */
export function provenanceSelector(name: ProvenanceEventName): Hex {
  const event = abiOf("Provenance").find((item) => item.type === "event" && item.name === name)!;
  return toEventSelector(event as Extract<typeof event, { type: "event" }>);
}

export function decodeProvenanceLog(log: ReceiptLog) {
  return decodeEventLog({ abi: abiOf("Provenance"), topics: log.topics as [Hex, ...Hex[]], data: log.data });
}

/** The decoded Provenance log, or null for a log the Provenance ABI does not describe. */
export function tryDecodeProvenanceLog(log: ReceiptLog): DecodedProvenanceLog | null {
  try {
    return decodeProvenanceLog(log);
  } catch {
    return null;
  }
}

const ipfs = (cid: string) => `ipfs://${cid}`;
const lower = (address: string) => address.toLowerCase();
const optional = (value: string) => (value === "" ? undefined : value);

/** The fields an export's event for `decoded` must carry, as this ledger maps Provenance logs to EPCIS 2.0. */
export function claimsOf(decoded: DecodedProvenanceLog, context: ClaimContext): Claims | null {
  const claims = mappedFields(decoded, context);
  return claims && { ...claims, eventTimeZoneOffset: "+00:00" };
}

function mappedFields(decoded: DecodedProvenanceLog, context: ClaimContext): Claims | null {
  const { chainId, epc, blockTime } = context;
  const eventTime = isoFromSeconds(blockTime);
  const recordedId = (id: bigint) => eventIdOf(chainId, `provenance-event:${id}`);
  switch (decoded.eventName) {
    case "ItemRegistered": {
      const { itemId, epc: registered, quantity, custodian } = decoded.args;
      return {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `registered:${lower(itemId)}`),
        eventTime,
        epcList: [registered],
        action: "ADD",
        bizStep: `${BIZ}commissioning`,
        disposition: `${DISP}active`,
        "cl:actor": lower(custodian),
        "cl:quantity": quantity.toString(),
      };
    }
    case "ProvenanceEventRecorded": {
      const { eventId, recorder, corrects, itemIds, data } = decoded.args;
      const location = optional(data.location);
      return {
        type: "ObjectEvent",
        eventID: recordedId(eventId),
        eventTime: data.eventTime === 0 ? eventTime : isoFromSeconds(data.eventTime),
        epcList: itemIds.map(epc),
        action: "OBSERVE",
        bizStep: optional(data.bizStep),
        disposition: optional(data.disposition),
        bizLocation: location && { id: location },
        readPoint: location && { id: location },
        "cl:actor": lower(recorder),
        "cl:corrects": corrects === 0n ? undefined : recordedId(corrects),
        "cl:evidence": ipfs(data.evidenceCid),
      };
    }
    case "ItemsTransformed": {
      const { eventId, custodian, inputIds, outputIds, evidenceCid } = decoded.args;
      return {
        type: "TransformationEvent",
        eventID: recordedId(eventId),
        eventTime,
        inputEPCList: inputIds.map(epc),
        outputEPCList: outputIds.map(epc),
        transformationID: `urn:commerce-ledger:transformation:${chainId}:${eventId}`,
        bizStep: `${BIZ}transforming`,
        "cl:actor": lower(custodian),
        "cl:evidence": ipfs(evidenceCid),
      };
    }
    case "ItemsAggregated":
    case "ItemsDisaggregated": {
      const { containerId, custodian, childIds } = decoded.args;
      const packed = decoded.eventName === "ItemsAggregated";
      const orderId = "orderId" in decoded.args ? decoded.args.orderId : 0n;
      const groupKey = `${context.blockNumber}:${context.logIndex}:${lower(containerId)}`;
      return {
        type: "AggregationEvent",
        eventID: eventIdOf(chainId, `aggregation:${groupKey}:${packed ? "aggregated" : "disaggregated"}`),
        eventTime,
        parentID: epc(containerId),
        childEPCs: childIds.map(epc).sort(),
        action: packed ? "ADD" : "DELETE",
        bizStep: `${BIZ}${packed ? "packing" : "unpacking"}`,
        bizTransactionList: orderId === 0n ? undefined : [orderTransaction(chainId, orderId.toString())],
        "cl:actor": lower(custodian),
      };
    }
    case "CustodyHandoffInitiated":
    case "CustodyHandoffAccepted": {
      const { itemId, from, to } = decoded.args;
      const accepted = decoded.eventName === "CustodyHandoffAccepted";
      return {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `custody:${context.blockNumber}:${context.logIndex}`),
        eventTime,
        epcList: [epc(itemId)],
        action: "OBSERVE",
        bizStep: `${BIZ}${accepted ? "receiving" : "shipping"}`,
        disposition: `${DISP}${accepted ? "in_progress" : "in_transit"}`,
        sourceList: [{ type: "urn:epcglobal:cbv:sdt:owning_party", source: partyOf(chainId, lower(from)) }],
        destinationList: [{ type: "urn:epcglobal:cbv:sdt:owning_party", destination: partyOf(chainId, lower(to)) }],
        "cl:actor": lower(accepted ? to : from),
        "cl:custodyStage": accepted ? "accepted" : "initiated",
      };
    }
    case "ItemAttested": {
      const { itemId, auditor, statementCid } = decoded.args;
      return {
        type: "ObjectEvent",
        eventID: eventIdOf(chainId, `attestation:${context.blockNumber}:${context.logIndex}`),
        eventTime,
        epcList: [epc(itemId)],
        action: "OBSERVE",
        bizStep: `${BIZ}inspecting`,
        certificationInfo: ipfs(statementCid),
        "cl:actor": lower(auditor),
      };
    }
    default:
      return null;
  }
}

/** The first claim `event` breaks, as a sentence, or null when it keeps them all. */
export function brokenClaim(event: Record<string, unknown>, claims: Claims): string | null {
  for (const [field, expected] of Object.entries(claims)) {
    const actual = event[field];
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      const said = actual === undefined ? "nothing" : JSON.stringify(actual);
      const chain = expected === undefined ? "no such field" : JSON.stringify(expected);
      return `${field} says ${said}, the chain says ${chain}`;
    }
  }
  return null;
}
