import { useState, type FormEvent } from "react";
import { createPublicClient, http } from "viem";
import type { ExportVerdict } from "../../../../sdk/proofs/verify-export.ts";
import { useAsyncAction } from "../../components/useAsyncAction.ts";

const PROBLEMS = {
  unproven: "No proof",
  "non-canonical": "Not on the canonical chain",
  tampered: "Altered",
  omitted: "Left out",
} as const;

/**
 * Checks an uploaded export in the browser against the node this site publishes (the page's security policy lets it
 * reach no other); `npm run auditor -- verify --rpc` checks against any node.
 */
export function VerifyUpload({ node }: { node: string | null }) {
  const [file, setFile] = useState<File>();
  const [verdict, setVerdict] = useState<ExportVerdict>();
  const { busy, error, run } = useAsyncAction();
  const verify = async () => {
    setVerdict(undefined);
    if (!file) throw new Error("Choose an export file (JSON-LD) to verify.");
    if (!node) throw new Error("This site publishes no node to verify against: use npm run auditor -- verify.");
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      throw new Error(`${file.name} is not JSON: an export is the JSON-LD file the Export button downloads.`);
    }
    // Loaded on use: the trie library and the verifier are needed by nobody else.
    const { verifyExport } = await import("../../../../sdk/proofs/verify-export.ts");
    setVerdict(await verifyExport(createPublicClient({ transport: http(node, { retryCount: 1 }) }), document));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run("verify", verify);
  };
  return (
    <form className="audit-verify" onSubmit={submit} aria-label="Verify an export">
      <h3>Verify an export</h3>
      <div className="field">
        <label htmlFor="verify-file">Export file</label>
        <input
          id="verify-file"
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          onChange={(event) => setFile(event.target.files?.[0])}
        />
      </div>
      <p className="muted">
        Checked against the chain's node at <code>{node ?? "(none published)"}</code>, not against this site's index. To
        use a node of your own: <code>npm run auditor -- verify export.jsonld --rpc &lt;url&gt;</code>.
      </p>
      <button type="submit" className="button--primary" disabled={!!busy}>
        {busy ? "Verifying…" : "Verify"}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {verdict && <Verdict verdict={verdict} />}
    </form>
  );
}

function Verdict({ verdict }: { verdict: ExportVerdict }) {
  const heading = `${verdict.events} events of item ${verdict.item}, checked through block ${verdict.checkedThrough}`;
  if (verdict.findings.length === 0) {
    return (
      <div role="status" className="audit-verdict audit-verdict--ok">
        <strong>Verified.</strong> Every event is proven on the canonical chain and says what its log says; none is left
        out. <span className="muted">{heading}</span>
      </div>
    );
  }
  return (
    <div role="status" className="audit-verdict audit-verdict--refused">
      <strong>Refused: {verdict.findings.length} finding(s).</strong> <span className="muted">{heading}</span>
      <ul>
        {verdict.findings.map((finding) => (
          <li key={`${finding.eventID}-${finding.detail}`} data-testid="verify-finding">
            <strong>{PROBLEMS[finding.problem]}</strong>
            {finding.eventID ? ` (${finding.eventID})` : ""}: {finding.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
