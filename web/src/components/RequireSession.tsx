import { useState, type ReactNode } from "react";
import { describeError } from "../lib/errors/describe-error.ts";
import { useSession } from "../lib/session/SessionContext.tsx";
import { Notice } from "./Notice.tsx";
import { RequireWallet } from "./RequireWallet.tsx";

/** Renders its children for a signed-in account (Sign-In With Ethereum); otherwise offers to sign in. */
export function RequireSession({ action, children }: { action: string; children: ReactNode }) {
  const { session, signIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = () => {
    setBusy(true);
    setError(undefined);
    signIn()
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <RequireWallet action={action}>
      {session ? (
        children
      ) : (
        <Notice title="Sign in to continue">
          <p>To {action}, sign a message with your wallet. It proves you hold the account and costs nothing.</p>
          <button type="button" className="button--primary" onClick={start} disabled={busy}>{busy ? "Waiting for your wallet…" : "Sign in with Ethereum"}</button>
          {error && <p role="alert" className="error-text">{error}</p>}
        </Notice>
      )}
    </RequireWallet>
  );
}
