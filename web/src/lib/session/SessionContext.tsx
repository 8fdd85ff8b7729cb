import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useWallet } from "../wallet/WalletContext.tsx";
import { signInWithEthereum, signOut as revoke, type Session } from "./siwe.ts";

export interface SessionState {
  /** The session of the connected account, when it signed in and the session has not expired. */
  session: Session | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

const STORAGE_KEY = "storefront.session.v1";
const SessionContext = createContext<SessionState | null>(null);

function stored(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Session | null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const wallet = useWallet();
  const [saved, setSaved] = useState<Session | null>(stored);
  // A session belongs to one account: switching accounts in the wallet hides it until that account signs in.
  const session = saved && wallet.account === saved.address && Date.parse(saved.expiresAt) > Date.now() ? saved : null;

  const signIn = useCallback(async () => {
    if (!wallet.walletClient || !wallet.account) throw new Error("connect a wallet first");
    const next = await signInWithEthereum(wallet.walletClient, wallet.account);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSaved(next);
  }, [wallet.walletClient, wallet.account]);

  const signOut = useCallback(async () => {
    const token = saved?.token;
    localStorage.removeItem(STORAGE_KEY);
    setSaved(null);
    if (token) await revoke(token).catch(() => undefined);
  }, [saved]);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
