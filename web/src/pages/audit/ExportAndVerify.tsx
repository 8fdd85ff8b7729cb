import { useState } from "react";
import type { Hex } from "viem";
import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { ExportButton } from "../provenance/ExportButton.tsx";
import { ItemField } from "../provenance/ItemField.tsx";
import { VerifyUpload } from "./VerifyUpload.tsx";

/** The verifiable EPCIS export of an item, and the check of any export file against a node of the chain. */
export function ExportAndVerify() {
  const config = useStorefrontConfig();
  const [itemId, setItemId] = useState<Hex>();
  return (
    <section aria-labelledby="audit-export">
      <h2 id="audit-export">Verifiable export</h2>
      <p>
        Each event of the export carries its block, transaction, log and the receipt proof that places the log in the
        block. Anyone can check it with a node alone: here, or with <code>npm run auditor -- verify</code>.
      </p>
      <ItemField id="export-item" name="Export an item's trace" action="Prepare export" onItem={setItemId} />
      {itemId && <ExportButton itemId={itemId} fileName={`epcis-${itemId}.jsonld`} />}
      <VerifyUpload node={config.rpcUrl} provenance={config.contracts.provenance} />
    </section>
  );
}
