import type { ReactNode } from "react";
import { useSession } from "../lib/session/SessionContext.tsx";
import { Notice } from "./Notice.tsx";
import { RequireWallet } from "./RequireWallet.tsx";
import { useAsyncAction } from "./useAsyncAction.ts";

/** Renders its children for a signed-in account (Sign-In With Ethereum); otherwise offers to sign in. */
export function RequireSession({ action, children }: { action: string; children: ReactNode }) {
  const { session, signIn } = useSession();
  const { busy, error, run } = useAsyncAction();
  return (
    <RequireWallet action={action}>
      {session ? (
        children
      ) : (
        <Notice title="Sign in to continue">
          <p>To {action}, sign a message with your wallet. It proves you hold the account and costs nothing.</p>
          <button
            type="button"
            className="button--primary"
            onClick={() => void run("sign-in", signIn)}
            disabled={Boolean(busy)}
          >
            {busy ? "Waiting for your wallet…" : "Sign in with Ethereum"}
          </button>
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
        </Notice>
      )}
    </RequireWallet>
  );
}
