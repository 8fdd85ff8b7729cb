import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { storeImage } from "../../sdk/metadata/image.ts";
import { listingMetadata } from "../../sdk/metadata/listing.ts";
import { merchantProfile } from "../../sdk/metadata/merchant-profile.ts";
import { parseDocument } from "../../sdk/metadata/parse.ts";
import { provenanceEvidence } from "../../sdk/metadata/provenance.ts";
import { review } from "../../sdk/metadata/review.ts";
import type { ValidationError } from "../../sdk/errors.ts";
import type { MetadataInvalidError } from "../../sdk/metadata/errors.ts";
import { HELLO_WORLD_CID_V1, startTestNode, type TestNode } from "./fixture.ts";

const image = {
  cid: HELLO_WORLD_CID_V1,
  mediaType: "image/png",
  width: 800,
  height: 600,
  bytes: 12_345,
  alt: "A blue mug",
  thumbnail: { cid: HELLO_WORLD_CID_V1, width: 320, height: 240 },
};

const listing = {
  schema: "commerce-ledger/listing@1",
  title: "Blue mug",
  description: "Stoneware, 300 ml.",
  categoryPath: ["Home", "Kitchen", "Mugs"],
  attributes: [{ name: "colour", value: "blue" }],
  images: [image],
  shippingRegions: ["DE", "FR"],
  returnPolicy: { accepted: true, windowDays: 30, buyerPaysReturnShipping: false },
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.equal((error as MetadataInvalidError).name, "MetadataInvalidError");
    return (error as MetadataInvalidError).violations.map((violation: ValidationError) => violation.field);
  }
  assert.fail("expected a MetadataInvalidError");
}

function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 80, b: 200 } } })
    .png()
    .toBuffer();
}

describe("metadata documents", () => {
  it("accepts a valid listing from JSON bytes", () => {
    const parsed = parseDocument(listingMetadata, new TextEncoder().encode(JSON.stringify(listing)));
    assert.deepEqual(parsed.categoryPath, ["Home", "Kitchen", "Mugs"]);
  });

  it("lists every violation of a listing by field path", () => {
    const broken = {
      ...listing,
      title: "",
      images: [{ ...image, alt: " ", cid: "Qm-not-a-cid", mediaType: "image/gif" }],
      shippingRegions: ["germany"],
      returnPolicy: { ...listing.returnPolicy, windowDays: 400 },
    };
    assert.deepEqual(fieldsOf(() => parseDocument(listingMetadata, broken, "listing metadata")).sort(), [
      "images.0.alt",
      "images.0.cid",
      "images.0.mediaType",
      "returnPolicy.windowDays",
      "shippingRegions.0",
      "title",
    ]);
  });

  it("rejects a document of another schema version and text that is not JSON", () => {
    assert.deepEqual(
      fieldsOf(() => parseDocument(listingMetadata, { ...listing, schema: "commerce-ledger/listing@2" })),
      ["schema"],
    );
    assert.deepEqual(
      fieldsOf(() => parseDocument(listingMetadata, "{title:")),
      ["(document)"],
    );
  });

  it("requires a merchant profile to declare its encryption key", () => {
    const profile = { schema: "commerce-ledger/merchant-profile@1", name: "Mugs & Co" };
    assert.deepEqual(
      fieldsOf(() => parseDocument(merchantProfile, profile)),
      ["encryptionKey"],
    );
    const withKey = {
      ...profile,
      encryptionKey: {
        algorithm: "x25519-hkdf-sha256-xchacha20poly1305",
        publicKey: Buffer.alloc(32, 7).toString("base64url"),
      },
    };
    assert.equal(parseDocument(merchantProfile, withKey).name, "Mugs & Co");
  });

  it("checks reviews and provenance evidence", () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseDocument(review, { schema: "commerce-ledger/review@1", orderId: "0x1", rating: 6, body: "" }),
      ).sort(),
      ["orderId", "rating"],
    );
    const evidence = {
      schema: "commerce-ledger/provenance-evidence@1",
      itemId: "mug-0001",
      step: "shipped",
      description: "Handed to carrier",
      occurredAt: "2026-05-01T10:00:00Z",
      attachments: [{ cid: HELLO_WORLD_CID_V1, mediaType: "application/pdf" }],
    };
    assert.equal(parseDocument(provenanceEvidence, evidence).step, "shipped");
    assert.deepEqual(
      fieldsOf(() => parseDocument(provenanceEvidence, { ...evidence, occurredAt: "yesterday" })),
      ["occurredAt"],
    );
  });
});

describe("listing images", () => {
  let node: TestNode;
  before(async () => (node = await startTestNode()));
  after(() => node.close());

  it("stores a PNG and a WebP thumbnail under its own CID", async () => {
    const png = await pngOf(1200, 600);
    const ref = await storeImage(node.client, png, "A blue mug");
    assert.equal(ref.mediaType, "image/png");
    assert.deepEqual([ref.width, ref.height], [1200, 600]);
    assert.notEqual(ref.thumbnail.cid, ref.cid);
    assert.deepEqual([ref.thumbnail.width, ref.thumbnail.height], [320, 160]);
    const thumbnail = await sharp(await node.client.cat(ref.thumbnail.cid)).metadata();
    assert.equal(thumbnail.format, "webp");
    assert.deepEqual(await node.client.cat(ref.cid), png);
  });

  it("detects the real type from the bytes, not the name or a claim", async () => {
    const jpeg = await sharp(await pngOf(10, 10))
      .jpeg()
      .toBuffer();
    assert.equal((await storeImage(node.client, jpeg, "jpeg")).mediaType, "image/jpeg");
    const webp = await sharp(await pngOf(10, 10))
      .webp()
      .toBuffer();
    assert.equal((await storeImage(node.client, webp, "webp")).mediaType, "image/webp");
    const gif = Buffer.from("R0lGODlhAQABAAAAACw=", "base64");
    await assert.rejects(storeImage(node.client, gif, "gif", { field: "images.0" }), (error: ValidationError) => {
      assert.equal(error.field, "images.0");
      assert.match(error.message, /the bytes are image\/gif/);
      return true;
    });
    await assert.rejects(
      storeImage(node.client, new TextEncoder().encode("%PDF-1.7"), "pdf"),
      /the bytes are application\/pdf/,
    );
  });

  it("rejects an oversized file and a truncated image", async () => {
    const png = await pngOf(50, 50);
    await assert.rejects(
      storeImage(node.client, png, "big", { limits: { maxBytes: 100, thumbnailSize: 32 } }),
      /over the limit of 100/,
    );
    await assert.rejects(storeImage(node.client, png.subarray(0, 40), "cut"), /not a decodable image/);
  });
});
