import { usePageTitle } from "../../components/usePageTitle.ts";
import { EventQuery } from "./EventQuery.tsx";
import { ExportAndVerify } from "./ExportAndVerify.tsx";
import { RecallView } from "./RecallView.tsx";
import "../../styles/provenance.css";
import "../../styles/audit.css";

/** `/audit`: what an auditor asks of the ledger, and the check of an export that needs no trust in this site. */
export function AuditPage() {
  usePageTitle("Audit");
  return (
    <section className="page provenance audit">
      <h1>Audit</h1>
      <p>
        Query the provenance events every party recorded, follow a lot forward to the orders it reached, and check an
        export against a node of the chain, without trusting this site.
      </p>
      <EventQuery />
      <RecallView />
      <ExportAndVerify />
    </section>
  );
}
