import { useState, type FormEvent } from "react";
import { Notice } from "../../components/Notice.tsx";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { addJsonToIpfs, addToIpfs } from "../../lib/ipfs.ts";
import { openDispute, type Actor } from "../../lib/orders/order-actions.ts";
import type { Order } from "../../lib/orders/order-queries.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";

/** Opens a dispute: the claim and an optional photo or document go to IPFS, the evidence CID to the escrow. */
export function DisputeForm({ actor, order }: { actor: Actor; order: Order }) {
  const [open, setOpen] = useState(false);
  const [claim, setClaim] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAsyncAction();
  const token = useSession().session?.token;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Report a problem (open a dispute)
      </button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run("dispute", async () => {
      const attachments = file
        ? [
            {
              cid: await addToIpfs(file, file.name, token),
              mediaType: file.type || "application/octet-stream",
              description: file.name,
            },
          ]
        : [];
      const evidence = { orderId: order.id, claim: claim.trim(), attachments };
      const evidenceCid = await addJsonToIpfs(evidence, "evidence.json", token);
      await openDispute(actor, order, evidenceCid);
    });
  };
  return (
    <form className="dispute-form" onSubmit={submit}>
      <fieldset disabled={Boolean(busy)}>
        <legend>Open a dispute</legend>
        <p className="muted">
          An arbiter of the consortium decides how the escrowed payment is split. Describe what went wrong.
        </p>
        <label className="field">
          <span>What went wrong</span>
          <textarea
            required
            maxLength={5000}
            rows={4}
            value={claim}
            onChange={(event) => setClaim(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Evidence (photo or PDF, optional)</span>
          <input
            type="file"
            accept="image/*,application/pdf"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit">{busy ? "Opening the dispute…" : "Open dispute"}</button>
      </fieldset>
      {error && <Notice tone="error">{error}</Notice>}
    </form>
  );
}
