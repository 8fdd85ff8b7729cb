import { getAddress, type Address, type Hex } from "viem";
import { privateKeyToAccount, nonceManager, type PrivateKeyAccount } from "viem/accounts";
import { x25519 } from "@noble/curves/ed25519.js";
import type { EncryptionKeyPair } from "../../../sdk/crypto/sealed-box.ts";
import type { CliConfig } from "./config.ts";
import { KeystoreError } from "./errors.ts";
import { readPassword } from "./password.ts";

export interface Identity {
  /** The key that signs transactions and listings. */
  account: PrivateKeyAccount;
  /** The merchant it acts for: itself, or MERCHANT_ADDRESS when the key is the merchant's authorised signer. */
  merchant: Address;
  /** The shipping-decryption key, when the keystore or MERCHANT_ENCRYPTION_KEY provides one. */
  encryption?: EncryptionKeyPair;
}

/** The signing identity: MERCHANT_PRIVATE_KEY (plus MERCHANT_ENCRYPTION_KEY) if set, else the keystore. */
export async function loadIdentity(config: CliConfig): Promise<Identity> {
  const keys = config.MERCHANT_PRIVATE_KEY
    ? { privateKey: config.MERCHANT_PRIVATE_KEY as Hex, encryption: envEncryptionKey(config.MERCHANT_ENCRYPTION_KEY) }
    : await (await import("./keystore.ts")).openKeystore(
        config.MERCHANT_KEYSTORE,
        await readPassword(config.MERCHANT_PASSWORD),
      ); // ethers' keystore only when used
  // The nonce manager lets a batch of transactions go out before the first is mined.
  const account = privateKeyToAccount(keys.privateKey, { nonceManager });
  return {
    account,
    merchant: config.MERCHANT_ADDRESS ? getAddress(config.MERCHANT_ADDRESS) : account.address,
    encryption: keys.encryption,
  };
}

function envEncryptionKey(secret: string | undefined): EncryptionKeyPair | undefined {
  if (secret === undefined) return undefined;
  const secretKey = Buffer.from(secret, "base64url");
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function requireEncryptionKey(identity: Identity): EncryptionKeyPair {
  if (identity.encryption) return identity.encryption;
  throw new KeystoreError(
    "MERCHANT_ENCRYPTION_KEY: is not set; " +
      "with MERCHANT_PRIVATE_KEY it is needed to declare or use the shipping-decryption key",
  );
}
