import { Link } from "react-router";
import type { Hex } from "viem";
import { shortAddress } from "../../lib/format.ts";
import type { TraceItem } from "./provenance-queries.ts";
import { describeEpc } from "./vocabulary.ts";

/** The short name of an item: its EPC in words when known, else its id shortened. */
export function itemName(id: Hex, items: ReadonlyMap<Hex, TraceItem>): string {
  const item = items.get(id);
  return item ? describeEpc(item.epc) : `Item ${shortAddress(id)}`;
}

/** A link to another item's trace. */
export function ItemLink({ id, items }: { id: Hex; items: ReadonlyMap<Hex, TraceItem> }) {
  return (
    <Link to={`/provenance/${id}`} title={items.get(id)?.epc ?? id}>
      {itemName(id, items)}
    </Link>
  );
}
