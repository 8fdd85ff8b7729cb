import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { ValidationError } from "../errors.ts";
import { DecryptionError } from "./errors.ts";

/** ECIES: ephemeral X25519 ECDH, HKDF-SHA256, XChaCha20-Poly1305 (all from the audited noble libraries). */
export const SEALED_BOX_ALGORITHM = "x25519-hkdf-sha256-xchacha20poly1305";

export interface SealedBox {
  ephemeralPublicKey: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

export interface EncryptionKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function generateEncryptionKeyPair(): EncryptionKeyPair {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/**
 * Encrypts for the holder of `recipientPublicKey` only. `context` (e.g. the document schema) is
 * bound into the key and authenticated, so a box cannot be replayed as another kind of document.
 */
export function seal(recipientPublicKey: Uint8Array, plaintext: Uint8Array, context: string): SealedBox {
  if (recipientPublicKey.length !== 32) throw new ValidationError("publicKey", "must be a 32-byte X25519 key");
  const ephemeral = generateEncryptionKeyPair();
  const key = deriveKey(
    x25519.getSharedSecret(ephemeral.secretKey, recipientPublicKey),
    ephemeral.publicKey,
    recipientPublicKey,
    context,
  );
  const nonce = randomBytes(24);
  const ciphertext = xchacha20poly1305(key, nonce, aad(context, ephemeral.publicKey)).encrypt(plaintext);
  return { ephemeralPublicKey: ephemeral.publicKey, nonce, ciphertext };
}

/** Opens a box sealed for `secretKey`; throws DecryptionError on a wrong key or any altered byte. */
export function open(secretKey: Uint8Array, box: SealedBox, context: string): Uint8Array {
  try {
    const publicKey = x25519.getPublicKey(secretKey);
    const key = deriveKey(
      x25519.getSharedSecret(secretKey, box.ephemeralPublicKey),
      box.ephemeralPublicKey,
      publicKey,
      context,
    );
    return xchacha20poly1305(key, box.nonce, aad(context, box.ephemeralPublicKey)).decrypt(box.ciphertext);
  } catch (cause) {
    throw new DecryptionError("cannot decrypt: wrong key or the sealed data was altered", { cause });
  }
}

function deriveKey(
  shared: Uint8Array,
  ephemeralPublicKey: Uint8Array,
  recipientPublicKey: Uint8Array,
  context: string,
): Uint8Array {
  // Both public keys go into the salt so the key is bound to this exact sender/recipient pair.
  const salt = new Uint8Array([...ephemeralPublicKey, ...recipientPublicKey]);
  return hkdf(sha256, shared, salt, label(context), 32);
}

function aad(context: string, ephemeralPublicKey: Uint8Array): Uint8Array {
  return new Uint8Array([...label(context), ...ephemeralPublicKey]);
}

function label(context: string): Uint8Array {
  return new TextEncoder().encode(`${SEALED_BOX_ALGORITHM}/${context}`);
}
