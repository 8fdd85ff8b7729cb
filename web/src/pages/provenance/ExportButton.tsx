import type { Hex } from "viem";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { graphqlRequest } from "../../lib/graphql/client.ts";
import { PROVENANCE_EXPORT_QUERY } from "./provenance-queries.ts";

/** Downloads the trace as an EPCIS 2.0 JSON-LD document (public, like the trace itself). */
export function ExportButton({ itemId, fileName }: { itemId: Hex; fileName: string }) {
  const { busy, error, run } = useAsyncAction();
  const download = async () => {
    const { provenanceExport } = await graphqlRequest<{ provenanceExport: unknown }>(PROVENANCE_EXPORT_QUERY, {
      itemId,
    });
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(provenanceExport, null, 2)], { type: "application/ld+json" }),
    );
    Object.assign(document.createElement("a"), { href: url, download: fileName }).click();
    // Firefox reads the blob after click() returns: revoking at once can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div>
      <button type="button" onClick={() => void run("export", download)} disabled={!!busy}>
        {busy ? "Preparing the export…" : "Download EPCIS 2.0 export (JSON-LD)"}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
