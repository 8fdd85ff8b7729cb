import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { placeNativeOrder, publishListing, useCommerce } from "./fixtures/commerce.ts";

describe("smoke", async () => {
  const { load } = await useCommerce();
  it("places an order", async () => {
    const f = await load();
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    assert.equal(orderId, 1n);
    assert.equal(terms.total, 10n ** 15n);
  });
});
