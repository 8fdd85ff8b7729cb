import type { Address, Hex } from "viem";
import type { ProvenanceEvent } from "../provenance/provenance-queries.ts";

export interface EventFilter {
  bizStep?: string;
  disposition?: string;
  location?: string;
  party?: Address;
  item?: Hex;
  epcClass?: string;
  from?: string;
  to?: string;
}

/** An event as the query lists it: the trace's event without what only a trace asks for. */
export type FoundEvent = Omit<ProvenanceEvent, "role" | "evidenceUrl" | "corrections">;

export const PROVENANCE_EVENTS_QUERY = /* GraphQL */ `
  query AuditEvents($filter: ProvenanceEventFilter, $first: Int, $after: String) {
    provenanceEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        id kind recorder itemIds outputIds eventTime bizStep disposition location blockNumber txHash recordedAt
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export interface RecallEntry {
  item: { id: Hex; epc: string; status: string };
  reachedBy: "recalled" | "transformation" | "aggregation";
  from: Hex | null;
}

export interface Recall {
  items: RecallEntry[];
  containers: RecallEntry[];
  orders: { id: string; merchant: Address; status: string; itemIds: Hex[]; buyer: Address | null }[];
  buyers: Address[];
  allBuyersShown: boolean;
}

export const RECALL_QUERY = /* GraphQL */ `
  query AuditRecall($itemId: Bytes32!) {
    recall(itemId: $itemId) {
      items { item { id epc status } reachedBy from }
      containers { item { id epc status } reachedBy from }
      orders { id merchant status itemIds buyer }
      buyers
      allBuyersShown
    }
  }
`;
