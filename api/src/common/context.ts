import type { Session } from "../auth/session-tokens.ts";
import type { Loaders } from "./loaders.ts";

/** What every resolver receives. */
export interface ApiContext {
  loaders: Loaders;
  /** The caller's session from `Authorization: Bearer <token>`, verified once per request; null when absent. */
  session: () => Promise<Session | null>;
}
