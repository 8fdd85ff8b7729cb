import { useState } from "react";
import type { Hex } from "viem";
import { describeError } from "../../lib/errors/describe-error.ts";
import { graphqlRequest } from "../../lib/graphql/client.ts";
import { PROVENANCE_EXPORT_QUERY } from "./provenance-queries.ts";

/** Downloads the trace as an EPCIS 2.0 JSON-LD document (public, like the trace itself). */
export function ExportButton({ itemId, fileName }: { itemId: Hex; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { provenanceExport } = await graphqlRequest<{ provenanceExport: unknown }>(PROVENANCE_EXPORT_QUERY, { itemId });
      const url = URL.createObjectURL(new Blob([JSON.stringify(provenanceExport, null, 2)], { type: "application/ld+json" }));
      const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
      link.click();
      // Firefox reads the blob after click() returns: revoking at once can cancel the download.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export">
      <button type="button" onClick={() => void download()} disabled={busy}>{busy ? "Preparing the export…" : "Download EPCIS 2.0 export (JSON-LD)"}</button>
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
