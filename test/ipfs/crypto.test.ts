import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DecryptionError } from "../../sdk/crypto/errors.ts";
import { generateEncryptionKeyPair, open, seal } from "../../sdk/crypto/sealed-box.ts";
import { decryptShippingDetails, encryptShippingDetails } from "../../sdk/crypto/shipping.ts";
import { parseDocument } from "../../sdk/metadata/parse.ts";
import { encryptedShippingDetails } from "../../sdk/metadata/shipping.ts";

const address = {
  recipient: "Ada Lovelace",
  addressLines: ["12 St James's Square"],
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

function flipFirstByte(base64url: string): string {
  const bytes = Buffer.from(base64url, "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString("base64url");
}

describe("encrypted shipping details", () => {
  const merchant = generateEncryptionKeyPair();

  it("round-trips for the merchant and stores no plaintext", () => {
    const document = encryptShippingDetails(merchant.publicKey, address);
    assert.doesNotMatch(JSON.stringify(document), /Lovelace|London/);
    const stored = parseDocument(encryptedShippingDetails, JSON.stringify(document));
    assert.deepEqual(decryptShippingDetails(merchant.secretKey, stored), address);
  });

  it("gives a fresh ephemeral key and nonce every time", () => {
    const a = encryptShippingDetails(merchant.publicKey, address);
    const b = encryptShippingDetails(merchant.publicKey, address);
    assert.notEqual(a.ephemeralPublicKey, b.ephemeralPublicKey);
    assert.notEqual(a.ciphertext, b.ciphertext);
  });

  it("cannot be opened with another key", () => {
    const document = encryptShippingDetails(merchant.publicKey, address);
    assert.throws(() => decryptShippingDetails(generateEncryptionKeyPair().secretKey, document), DecryptionError);
  });

  it("detects tampering with the ciphertext, the nonce or the ephemeral key", () => {
    const document = encryptShippingDetails(merchant.publicKey, address);
    for (const field of ["ciphertext", "nonce", "ephemeralPublicKey"] as const) {
      assert.throws(
        () => decryptShippingDetails(merchant.secretKey, { ...document, [field]: flipFirstByte(document[field]) }),
        DecryptionError,
        field,
      );
    }
  });

  it("binds a box to its context so it cannot be reused as another document kind", () => {
    const box = seal(merchant.publicKey, new TextEncoder().encode("secret"), "commerce-ledger/encrypted-shipping@1");
    assert.equal(
      new TextDecoder().decode(open(merchant.secretKey, box, "commerce-ledger/encrypted-shipping@1")),
      "secret",
    );
    assert.throws(() => open(merchant.secretKey, box, "commerce-ledger/other@1"), DecryptionError);
  });

  it("refuses to encrypt an invalid address, naming the field", () => {
    assert.throws(() => encryptShippingDetails(merchant.publicKey, { ...address, country: "UK1" }), /country/);
  });
});
