import type { Hex } from "viem";
import type { ProvenanceTrace } from "./provenance-queries.ts";

export type EdgeKind = "made" | "packed";

/** `from` was made into `to`, or `from` was packed into the container `to`. */
export interface GraphEdge {
  from: Hex;
  to: Hex;
  kind: EdgeKind;
  /** Packing: the order the shipment was for, and whether it was unpacked again. */
  orderId?: string | null;
  unpacked?: boolean;
  txHash: Hex;
}

export interface ItemGraph {
  nodes: Hex[];
  edges: GraphEdge[];
}

/** The items around the traced one: what it was made from (recursively), what was made from it, what it travelled in, what it holds. */
export function buildItemGraph(trace: Pick<ProvenanceTrace, "item" | "events" | "containers" | "contents" | "madeFrom">): ItemGraph {
  const edges: GraphEdge[] = [];
  const transformations = [...trace.madeFrom, ...trace.events.filter((event) => event.kind === "transformation" && event.role === "input")];
  const seen = new Set<string>();
  for (const event of transformations) {
    for (const from of event.itemIds) {
      for (const to of event.outputIds ?? []) {
        const key = `made:${from}:${to}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ from, to, kind: "made", txHash: event.txHash });
      }
    }
  }
  for (const link of [...trace.containers, ...trace.contents]) {
    const key = `packed:${link.childId}:${link.containerId}`;
    const existing = edges.find((edge) => edge.kind === "packed" && `packed:${edge.from}:${edge.to}` === key);
    if (link.action === "disaggregated") {
      if (existing) existing.unpacked = true;
    } else if (!existing) {
      edges.push({ from: link.childId, to: link.containerId, kind: "packed", orderId: link.orderId, unpacked: false, txHash: link.txHash });
    } else {
      // Packed into the same container again: the latest packing is the one still in force.
      Object.assign(existing, { orderId: link.orderId, unpacked: false, txHash: link.txHash });
    }
  }
  const nodes = [trace.item.id, ...edges.flatMap((edge) => [edge.from, edge.to])];
  return { nodes: [...new Set(nodes)], edges };
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 60;
const COLUMN_GAP = 80;
const ROW_GAP = 28;
const MARGIN = 8;

export interface PlacedNode { id: Hex; x: number; y: number; column: number }
export interface GraphLayout { nodes: PlacedNode[]; width: number; height: number }

/**
 * Columns by the longest path from a source (materials left, what they became and travelled in to the right),
 * rows in order of first appearance, each column centred on the tallest one.
 */
export function layoutItemGraph(graph: ItemGraph): GraphLayout {
  const column = new Map<Hex, number>(graph.nodes.map((id) => [id, 0]));
  // Relaxation terminates on a DAG within |nodes| rounds; the bound also guards against bad data forming a cycle.
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const edge of graph.edges) {
      const next = (column.get(edge.from) ?? 0) + 1;
      if (next > (column.get(edge.to) ?? 0)) {
        column.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns: Hex[][] = [];
  for (const id of graph.nodes) (columns[column.get(id)!] ??= []).push(id);
  const tallest = Math.max(...columns.map((ids) => ids?.length ?? 0));
  const height = 2 * MARGIN + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const nodes = columns.flatMap((ids, index) => {
    const top = (height - (ids.length * NODE_HEIGHT + (ids.length - 1) * ROW_GAP)) / 2;
    return ids.map((id, row) => ({ id, column: index, x: MARGIN + index * (NODE_WIDTH + COLUMN_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP) }));
  });
  return { nodes, width: 2 * MARGIN + columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP, height };
}

/** An arrow from the right edge of one box to the left edge of the next, as a cubic curve. */
export function edgePath(from: PlacedNode, to: PlacedNode): string {
  const [x1, y1] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2];
  const [x2, y2] = [to.x, to.y + NODE_HEIGHT / 2];
  const bend = (x2 - x1) / 2;
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}
