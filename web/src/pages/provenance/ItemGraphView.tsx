import { useId } from "react";
import { useElementWidth } from "../../components/useElementWidth.ts";
import { Link } from "react-router";
import type { Hex } from "viem";
import { edgePath, layoutItemGraph, NODE_HEIGHT, NODE_WIDTH, type EdgeKind, type ItemGraph } from "./item-graph.ts";
import { ItemLink, itemName } from "./ItemLink.tsx";
import type { TraceItem } from "./provenance-queries.ts";

const LABEL_CHARS = 27;

/** How the list says an edge of each kind. */
const EDGE_VERBS: Record<EdgeKind, string> = { made: "was made into", packed: "was packed into" };

/**
 * What the item was made from and into, and what it travelled in: boxes in steps with arrows (a solid line
 * for "made into", dashed for "packed into", so the kinds differ without colour), each box a link to its own
 * trace. The list after it says the same in sentences for screen readers and narrow screens.
 */
export function ItemGraphView({
  graph,
  items,
  itemId,
}: {
  graph: ItemGraph;
  items: ReadonlyMap<Hex, TraceItem>;
  itemId: Hex;
}) {
  // React's ids contain characters that a url(#…) reference would have to escape.
  const ids = `graph${useId().replace(/[^\w-]/g, "")}`;
  const { ref, width } = useElementWidth<HTMLDivElement>(Infinity);
  const across = layoutItemGraph(graph);
  // Columns read best; a phone gets rows instead when the columns would not fit.
  const layout = across.width <= width ? across : layoutItemGraph(graph, "down");
  const placed = new Map(layout.nodes.map((node) => [node.id, node]));
  return (
    <figure className="item-graph">
      <div ref={ref} className="item-graph__canvas">
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG graph cannot be a fieldset */}
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          role="group"
          aria-labelledby={`${ids}-title`}
          data-testid="item-graph"
        >
          <title id={`${ids}-title`}>Items linked to {itemName(itemId, items)} by transformations and packing</title>
          <defs>
            <marker
              id={`${ids}-arrow`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="item-graph__arrow" />
            </marker>
            <clipPath id={`${ids}-inside`}>
              <rect width={NODE_WIDTH - 8} height={NODE_HEIGHT} />
            </clipPath>
          </defs>
          {graph.edges.map((edge) => (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG path is not focusable
            <path
              key={`${edge.kind}-${edge.from}-${edge.to}`}
              d={edgePath(placed.get(edge.from)!, placed.get(edge.to)!, layout.direction)}
              className={`item-graph__edge item-graph__edge--${edge.kind}`}
              markerEnd={`url(#${ids}-arrow)`}
              aria-hidden="true"
            />
          ))}
          {layout.nodes.map((node) => {
            const item = items.get(node.id);
            const current = node.id === itemId;
            const name = itemName(node.id, items);
            return (
              <Link
                key={node.id}
                to={`/provenance/${node.id}`}
                aria-label={`${name}${current ? " (this item)" : ""}`}
                aria-current={current ? "page" : undefined}
                data-testid="graph-node"
              >
                <g
                  className={`item-graph__node${current ? " item-graph__node--current" : ""}`}
                  transform={`translate(${node.x} ${node.y})`}
                >
                  <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="8" />
                  <text x="12" y="25" className="item-graph__name" clipPath={`url(#${ids}-inside)`}>
                    {truncate(name)}
                  </text>
                  <text x="12" y="46" className="item-graph__detail" clipPath={`url(#${ids}-inside)`}>
                    {truncate(current ? "this item" : (item?.listing?.title ?? item?.status ?? ""))}
                  </text>
                </g>
              </Link>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <p className="item-graph__legend" aria-hidden="true">
          <span className="item-graph__key item-graph__key--made" /> made into{" "}
          <span className="item-graph__key item-graph__key--packed" /> packed into
        </p>
        <h3 className="visually-hidden">The graph as a list</h3>
        {graph.edges.length === 0 ? (
          <p>{itemName(itemId, items)} was not made from other items, made into others or packed.</p>
        ) : (
          <ul className="item-graph__list" data-testid="graph-list">
            {graph.edges.map((edge) => (
              <li key={`${edge.kind}-${edge.from}-${edge.to}`}>
                <ItemLink id={edge.from} items={items} /> {EDGE_VERBS[edge.kind]}{" "}
                <ItemLink id={edge.to} items={items} />
                {edge.kind === "packed" && edge.orderId && <> for order #{edge.orderId}</>}
                {edge.kind === "packed" && (edge.unpacked ? ", later unpacked" : ", still inside")}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}

function truncate(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}
