import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NATIVE_TOKEN } from "../../sdk/eip712.ts";
import { PRICE, placeNativeOrder, publishListing, useCommerce } from "../fixtures/commerce.ts";
import { orderRequest, shipOrder, stockOf } from "../fixtures/orders.ts";

// F5 of the contract review: without a limit one buyer could reserve a merchant's whole stock and cancel
// later. A listing's `maxPerBuyer` caps the units one buyer holds in orders that have not given stock back.

describe("ListingRegistry per-buyer limit", async () => {
  const { load } = await useCommerce();

  it("refuses a buyer past the limit across orders, and counts each buyer apart", async () => {
    const f = await load();
    const { buyer, buyer2 } = f.accounts;
    const { listingId } = await publishListing(f, { quantity: 10n, maxPerBuyer: 2n });
    await placeNativeOrder(f, listingId, { quantity: 2n });
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      placeNativeOrder(f, listingId),
      f.listings,
      "ListingRegistryBuyerLimit",
      [listingId, buyer.account.address, 3n, 2n],
    );
    await placeNativeOrder(f, listingId, { quantity: 2n, buyer: buyer2 });
    assert.equal(await stockOf(f, listingId), 6n);
  });

  it("adds up duplicate lines of one listing in one order", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await publishListing(f, { maxPerBuyer: 2n });
    const lines = [
      { listingId, quantity: 1n },
      { listingId, quantity: 2n },
    ];
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest(lines, NATIVE_TOKEN, 3n * PRICE)], {
        account: buyer.account,
        value: 3n * PRICE,
      }),
      f.listings,
      "ListingRegistryBuyerLimit",
      [listingId, buyer.account.address, 3n, 2n],
    );
  });

  it("gives units back to the limit when an order returns its stock, not when it ships", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await publishListing(f, { maxPerBuyer: 1n });
    const cancelled = await placeNativeOrder(f, listingId);
    await f.escrow.write.cancelOrder([cancelled.orderId, cancelled.terms], { account: buyer.account });
    const shipped = await placeNativeOrder(f, listingId);
    await shipOrder(f, shipped.orderId, shipped.terms);
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      placeNativeOrder(f, listingId),
      f.listings,
      "ListingRegistryBuyerLimit",
      [listingId, buyer.account.address, 2n, 1n],
    );
  });

  it("keeps a listing without a limit open to any quantity, and stores the limit it was signed with", async () => {
    const f = await load();
    const { listingId } = await publishListing(f, { quantity: 10n });
    await placeNativeOrder(f, listingId, { quantity: 10n });
    assert.equal(await stockOf(f, listingId), 0n);
    const limited = await publishListing(f, { maxPerBuyer: 4n });
    assert.equal((await f.listings.read.listingOf([limited.listingId])).maxPerBuyer, 4n);
  });
});
