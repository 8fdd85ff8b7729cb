import { afterEach, describe, expect, it, vi } from "vitest";
import { toBase64Url } from "../../../../sdk/base64url.ts";
import { generateEncryptionKeyPair } from "../../../../sdk/crypto/sealed-box.ts";
import { decryptShippingDetails } from "../../../../sdk/crypto/shipping.ts";
import { sealShippingDetails } from "./seal-shipping.ts";

describe("sealShippingDetails", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uploads only a sealed document that the merchant's secret key opens", async () => {
    const merchant = generateEncryptionKeyPair();
    let uploaded = "";
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        uploaded = await ((init.body as FormData).get("file") as Blob).text();
        return new Response('{"Name":"shipping.json","Hash":"bafkreitest","Size":"1"}\n');
      }),
    );
    const details = {
      recipient: "Ada Lovelace",
      addressLines: ["12 St James's Square"],
      city: "London",
      postalCode: "SW1Y 4JH",
      country: "GB",
    };
    expect(await sealShippingDetails(toBase64Url(merchant.publicKey), details)).toBe("bafkreitest");
    expect(uploaded).not.toContain("Lovelace");
    expect(decryptShippingDetails(merchant.secretKey, JSON.parse(uploaded))).toEqual(details);
  });

  it("refuses an invalid address before anything is uploaded", async () => {
    const upload = vi.fn();
    vi.stubGlobal("fetch", upload);
    const details = {
      recipient: "Ada",
      addressLines: ["1 Road"],
      city: "London",
      postalCode: "1",
      country: "United Kingdom",
    };
    await expect(sealShippingDetails(toBase64Url(generateEncryptionKeyPair().publicKey), details)).rejects.toThrow(
      /country/,
    );
    expect(upload).not.toHaveBeenCalled();
  });
});
