import { useMemo } from "react";
import type { Hex } from "viem";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { buildItemGraph, type ItemGraph } from "./item-graph.ts";
import {
  neighboursRequest,
  PROVENANCE_QUERY,
  type ContainerTrace,
  type ProvenanceTrace,
  type TraceItem,
} from "./provenance-queries.ts";

export interface ItemTrace {
  trace: ProvenanceTrace;
  graph: ItemGraph;
  /** Containers the item travelled in, with their hand-offs and events. */
  containers: ContainerTrace[];
  /** Every item known by id: the traced one and its neighbours in the graph. */
  items: Map<Hex, TraceItem>;
}

/** The trace of an item, then in one more request the containers it travelled in and the items around it. */
export function useItemTrace(itemId: Hex): { data: ItemTrace | undefined; error: Error | undefined } {
  const first = useQuery<{ provenance: ProvenanceTrace }>(PROVENANCE_QUERY, { itemId });
  // The previous item's trace stays in the query's state while the next one loads.
  const trace = first.data?.provenance.item.id === itemId.toLowerCase() ? first.data.provenance : undefined;
  const graph = useMemo(() => (trace ? buildItemGraph(trace) : undefined), [trace]);
  const request = useMemo(() => {
    if (!trace || !graph) return undefined;
    const containerIds = [...new Set(trace.containers.map((link) => link.containerId))];
    return neighboursRequest(
      containerIds,
      graph.nodes.filter((id) => id !== trace.item.id && !containerIds.includes(id)),
    );
  }, [trace, graph]);
  const hasNeighbours = !!request && Object.keys(request.variables).length > 0;
  const second = useQuery<Record<string, unknown>>(request?.query ?? "", request?.variables ?? {}, {
    skip: !hasNeighbours,
  });
  const data = useMemo(() => {
    if (!trace || !graph || !request) return undefined;
    const neighbours = hasNeighbours ? second.data && request.read(second.data) : { containers: [], items: [] };
    if (!neighbours) return undefined;
    const items = new Map<Hex, TraceItem>(
      [trace.item, ...neighbours.items, ...neighbours.containers.map((container) => container.item)].map((item) => [
        item.id,
        item,
      ]),
    );
    return { trace, graph, containers: neighbours.containers, items };
  }, [trace, graph, request, hasNeighbours, second.data]);
  return { data, error: first.error ?? second.error };
}
