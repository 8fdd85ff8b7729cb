import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { eq } from "drizzle-orm";
import { metadataDocuments } from "../../indexer/src/store/schema.ts";

const { DocumentsService } = await import("../../api/dist/documents/documents.service.js");
const { readApiConfig } = await import("../../api/dist/config.js");

/** One more than the service keeps. */
const LISTING_DOCUMENTS = 10_001;
const cidOf = (index: number) => `bafkreilisting${index}`;

describe("documents by CID", () => {
  let database: Database;

  before(async () => {
    database = await openDatabase("memory://");
    const rows = Array.from({ length: LISTING_DOCUMENTS }, (_, index) => ({
      cid: cidOf(index),
      kind: "listing",
      status: "OK",
      document: { title: `product ${index}` },
    }));
    for (let start = 0; start < rows.length; start += 1000)
      await database.db.insert(metadataDocuments).values(rows.slice(start, start + 1000));
    await database.db.insert(metadataDocuments).values([
      { cid: "bafkreipending", kind: "listing", status: "PENDING" },
      { cid: "bafkreireview", kind: "review", status: "OK", document: { title: "first" } },
    ]);
  });
  after(() => database?.close());

  const service = () => new DocumentsService(database, readApiConfig({ SESSION_SECRET: "x".repeat(32) }));
  const titles = (rows: ({ document: unknown } | undefined)[]) =>
    rows.map((row) => (row?.document as { title?: string } | null)?.title ?? null);

  it("answers a kept document even when the same read's new rows push it out of memory", async () => {
    const documents = service();
    const everyButLast = Array.from({ length: LISTING_DOCUMENTS - 1 }, (_, index) => cidOf(index));
    await documents.byCids(everyButLast);
    assert.ok(documents.resolved(cidOf(0)), "the oldest is kept before the next read");
    const rows = await documents.byCids([cidOf(0), cidOf(LISTING_DOCUMENTS - 1), "bafkreiabsent"]);
    assert.deepEqual(titles(rows), ["product 0", `product ${LISTING_DOCUMENTS - 1}`, null]);
    assert.equal(documents.resolved(cidOf(0)), undefined, "the read made room by forgetting the oldest");
  });

  it("keeps resolved listing documents only: a pending one, or another kind, is read again", async () => {
    const documents = service();
    const [pending, review] = await documents.byCids(["bafkreipending", "bafkreireview"]);
    assert.equal(pending?.status, "PENDING");
    assert.equal(review?.status, "OK");
    assert.equal(documents.resolved("bafkreipending"), undefined);
    assert.equal(documents.resolved("bafkreireview"), undefined);
    await database.db
      .update(metadataDocuments)
      .set({ status: "OK", document: { title: "resolved" } })
      .where(eq(metadataDocuments.cid, "bafkreipending"));
    assert.deepEqual(titles(await documents.byCids(["bafkreipending"])), ["resolved"]);
    assert.ok(documents.resolved("bafkreipending"));
  });
});
