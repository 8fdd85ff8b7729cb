import type { Hex } from "viem";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { saveFile } from "../../lib/save-file.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";

/**
 * Downloads the item's recall as CSV (GET /provenance/<id>/recall.csv): everything made from it, the containers
 * that carried it, the orders it was packed for, and their buyers when the signed-in account may see them.
 */
export function RecallButton({ itemId }: { itemId: Hex }) {
  const { session } = useSession();
  const { busy, error, run } = useAsyncAction();
  const download = async () => {
    const response = await fetch(`/provenance/${itemId}/recall.csv`, {
      headers: session ? { authorization: `Bearer ${session.token}` } : {},
    });
    if (!response.ok) throw new Error(`The recall could not be made: ${await response.text()}`);
    saveFile(await response.blob(), `recall-${itemId}.csv`);
  };
  return (
    <div>
      <button type="button" onClick={() => void run("recall", download)} disabled={!!busy}>
        {busy ? "Preparing the recall…" : "Download recall (CSV)"}
      </button>
      <p className="muted">
        Every item made from this one, the containers and orders that received them; buyers only for auditors and the
        selling merchant, signed in.
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
