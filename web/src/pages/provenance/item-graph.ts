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

/**
 * The items around the traced one: what it was made from (recursively), what was made from it, what it
 * travelled in, what it holds.
 */
export function buildItemGraph(
  trace: Pick<ProvenanceTrace, "item" | "events" | "containers" | "contents" | "madeFrom">,
): ItemGraph {
  const edges: GraphEdge[] = [];
  const transformations = [
    ...trace.madeFrom,
    ...trace.events.filter((event) => event.kind === "transformation" && event.role === "input"),
  ];
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
      edges.push({
        from: link.childId,
        to: link.containerId,
        kind: "packed",
        orderId: link.orderId,
        unpacked: false,
        txHash: link.txHash,
      });
    } else {
      // Packed into the same container again: the latest packing is the one still in force.
      Object.assign(existing, { orderId: link.orderId, unpacked: false, txHash: link.txHash });
    }
  }
  const nodes = [trace.item.id, ...edges.flatMap((edge) => [edge.from, edge.to])];
  return { nodes: [...new Set(nodes)], edges };
}

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 60;
const MARGIN = 8;

/** Across: steps are columns, left to right (wide screens). Down: steps are rows, top to bottom (phones). */
export type GraphDirection = "across" | "down";

/** Gaps between steps (room for the arrows) and between the boxes of one step, per direction. */
const GAPS: Record<GraphDirection, { step: number; slot: number }> = {
  across: { step: 80, slot: 28 },
  down: { step: 48, slot: 16 },
};

export interface PlacedNode {
  id: Hex;
  x: number;
  y: number;
  step: number;
}
export interface GraphLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
  direction: GraphDirection;
}

/**
 * Steps by the longest path from a source (materials first, then what they became and travelled in), boxes of a
 * step in order of first appearance, each step centred on the fullest one.
 */
export function layoutItemGraph(graph: ItemGraph, direction: GraphDirection = "across"): GraphLayout {
  const step = new Map<Hex, number>(graph.nodes.map((id) => [id, 0]));
  // Relaxation terminates on a DAG within |nodes| rounds; the bound also guards against bad data forming a cycle.
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const edge of graph.edges) {
      const next = (step.get(edge.from) ?? 0) + 1;
      if (next > (step.get(edge.to) ?? 0)) {
        step.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const steps: Hex[][] = [];
  for (const id of graph.nodes) (steps[step.get(id)!] ??= []).push(id);
  const across = direction === "across";
  const gap = GAPS[direction];
  const [stepSize, slotSize] = across ? [NODE_WIDTH, NODE_HEIGHT] : [NODE_HEIGHT, NODE_WIDTH];
  const span = (count: number, size: number, spacing: number) => count * size + (count - 1) * spacing;
  const fullest = Math.max(...steps.map((ids) => ids.length));
  const breadth = 2 * MARGIN + span(fullest, slotSize, gap.slot);
  const length = 2 * MARGIN + span(steps.length, stepSize, gap.step);
  const nodes = steps.flatMap((ids, index) => {
    const start = (breadth - span(ids.length, slotSize, gap.slot)) / 2;
    return ids.map((id, slot) => {
      const [along, aside] = [MARGIN + index * (stepSize + gap.step), start + slot * (slotSize + gap.slot)];
      return { id, step: index, x: across ? along : aside, y: across ? aside : along };
    });
  });
  return { nodes, width: across ? length : breadth, height: across ? breadth : length, direction };
}

/** An arrow from the far side of one box to the near side of the next step's box, as a cubic curve. */
export function edgePath(from: PlacedNode, to: PlacedNode, direction: GraphDirection = "across"): string {
  if (direction === "across") {
    const [x1, y1, x2, y2] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2, to.x, to.y + NODE_HEIGHT / 2];
    const bend = (x2 - x1) / 2;
    return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
  }
  const [x1, y1, x2, y2] = [from.x + NODE_WIDTH / 2, from.y + NODE_HEIGHT, to.x + NODE_WIDTH / 2, to.y];
  const bend = (y2 - y1) / 2;
  return `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
}
