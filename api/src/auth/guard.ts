import type { ApiContext } from "../common/context.ts";
import { UnauthenticatedError } from "../errors.ts";
import type { Session } from "./session-tokens.ts";

/** The signed-in session, or UNAUTHENTICATED: the guard of every field that needs a signed-in account. */
export async function requireSession(context: ApiContext): Promise<Session> {
  const session = await context.session();
  if (!session) throw new UnauthenticatedError("sign in with Ethereum first (nonce, then signIn)");
  return session;
}
