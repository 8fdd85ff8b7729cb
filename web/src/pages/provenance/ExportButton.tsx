import type { Hex } from "viem";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { graphqlRequest } from "../../lib/graphql/client.ts";
import { saveFile } from "../../lib/save-file.ts";
import { PROVENANCE_EXPORT_QUERY } from "./provenance-queries.ts";

/** Downloads the trace as an EPCIS 2.0 JSON-LD document (public, like the trace itself). */
export function ExportButton({ itemId, fileName }: { itemId: Hex; fileName: string }) {
  const { busy, error, run } = useAsyncAction();
  const download = async () => {
    const { provenanceExport } = await graphqlRequest<{ provenanceExport: unknown }>(PROVENANCE_EXPORT_QUERY, {
      itemId,
    });
    saveFile(new Blob([JSON.stringify(provenanceExport, null, 2)], { type: "application/ld+json" }), fileName);
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
