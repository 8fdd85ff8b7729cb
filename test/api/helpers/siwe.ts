import { SiweMessage } from "siwe";
import type { LocalAccount } from "viem";
import { gql } from "./graphql.ts";

/** The domain and URI the test APIs are started with (SIWE_DOMAIN, SIWE_URI). */
export const SIWE_DOMAIN = "shop.example";
export const SIWE_URI = "https://shop.example";

export type SiweFields = Partial<ConstructorParameters<typeof SiweMessage>[0] & object>;

/** An EIP-4361 message for `address` with a fresh nonce from the API at `url`; `overrides` replace any field. */
export async function siweMessage(url: string, address: string, overrides: SiweFields = {}): Promise<string> {
  const { nonce } = (await gql(url, "mutation { nonce { nonce } }")).data!.nonce as { nonce: string };
  return new SiweMessage({
    domain: SIWE_DOMAIN,
    address,
    uri: SIWE_URI,
    version: "1",
    chainId: 31337,
    nonce,
    issuedAt: new Date().toISOString(),
    statement: "Sign in to the ledger",
    ...overrides,
  }).prepareMessage();
}

export const signIn = (url: string, message: string, signature: string) =>
  gql(url, "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token address expiresAt } }", {
    m: message,
    s: signature,
  });

/** A session token of `account` from the API at `url` (a fresh SIWE message, signed and sent). */
export async function sessionToken(url: string, account: LocalAccount): Promise<string> {
  const message = await siweMessage(url, account.address);
  const result = await signIn(url, message, await account.signMessage({ message }));
  if (!result.data?.signIn) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  return result.data.signIn.token as string;
}
