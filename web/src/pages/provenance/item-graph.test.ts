import { describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { buildItemGraph, edgePath, layoutItemGraph, NODE_HEIGHT, NODE_WIDTH } from "./item-graph.ts";
import type { AggregationLink, ProvenanceEvent, TraceItem } from "./provenance-queries.ts";

const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const [GREEN, ROAST, SHIPMENT, GROUND, PALLET] = [1, 2, 3, 4, 5].map(id);
const tx = `0x${"ee".repeat(32)}` as Hex;

const transformation = (inputs: Hex[], outputs: Hex[], role: ProvenanceEvent["role"]) =>
  ({ kind: "transformation", role, itemIds: inputs, outputIds: outputs, txHash: tx }) as ProvenanceEvent;
const link = (childId: Hex, containerId: Hex, action: AggregationLink["action"], orderId: string | null = null) =>
  ({ childId, containerId, action, orderId, txHash: tx }) as AggregationLink;
const item = (itemId: Hex) => ({ id: itemId }) as TraceItem;

describe("the aggregation and transformation graph of an item", () => {
  const roastTrace = {
    item: item(ROAST),
    madeFrom: [transformation([GREEN], [ROAST], "output")],
    events: [transformation([ROAST], [GROUND], "input")],
    containers: [link(ROAST, SHIPMENT, "aggregated", "2"), link(ROAST, SHIPMENT, "disaggregated")],
    contents: [],
  };

  it("links inputs to outputs and items to the containers they travelled in, once per pair", () => {
    const graph = buildItemGraph(roastTrace);
    expect(graph.nodes).toEqual([ROAST, GREEN, GROUND, SHIPMENT]);
    expect(graph.edges.map(({ from, to, kind }) => [from, to, kind])).toEqual([
      [GREEN, ROAST, "made"],
      [ROAST, GROUND, "made"],
      [ROAST, SHIPMENT, "packed"],
    ]);
    expect(graph.edges[2]).toMatchObject({ orderId: "2", unpacked: true });
  });

  it("keeps a container's packing in force when it is packed again after unpacking", () => {
    const graph = buildItemGraph({
      ...roastTrace,
      madeFrom: [],
      events: [],
      containers: [
        link(ROAST, PALLET, "aggregated"),
        link(ROAST, PALLET, "disaggregated"),
        link(ROAST, PALLET, "aggregated", "9"),
      ],
    });
    expect(graph.edges).toHaveLength(1);
    expect(graph.edges[0]).toMatchObject({ from: ROAST, to: PALLET, orderId: "9", unpacked: false });
  });

  it("shows a lone item as a single node", () => {
    expect(buildItemGraph({ item: item(GREEN), madeFrom: [], events: [], containers: [], contents: [] })).toEqual({
      nodes: [GREEN],
      edges: [],
    });
  });

  it("lays materials out left of what they became, one column per step, without overlaps", () => {
    const layout = layoutItemGraph(buildItemGraph(roastTrace));
    const step = Object.fromEntries(layout.nodes.map((node) => [node.id, node.step]));
    expect(step).toEqual({ [GREEN]: 0, [ROAST]: 1, [GROUND]: 2, [SHIPMENT]: 2 });
    const [ground, shipment] = [
      layout.nodes.find((n) => n.id === GROUND)!,
      layout.nodes.find((n) => n.id === SHIPMENT)!,
    ];
    expect(ground.x).toBe(shipment.x);
    expect(Math.abs(ground.y - shipment.y)).toBeGreaterThanOrEqual(NODE_HEIGHT);
    for (const node of layout.nodes) {
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(node.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
      expect(node.y).toBeGreaterThanOrEqual(0);
    }
  });

  it("places a column after its longest chain of predecessors", () => {
    const layout = layoutItemGraph({
      nodes: [PALLET, SHIPMENT, ROAST],
      edges: [
        { from: ROAST, to: PALLET, kind: "packed", txHash: tx },
        { from: ROAST, to: SHIPMENT, kind: "packed", txHash: tx },
        { from: SHIPMENT, to: PALLET, kind: "packed", txHash: tx },
      ],
    });
    expect(layout.nodes.map((node) => [node.id, node.step])).toEqual([
      [ROAST, 0],
      [SHIPMENT, 1],
      [PALLET, 2],
    ]);
  });

  it("lays the same steps out as rows for a phone, each row centred under the widest", () => {
    const across = layoutItemGraph(buildItemGraph(roastTrace));
    const down = layoutItemGraph(buildItemGraph(roastTrace), "down");
    expect(down.nodes.map((node) => [node.id, node.step])).toEqual(across.nodes.map((node) => [node.id, node.step]));
    expect(down.width).toBe(8 + NODE_WIDTH + 16 + NODE_WIDTH + 8);
    expect(down.height).toBe(8 + 3 * NODE_HEIGHT + 2 * 48 + 8);
    const green = down.nodes.find((node) => node.id === GREEN)!;
    expect(green).toMatchObject({ x: (down.width - NODE_WIDTH) / 2, y: 8 });
  });

  it("draws an edge from the far side of one box to the near side of the next", () => {
    const [from, to] = [
      { id: GREEN, step: 0, x: 0, y: 0 },
      { id: ROAST, step: 1, x: 310, y: 88 },
    ];
    expect(edgePath(from, to)).toBe(`M ${NODE_WIDTH} ${NODE_HEIGHT / 2} C 270 30, 270 118, 310 118`);
    expect(edgePath(from, { ...to, x: 0, y: 108 }, "down")).toBe(`M 115 ${NODE_HEIGHT} C 115 84, 115 84, 115 108`);
  });
});
