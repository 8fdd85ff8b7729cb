import { useState, type FormEvent } from "react";
import { createPublicClient, http, isAddress, type Address } from "viem";
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
 * reach no other) and the Provenance contract the auditor names, prefilled with the one this site publishes;
 * `npm run auditor -- verify --rpc --contract` checks against any node.
 */
export function VerifyUpload({ node, provenance }: { node: string | null; provenance: Address }) {
  const [file, setFile] = useState<File>();
  const [contract, setContract] = useState<string>(provenance);
  const [verdict, setVerdict] = useState<ExportVerdict>();
  const { busy, error, run } = useAsyncAction();
  const verify = async () => {
    setVerdict(undefined);
    if (!file) throw new Error("Choose an export file (JSON-LD) to verify.");
    if (!node) throw new Error("This site publishes no node to verify against: use npm run auditor -- verify.");
    if (!isAddress(contract)) throw new Error("Provenance contract: enter the 0x address of the ledger's contract.");
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      throw new Error(`${file.name} is not JSON: an export is the JSON-LD file the Export button downloads.`);
    }
    // Loaded on use: the trie library and the verifier are needed by nobody else.
    const { verifyExport } = await import("../../../../sdk/proofs/verify-export.ts");
    const client = createPublicClient({ transport: http(node, { retryCount: 1 }) });
    setVerdict(await verifyExport(client, document, { provenance: contract }));
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
      <div className="field">
        <label htmlFor="verify-contract">Provenance contract</label>
        <input
          id="verify-contract"
          value={contract}
          spellCheck={false}
          onChange={(event) => setContract(event.target.value.trim())}
        />
      </div>
      <p className="muted">
        The export is checked as logs of this contract, never of the one the file names: confirm the address from the
        consortium's deployment record rather than from this site. Checked against the chain's node at{" "}
        <code>{node ?? "(none published)"}</code>, not against this site's index. To use a node of your own:{" "}
        <code>npm run auditor -- verify export.jsonld --rpc &lt;url&gt;</code>.
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
  const heading =
    `${verdict.events} events of item ${verdict.item}, complete through block ${verdict.completeThrough}, ` +
    `chain searched through block ${verdict.checkedThrough}`;
  const later = verdict.later.length > 0 && (
    <div data-testid="verify-later">
      <p>
        The trace has gained {verdict.later.length} event(s) since block {verdict.completeThrough}, which this export
        cannot hold: export again for a current trace.
      </p>
      <ul>
        {verdict.later.map((finding) => (
          <li key={finding.detail}>{finding.detail}</li>
        ))}
      </ul>
    </div>
  );
  if (verdict.findings.length === 0) {
    return (
      <div role="status" className="audit-verdict audit-verdict--ok">
        <strong>{later ? `Verified through block ${verdict.completeThrough} only.` : "Verified."}</strong> Every event
        is proven on the canonical chain and says what its log says; none is left out
        {later ? " up to that block" : ""}. <span className="muted">{heading}</span>
        {later}
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
      {later}
    </div>
  );
}
