import { usePageTitle } from "../../components/usePageTitle.ts";

export function ProvenancePage() {
  usePageTitle("Provenance");
  return (
    <section className="page">
      <h1>Provenance</h1>
      <p>Trace an item from its origin to its buyer.</p>
    </section>
  );
}
