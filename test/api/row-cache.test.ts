import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RowCache } from "../../api/src/common/row-cache.ts";
import { productRows, type ListingRow } from "../../api/src/listings/listing-query.ts";

const row = (listingId: string, sku: string, remaining = "1") =>
  ({ listingId, merchant: "0xmerchant", sku, remaining }) as ListingRow;
const changeOf = (...rows: ListingRow[]) =>
  rows.map((changed) => ({ typename: "Product", id: `0xmerchant:${changed.sku}` }));
class ProductRowCache extends RowCache<ListingRow> {
  constructor(capacity: number, maxAgeMs: number) {
    super(capacity, maxAgeMs, productRows);
  }
}

describe("RowCache: product rows kept until a change under their product", () => {
  it("evicts the rows of the product a change names, and keeps the others", () => {
    const cache = new ProductRowCache(10, 60_000);
    cache.remember(cache.position, row("0xa", "1"));
    cache.remember(cache.position, row("0xb", "2"));
    cache.evict([{ typename: "Listing", id: "0xb" }]);
    assert.equal(cache.get("0xb")?.listingId, "0xb", "a listing entity alone names no product");
    cache.evict(changeOf(row("0xb", "2")));
    assert.deepEqual([cache.get("0xa")?.listingId, cache.get("0xb")], ["0xa", undefined]);
    cache.evict("all");
    assert.equal(cache.size, 0);
  });

  it("drops a row whose read a change of its product overtook, not one another product's change did", () => {
    const cache = new ProductRowCache(10, 60_000);
    const readAt = cache.position;
    cache.evict(changeOf(row("0xother", "9")));
    cache.remember(readAt, row("0xa", "1"));
    assert.equal(cache.get("0xa")?.listingId, "0xa");
    const again = cache.position;
    cache.evict(changeOf(row("0xa2", "1")));
    cache.remember(again, row("0xa", "1", "2"));
    assert.equal(cache.get("0xa"), undefined, "read before its product changed: may be stale");
  });

  it("answers a row for at most its maximum age", () => {
    const cache = new ProductRowCache(10, 1_000);
    cache.remember(cache.position, row("0xa", "1"), 5_000);
    assert.equal(cache.get("0xa", 5_999)?.listingId, "0xa");
    assert.equal(cache.get("0xa", 6_000), undefined);
    assert.equal(cache.size, 0);
  });

  it("holds at most its capacity, forgetting the oldest first", () => {
    const cache = new ProductRowCache(2, 60_000);
    for (const [i, id] of ["0xa", "0xb", "0xc"].entries()) cache.remember(cache.position, row(id, String(i)));
    assert.deepEqual(
      ["0xa", "0xb", "0xc"].map((id) => cache.get(id)?.listingId),
      [undefined, "0xb", "0xc"],
    );
  });

  it("evicts every row of its type for a change that names the type alone, and none for another type's", () => {
    const cache = new ProductRowCache(10, 60_000);
    cache.remember(cache.position, row("0xa", "1"));
    cache.remember(cache.position, row("0xb", "2"));
    cache.evict([{ typename: "Merchant" }, { typename: "Merchant", id: "0xmerchant:1" }]);
    assert.equal(cache.size, 2);
    cache.evict([{ typename: "Product" }]);
    assert.equal(cache.size, 0);
  });

  it("reads through: kept rows as they are, the missing read once, in order, kept unless overtaken", async () => {
    const cache = new ProductRowCache(10, 60_000);
    cache.remember(cache.position, row("0xb", "2"));
    const asked: string[][] = [];
    const rows = await cache.readThrough(["0xa", "0xb", "0xc"], async (missing) => {
      asked.push(missing);
      cache.evict(changeOf(row("0xc", "3")));
      return missing.map((id) => (id === "0xa" ? row("0xa", "1") : row("0xc", "3")));
    });
    assert.deepEqual(asked, [["0xa", "0xc"]]);
    assert.deepEqual(
      rows.map((found) => found?.listingId),
      ["0xa", "0xb", "0xc"],
    );
    assert.deepEqual([cache.get("0xa")?.listingId, cache.get("0xc")], ["0xa", undefined], "0xc changed while read");
    assert.deepEqual(await cache.readThrough(["0xa", "0xb"], async () => assert.fail("nothing is missing")), [
      row("0xa", "1"),
      row("0xb", "2"),
    ]);
  });
});
