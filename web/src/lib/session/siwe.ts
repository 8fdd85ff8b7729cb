import type { Address, WalletClient } from "viem";
import { createSiweMessage } from "viem/siwe";
import { graphqlRequest } from "../graphql/client.ts";

export interface Session {
  token: string;
  address: Address;
  expiresAt: string;
}

const NONCE = /* GraphQL */ `mutation { nonce { nonce domain uri chainId } }`;
const SIGN_IN = /* GraphQL */ `
  mutation SignIn($message: String!, $signature: String!) {
    signIn(message: $message, signature: $signature) { token address expiresAt }
  }
`;
const SIGN_OUT = /* GraphQL */ `mutation { signOut }`;

/**
 * Sign-In With Ethereum: the API's nonce, an EIP-4361 message with exactly its domain, URI and chain, the
 * wallet's signature.
 */
export async function signInWithEthereum(wallet: WalletClient, address: Address): Promise<Session> {
  const { nonce } = await graphqlRequest<{ nonce: { nonce: string; domain: string; uri: string; chainId: number } }>(
    NONCE,
  );
  const message = createSiweMessage({
    ...nonce,
    address,
    version: "1",
    statement: "Sign in to the commerce ledger storefront to see your orders.",
  });
  const signature = await wallet.signMessage({ account: address, message });
  const { signIn } = await graphqlRequest<{ signIn: Session }>(SIGN_IN, { message, signature });
  return signIn;
}

export async function signOut(token: string): Promise<void> {
  await graphqlRequest(SIGN_OUT, {}, { token });
}
