import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { scrypt as nativeScrypt } from "node:crypto";
import { promisify } from "node:util";
import { decryptKeystoreJson, encryptKeystoreJson, scrypt, Wallet } from "ethers";
import { z } from "zod/v4";
import type { Address, Hex } from "viem";
import { toBase64Url } from "../../../sdk/base64url.ts";
import { generateEncryptionKeyPair, type EncryptionKeyPair } from "../../../sdk/crypto/sealed-box.ts";
import { KeystoreError } from "./errors.ts";

const SCHEMA = "commerce-ledger/merchant-keystore@1";

// Node's native scrypt opens a keystore in a fraction of the time of ethers' JavaScript one; same result.
const scryptAsync = promisify(nativeScrypt) as (
  password: Uint8Array,
  salt: Uint8Array,
  length: number,
  options: object,
) => Promise<Buffer>;
scrypt.register(
  async (password, salt, N, r, p, length) =>
    new Uint8Array(await scryptAsync(password, salt, length, { N, r, p, maxmem: 256 * N * r })),
);
const WRAP_INFO = new TextEncoder().encode(`${SCHEMA}/encryption-key`);

/**
 * The merchant keystore: the signing key as a standard Web3 Secret Storage (v3) document (any wallet can
 * import it), and the X25519 shipping-decryption key sealed under a key derived from the signing key, so
 * one password and one scrypt run open both.
 */
const keystoreFile = z.object({
  schema: z.literal(SCHEMA),
  address: z.string(),
  encryptionPublicKey: z.string(),
  wallet: z.record(z.string(), z.unknown()),
  encryptionKey: z.object({ nonce: z.string(), ciphertext: z.string() }),
});

export interface Keys {
  privateKey: Hex;
  encryption: EncryptionKeyPair;
}

export interface KeystoreSummary {
  path: string;
  address: Address;
  encryptionPublicKey: string;
}

/** Creates the keystore at `path` (never overwriting one) from `privateKey` or a fresh key. */
export async function createKeystore(path: string, password: string, privateKey?: Hex): Promise<KeystoreSummary> {
  if (existsSync(path)) throw new KeystoreError(`keystore: ${path} already exists; move it away to create a new one`);
  const wallet = privateKey ? new Wallet(privateKey) : Wallet.createRandom();
  const encryption = generateEncryptionKeyPair();
  const nonce = randomBytes(24);
  const ciphertext = xchacha20poly1305(wrapKey(wallet.privateKey as Hex), nonce).encrypt(encryption.secretKey);
  const document = {
    schema: SCHEMA,
    address: wallet.address,
    encryptionPublicKey: toBase64Url(encryption.publicKey),
    wallet: JSON.parse(await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password)),
    encryptionKey: { nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) },
  };
  mkdirSync(dirname(path), { recursive: true });
  // Written whole to a temporary file first, so a failure never leaves half a keystore behind.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return { path, address: wallet.address as Address, encryptionPublicKey: document.encryptionPublicKey };
}

/** Opens the keystore at `path`; a wrong password or a damaged file is a KeystoreError. */
export async function openKeystore(path: string, password: string): Promise<Keys> {
  const document = readKeystore(path);
  let privateKey: Hex;
  try {
    privateKey = (await decryptKeystoreJson(JSON.stringify(document.wallet), password)).privateKey as Hex;
  } catch (cause) {
    throw new KeystoreError(`keystore: wrong password for ${path}`, { cause });
  }
  try {
    const { nonce, ciphertext } = document.encryptionKey;
    const secretKey = xchacha20poly1305(wrapKey(privateKey), Buffer.from(nonce, "base64url")).decrypt(
      Buffer.from(ciphertext, "base64url"),
    );
    return { privateKey, encryption: { secretKey, publicKey: x25519.getPublicKey(secretKey) } };
  } catch (cause) {
    throw new KeystoreError(`keystore: the encryption key in ${path} is damaged`, { cause });
  }
}

export function readKeystore(path: string): z.output<typeof keystoreFile> {
  if (!existsSync(path)) {
    throw new KeystoreError(`keystore: no keystore at ${path}; run \`merchant init\` or set MERCHANT_PRIVATE_KEY`);
  }
  const parsed = keystoreFile.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new KeystoreError(`keystore: ${path} is not a ${SCHEMA} file`, { cause: parsed.error });
  return parsed.data;
}

function wrapKey(privateKey: Hex): Uint8Array {
  return hkdf(sha256, Buffer.from(privateKey.slice(2), "hex"), undefined, WRAP_INFO, 32);
}
