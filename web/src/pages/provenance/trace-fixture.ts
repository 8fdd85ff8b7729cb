/**
 * A roasted coffee lot made from green beans, packed into a shipment that changes hands twice, as the demo records it.
 */
import type { Address, Hex } from "viem";
import type {
  AggregationLink,
  ContainerTrace,
  CustodyTransfer,
  ProvenanceEvent,
  ProvenanceTrace,
  TraceItem,
} from "./provenance-queries.ts";

const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const account = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
export const [GREEN, ROAST, SHIPMENT] = [1, 2, 3].map(id);
export const [MERCHANT, CARRIER, BUYER] = [6, 5, 11].map(account);
export const tx = (block: number) => `0x${block.toString(16).padStart(64, "0")}` as Hex;
const at = (block: number) => new Date(Date.UTC(2026, 10, 22, 8, block)).toISOString();

export const item = (itemId: Hex, block: number) =>
  ({
    id: itemId,
    epc: `epc-${itemId.slice(-1)}`,
    registeredBlock: block,
    registeredAt: at(block),
    registeredBy: MERCHANT,
  }) as TraceItem;
const event = (eventId: number, block: number, fields: Partial<ProvenanceEvent>) =>
  ({
    id: String(eventId),
    kind: "record",
    role: "subject",
    recorder: MERCHANT,
    itemIds: [ROAST],
    outputIds: null,
    eventTime: null,
    bizStep: null,
    disposition: null,
    location: null,
    evidenceUrl: `/ipfs/evidence-${eventId}`,
    blockNumber: block,
    txHash: tx(block),
    recordedAt: at(block),
    corrections: [],
    ...fields,
  }) as ProvenanceEvent;
export const link = (block: number, action: AggregationLink["action"]) =>
  ({
    childId: ROAST,
    containerId: SHIPMENT,
    action,
    orderId: action === "aggregated" ? "2" : null,
    custodian: MERCHANT,
    blockNumber: block,
    logIndex: 0,
    txHash: tx(block),
    at: at(block),
  }) as AggregationLink;
const handoff = (block: number, logIndex: number, from: Address, to: Address, stage: CustodyTransfer["stage"]) => ({
  from,
  to,
  stage,
  blockNumber: block,
  logIndex,
  txHash: tx(block),
  at: at(block),
});

const correction = event(5, 5, {
  kind: "correction",
  bizStep: "urn:epcglobal:cbv:bizstep:packing",
  location: "urn:epc:id:sgln:0614141.00002.INNSBRUCK",
});
export const trace: ProvenanceTrace = {
  item: item(ROAST, 3),
  madeFrom: [event(2, 3, { kind: "transformation", role: "output", itemIds: [GREEN], outputIds: [ROAST] })],
  events: [
    event(2, 3, { kind: "transformation", role: "output", itemIds: [GREEN], outputIds: [ROAST] }),
    event(4, 4, {
      bizStep: "urn:epcglobal:cbv:bizstep:packing",
      disposition: "urn:epcglobal:cbv:disp:in_progress",
      location: "urn:epc:id:sgln:0614141.00002.WRONG",
      corrections: [correction],
    }),
  ],
  custody: [],
  containers: [link(7, "aggregated"), link(12, "disaggregated")],
  contents: [],
  attestations: [
    { auditor: account(4), statementCid: "bafystatement", blockNumber: 13, logIndex: 0, txHash: tx(13), at: at(13) },
  ],
  parties: [
    {
      address: MERCHANT,
      merchant: { status: "Approved", profile: { name: "Alpine Coffee Roasters" } },
      roles: [{ label: "MERCHANT" }],
    },
  ],
};
export const shipment: ContainerTrace = {
  item: item(SHIPMENT, 6),
  custody: [
    handoff(8, 0, MERCHANT, CARRIER, "initiated"),
    handoff(9, 0, MERCHANT, CARRIER, "accepted"),
    handoff(11, 0, CARRIER, BUYER, "initiated"),
    handoff(11, 1, CARRIER, BUYER, "accepted"),
    handoff(14, 0, BUYER, MERCHANT, "initiated"),
  ],
  events: [
    event(10, 10, {
      itemIds: [SHIPMENT],
      recorder: CARRIER,
      bizStep: "urn:epcglobal:cbv:bizstep:departing",
      disposition: "urn:epcglobal:cbv:disp:in_transit",
    }),
    event(15, 15, { itemIds: [SHIPMENT], bizStep: "urn:epcglobal:cbv:bizstep:storing" }),
  ],
  parties: [{ address: CARRIER, merchant: null, roles: [{ label: "CARRIER" }] }],
};
export const name = (itemId: Hex) =>
  ({ [GREEN]: "Lot GREEN", [ROAST]: "Lot ROAST", [SHIPMENT]: "Shipment 1234" })[itemId] ?? itemId;
