import type { Address, Hex } from "viem";

export interface TraceItem {
  id: Hex;
  epc: string;
  /** {PUBLIC_URL}/01/…/10/… and the like; null when the EPC is not an SGTIN, LGTIN or SSCC. */
  digitalLink: string | null;
  status: string;
  custodian: Address;
  registeredBy: Address;
  registeredBlock: number;
  registeredAt: string;
  listing: { id: Hex; title: string | null } | null;
}

export interface ProvenanceEvent {
  id: string;
  kind: "record" | "correction" | "transformation";
  role: "subject" | "input" | "output" | null;
  recorder: Address;
  itemIds: Hex[];
  outputIds: Hex[] | null;
  eventTime: string | null;
  bizStep: string | null;
  disposition: string | null;
  location: string | null;
  evidenceUrl: string;
  blockNumber: number;
  txHash: Hex;
  recordedAt: string;
  corrections: Omit<ProvenanceEvent, "corrections">[];
}

export interface CustodyTransfer {
  from: Address;
  to: Address;
  stage: "initiated" | "accepted";
  blockNumber: number;
  logIndex: number;
  txHash: Hex;
  at: string;
}
export interface AggregationLink {
  childId: Hex;
  containerId: Hex;
  action: "aggregated" | "disaggregated";
  orderId: string | null;
  custodian: Address;
  blockNumber: number;
  logIndex: number;
  txHash: Hex;
  at: string;
}
export interface Attestation {
  auditor: Address;
  statementCid: string;
  blockNumber: number;
  logIndex: number;
  txHash: Hex;
  at: string;
}

/** An account the trace names: the merchant it is, if any, and the roles it holds. */
export interface Party {
  address: Address;
  merchant: { status: string; profile: { name: string } | null } | null;
  roles: { label: string | null }[];
}

export interface ProvenanceTrace {
  item: TraceItem;
  events: ProvenanceEvent[];
  custody: CustodyTransfer[];
  containers: AggregationLink[];
  contents: AggregationLink[];
  madeFrom: ProvenanceEvent[];
  attestations: Attestation[];
  parties: Party[];
}

/** What the page shows of a container the item travelled in: its own hand-offs and recorded events. */
export type ContainerTrace = Pick<ProvenanceTrace, "item" | "custody" | "events" | "parties">;

const ITEM_FIELDS =
  "id epc digitalLink status custodian registeredBy registeredBlock registeredAt listing { id title }";
const EVENT_FIELDS =
  "id kind role recorder itemIds outputIds eventTime bizStep disposition location evidenceUrl " +
  "blockNumber txHash recordedAt";
const CUSTODY_FIELDS = "from to stage blockNumber logIndex txHash at";
const LINK_FIELDS = "childId containerId action orderId custodian blockNumber logIndex txHash at";
const PARTY_FIELDS = "address merchant { status profile { name } } roles { label }";

export const PROVENANCE_QUERY = /* GraphQL */ `
  query Provenance($itemId: Bytes32!) {
    provenance(itemId: $itemId) {
      item { ${ITEM_FIELDS} }
      events { ${EVENT_FIELDS} corrections { ${EVENT_FIELDS} } }
      custody { ${CUSTODY_FIELDS} }
      containers { ${LINK_FIELDS} }
      contents { ${LINK_FIELDS} }
      madeFrom { ${EVENT_FIELDS} }
      attestations { auditor statementCid blockNumber logIndex txHash at }
      parties { ${PARTY_FIELDS} }
    }
  }
`;

/** The API's limit on aliases in one request; further neighbours are shown by their ids alone. */
const MAX_NEIGHBOURS = 15;

/**
 * One request for the items around the traced one: the trace of each container (whose hand-offs and events
 * the item went through while packed) and the plain item of every other neighbour (for its EPC and title).
 */
export function neighboursRequest(containerIds: readonly Hex[], itemIds: readonly Hex[]) {
  const containers = containerIds.slice(0, MAX_NEIGHBOURS);
  const items = itemIds.slice(0, MAX_NEIGHBOURS - containers.length);
  const parameters = [
    ...containers.map((_, index) => `$c${index}: Bytes32!`),
    ...items.map((_, index) => `$i${index}: Bytes32!`),
  ];
  const fields = [
    ...containers.map(
      (_, index) =>
        `c${index}: provenance(itemId: $c${index}) { item { ${ITEM_FIELDS} } custody { ${CUSTODY_FIELDS} } ` +
        `events { ${EVENT_FIELDS} corrections { ${EVENT_FIELDS} } } parties { ${PARTY_FIELDS} } }`,
    ),
    ...items.map((_, index) => `i${index}: item(id: $i${index}) { ${ITEM_FIELDS} }`),
  ];
  return {
    query: `query Neighbours(${parameters.join(", ")}) { ${fields.join("\n")} }`,
    variables: Object.fromEntries([
      ...containers.map((id, index) => [`c${index}`, id]),
      ...items.map((id, index) => [`i${index}`, id]),
    ]),
    /** Reads the answer back into containers' traces and items; undefined when it answers another request. */
    read(data: Record<string, unknown>) {
      const answer = {
        containers: containers.map((_, index) => data[`c${index}`] as ContainerTrace | undefined),
        items: items.map((_, index) => data[`i${index}`] as TraceItem | undefined),
      };
      const matches =
        answer.containers.every((trace, index) => trace?.item.id === containers[index]) &&
        answer.items.every((item, index) => item?.id === items[index]);
      return matches ? (answer as { containers: ContainerTrace[]; items: TraceItem[] }) : undefined;
    },
  };
}

export const PROVENANCE_EXPORT_QUERY = /* GraphQL */ `
  query ProvenanceExport($itemId: Bytes32!) { provenanceExport(itemId: $itemId) }
`;
