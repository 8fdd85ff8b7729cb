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
    let authorization: string | null = null;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        uploaded = await ((init.body as FormData).get("file") as Blob).text();
        authorization = new Headers(init.headers).get("authorization");
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
    expect(await sealShippingDetails(toBase64Url(merchant.publicKey), details, "session-token")).toBe("bafkreitest");
    expect(authorization).toBe("Bearer session-token");
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
    await expect(
      sealShippingDetails(toBase64Url(generateEncryptionKeyPair().publicKey), details, "session-token"),
    ).rejects.toThrow(/country/);
    expect(upload).not.toHaveBeenCalled();
  });

  it("asks for a sign-in, and says plainly why the node refused an upload", async () => {
    const key = toBase64Url(generateEncryptionKeyPair().publicKey);
    const details = { recipient: "Ada", addressLines: ["1 Road"], city: "London", postalCode: "1", country: "GB" };
    await expect(sealShippingDetails(key, details, undefined)).rejects.toThrow("Sign in with Ethereum to upload.");
    const refuse = (status: number, Message: string) =>
      vi.stubGlobal("fetch", async () => Response.json({ Message, Code: 1, Type: "error" }, { status }));
    refuse(401, "session expired: sign in again");
    await expect(sealShippingDetails(key, details, "old")).rejects.toThrow("Your session has ended: sign in again.");
    refuse(429, "this account's 104857600 upload bytes a day are used up");
    await expect(sealShippingDetails(key, details, "t")).rejects.toThrow(
      "The upload was refused: this account's 104857600 upload bytes a day are used up.",
    );
  });
});
