import { useParams } from "react-router";
import type { Hex } from "viem";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ItemLookupForm } from "./ItemLookupForm.tsx";
import { ItemTraceView } from "./ItemTraceView.tsx";
import "../../styles/provenance.css";

/** `/provenance`: find an item; `/provenance/:itemId`: its trace. */
export function ProvenancePage() {
  const { itemId } = useParams() as { itemId?: Hex };
  usePageTitle(itemId ? "Item provenance" : "Provenance");
  return (
    <section className="page provenance">
      <h1>Provenance</h1>
      <p>
        Trace a physical item from its origin to its buyer: every step the ledger recorded, who held it, and what it was
        made from and shipped in.
      </p>
      <ItemLookupForm key={`lookup-${itemId}`} initial={itemId} />
      {itemId && <ItemTraceView key={`trace-${itemId}`} itemId={itemId} />}
    </section>
  );
}
