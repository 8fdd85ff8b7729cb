import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress, recoverTypedDataAddress, zeroAddress, type Address, type Hex } from "viem";
import { listingDomain, listingTypes, NATIVE_TOKEN, type Listing } from "../../sdk/eip712.ts";
import {
  METADATA_CID,
  SHIPPING_CID,
  TOKEN_PRICE,
  makeListing,
  placeNativeOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
} from "../fixtures/commerce.ts";
import { orderTx, signListingAs, toHighS } from "../fixtures/listings.ts";

// ListingStatus in IListingRegistry.
const Status = { None: 0, Active: 1, Superseded: 2, Cancelled: 3 } as const;
const DAY = 86_400;
const MAX_UINT96 = 2n ** 96n - 1n;
const NO_LISTING: Hex = `0x${"00".repeat(32)}`;

/** Publishes a signed listing through the relayer account. */
const relay = (f: CommerceFixture, listing: Listing, signature: Hex) =>
  f.listings.write.publish([listing, signature], { account: f.accounts.relayer.account });

/** The ListingPublished arguments for `listing`, addresses checksummed as decoded. */
function published(listingId: Hex, listing: Listing, supersedes = NO_LISTING): [Hex, Address, bigint, Listing, Hex] {
  const merchant = getAddress(listing.merchant);
  return [listingId, merchant, listing.sku, { ...listing, merchant }, supersedes];
}

describe("ListingRegistry", async () => {
  const { load } = await useCommerce();

  describe("publishing", () => {
    it("publishes a listing signed by the hot signer via a relayer, with the whole listing in the event", async () => {
      const f = await load();
      const listing = await makeListing(f);
      const listingId = await f.listings.read.hashListing([listing]);
      const signature = await signListingAs(f, listing);
      await f.viem.assertions.emitWithArgs(
        relay(f, listing, signature),
        f.listings,
        "ListingPublished",
        published(listingId, listing),
      );
      const record = await f.listings.read.listingOf([listingId]);
      assert.equal(record.status, Status.Active);
      assert.equal(record.merchant, getAddress(listing.merchant));
      assert.equal(record.remaining, listing.quantity);
      assert.equal(record.price, listing.price);
      assert.deepEqual(await f.listings.read.currentVersionOf([listing.merchant, listing.sku]), [listingId, 1n]);
    });

    it("publishes a listing signed by the merchant's own key", async () => {
      const f = await load();
      const listing = await makeListing(f);
      const signature = await signListingAs(f, listing, { signer: f.accounts.merchant });
      await relay(f, listing, signature);
      const listingId = await f.listings.read.hashListing([listing]);
      assert.equal((await f.listings.read.listingOf([listingId])).status, Status.Active);
    });

    it("rejects a listing signed by a stranger, or by the signer for another chain", async () => {
      const f = await load();
      const listing = await makeListing(f);
      const listingId = await f.listings.read.hashListing([listing]);
      for (const signature of [
        await signListingAs(f, listing, { signer: f.accounts.stranger }),
        await signListingAs(f, listing, { chainId: 1 }),
      ]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          relay(f, listing, signature),
          f.listings,
          "ListingRegistryInvalidSignature",
          [listingId],
        );
      }
    });

    it("rejects a signature replayed on a second deployment, where the same listing has another id", async () => {
      const f = await load();
      const other = await f.viem.deployContract("ListingRegistry", [f.manager.address, f.merchants.address]);
      const listing = await makeListing(f);
      const signature = await signListingAs(f, listing);
      const idHere = await f.listings.read.hashListing([listing]);
      const idThere = await other.read.hashListing([listing]);
      assert.notEqual(idHere, idThere);

      await relay(f, listing, signature);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        other.write.publish([listing, signature], { account: f.accounts.relayer.account }),
        other,
        "ListingRegistryInvalidSignature",
        [idThere],
      );
      // and the other way round: a signature for the second deployment does not publish here
      const next = await makeListing(f);
      const forOther = await signListingAs(f, next, { verifyingContract: other.address });
      await other.write.publish([next, forOther], { account: f.accounts.relayer.account });
      await f.viem.assertions.revertWithCustomError(
        relay(f, next, forOther),
        f.listings,
        "ListingRegistryInvalidSignature",
      );
    });

    it("rejects a malleable high-s twin of a valid signature", async () => {
      const f = await load();
      const listing = await makeListing(f);
      const signature = await signListingAs(f, listing);
      const malleable = toHighS(signature);
      // plain ecrecover would accept the twin: it recovers the very same signer
      const recovered = await recoverTypedDataAddress({
        domain: listingDomain(f.chainId, f.listings.address),
        types: listingTypes,
        primaryType: "Listing",
        message: listing,
        signature: malleable,
      });
      assert.equal(recovered, getAddress(f.accounts.merchantSigner.account.address));
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        relay(f, listing, malleable),
        f.listings,
        "ListingRegistryInvalidSignature",
        [await f.listings.read.hashListing([listing])],
      );
    });

    it("refuses to publish the same signed listing twice", async () => {
      const f = await load();
      const listing = await makeListing(f);
      const signature = await signListingAs(f, listing);
      await relay(f, listing, signature);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.publish([listing, signature], { account: f.accounts.stranger.account }),
        f.listings,
        "ListingRegistryAlreadyPublished",
        [await f.listings.read.hashListing([listing])],
      );
    });

    it("names the invalid field: empty metadata CID, zero price/quantity, empty or past validity window", async () => {
      const f = await load();
      const now = await f.connection.networkHelpers.time.latest();
      for (const [field, overrides] of [
        ["metadataCid", { metadataCid: "" }],
        ["price", { price: 0n }],
        ["quantity", { quantity: 0n }],
        ["validUntil", { validFrom: now + DAY, validUntil: now + DAY }],
        ["validUntil", { validFrom: now - 2 * DAY, validUntil: now - DAY }],
      ] as const) {
        const listing = await makeListing(f, overrides);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          relay(f, listing, await signListingAs(f, listing)),
          f.listings,
          "ListingRegistryInvalidField",
          [field],
        );
      }
    });
  });

  describe("versions", () => {
    it("a higher version supersedes the current one, which can no longer be bought", async () => {
      const f = await load();
      const v1 = await publishListing(f);
      const v2listing = await makeListing(f, { sku: v1.listing.sku, version: 2n, price: 2n * v1.listing.price });
      const v2id = await f.listings.read.hashListing([v2listing]);
      await f.viem.assertions.emitWithArgs(
        relay(f, v2listing, await signListingAs(f, v2listing)),
        f.listings,
        "ListingPublished",
        published(v2id, v2listing, v1.listingId),
      );
      assert.equal((await f.listings.read.listingOf([v1.listingId])).status, Status.Superseded);
      assert.deepEqual(await f.listings.read.currentVersionOf([v2listing.merchant, v2listing.sku]), [v2id, 2n]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, v1.listingId),
        f.listings,
        "ListingRegistryNotActive",
        [v1.listingId, Status.Superseded],
      );
      await placeNativeOrder(f, v2id, { price: v2listing.price });
    });

    it("a new version after a cancelled one leaves it Cancelled and reports nothing superseded", async () => {
      const f = await load();
      const v1 = await publishListing(f);
      await f.listings.write.cancel([v1.listingId], { account: f.accounts.merchant.account });
      const v2 = await makeListing(f, { sku: v1.listing.sku, version: 2n });
      await f.viem.assertions.emitWithArgs(
        relay(f, v2, await signListingAs(f, v2)),
        f.listings,
        "ListingPublished",
        published(await f.listings.read.hashListing([v2]), v2),
      );
      assert.equal((await f.listings.read.listingOf([v1.listingId])).status, Status.Cancelled);
    });

    it("rejects an equal version and an older signed version published after a newer one", async () => {
      const f = await load();
      const sku = 9_000n;
      const v1 = await makeListing(f, { sku });
      const v1signature = await signListingAs(f, v1);
      await publishListing(f, { sku, version: 2n });
      const equal = await makeListing(f, { sku, version: 2n, price: 1n });
      for (const [listing, signature] of [
        [v1, v1signature],
        [equal, await signListingAs(f, equal)],
      ] as const) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          relay(f, listing, signature),
          f.listings,
          "ListingRegistryStaleVersion",
          [sku, listing.version, 2n],
        );
      }
    });
  });

  describe("cancel and counter", () => {
    it("lets only the merchant's operators cancel a listing, which then cannot be bought", async () => {
      const f = await load();
      const { merchant, merchantSigner, stranger } = f.accounts;
      const { listingId } = await publishListing(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.cancel([listingId], { account: stranger.account }),
        f.listings,
        "ListingRegistryNotOperator",
        [getAddress(merchant.account.address), stranger.account.address],
      );
      await f.viem.assertions.emitWithArgs(
        f.listings.write.cancel([listingId], { account: merchantSigner.account }),
        f.listings,
        "ListingCancelled",
        [listingId, merchant.account.address],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId),
        f.listings,
        "ListingRegistryNotActive",
        [listingId, Status.Cancelled],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.cancel([listingId], { account: merchant.account }),
        f.listings,
        "ListingRegistryNotActive",
        [listingId, Status.Cancelled],
      );
    });

    it("incrementing the counter invalidates published listings and signed ones not yet published", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const { listingId } = await publishListing(f);
      const unpublished = await makeListing(f);
      const signature = await signListingAs(f, unpublished);
      await f.merchants.write.incrementCounter([merchant.account.address], { account: merchant.account });

      const staleCounter: [Address, bigint, bigint] = [getAddress(merchant.account.address), 0n, 1n];
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId),
        f.listings,
        "ListingRegistryStaleCounter",
        staleCounter,
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        relay(f, unpublished, signature),
        f.listings,
        "ListingRegistryStaleCounter",
        staleCounter,
      );
      const fresh = await publishListing(f);
      assert.equal(fresh.listing.counter, 1n);
      await placeNativeOrder(f, fresh.listingId);
    });
  });

  describe("validity window", () => {
    it("refuses orders before the window opens and after it closes", async () => {
      const f = await load();
      const now = await f.connection.networkHelpers.time.latest();
      const validFrom = now + DAY;
      const validUntil = now + 3 * DAY;
      const { listingId } = await publishListing(f, { validFrom, validUntil });
      const outside: [Hex, number, number] = [listingId, validFrom, validUntil];
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId),
        f.listings,
        "ListingRegistryOutsideValidity",
        outside,
      );
      await f.connection.networkHelpers.time.increase(2 * DAY);
      await placeNativeOrder(f, listingId);
      await f.connection.networkHelpers.time.increase(2 * DAY);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId),
        f.listings,
        "ListingRegistryOutsideValidity",
        outside,
      );
    });
  });

  describe("payment tokens", () => {
    it("refuses a token that is not allowed, at publication and at order time", async () => {
      const f = await load();
      const other = await f.viem.deployContract("TestToken", ["Other Dollar", "ODOL"]);
      const listing = await makeListing(f, { token: other.address });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        relay(f, listing, await signListingAs(f, listing)),
        f.listings,
        "ListingRegistryTokenNotAllowed",
        [other.address],
      );
      const { listingId } = await publishListing(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, { token: other.address }),
        f.listings,
        "ListingRegistryTokenNotAllowed",
        [other.address],
      );
    });

    it("disallowing a token later blocks new orders in it; the native currency is not a token", async () => {
      const f = await load();
      const { listingId } = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
      const paid = { token: f.token.address, price: TOKEN_PRICE };
      await orderTx(f, listingId, paid);
      await f.viem.assertions.emitWithArgs(
        f.listings.write.setTokenAllowed([f.token.address, false]),
        f.listings,
        "ListingTokenAllowed",
        [f.token.address, false],
      );
      assert.equal(await f.listings.read.isTokenAllowed([f.token.address]), false);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, paid),
        f.listings,
        "ListingRegistryTokenNotAllowed",
        [f.token.address],
      );
      // the zero address stands for the native currency and cannot be allowed or disallowed
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.setTokenAllowed([NATIVE_TOKEN, false]),
        f.listings,
        "ListingRegistryInvalidField",
        ["token"],
      );
    });
  });

  describe("stock", () => {
    it("lets an operator set the stock, and no one else", async () => {
      const f = await load();
      const { merchant, merchantSigner, stranger } = f.accounts;
      const { listingId } = await publishListing(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.setStock([listingId, 100n], { account: stranger.account }),
        f.listings,
        "ListingRegistryNotOperator",
        [getAddress(merchant.account.address), stranger.account.address],
      );
      await f.viem.assertions.emitWithArgs(
        f.listings.write.setStock([listingId, 2n], { account: merchantSigner.account }),
        f.listings,
        "ListingStockSet",
        [listingId, 2n],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, { quantity: 3n }),
        f.listings,
        "ListingRegistryInsufficientStock",
        [listingId, 3n, 2n],
      );
    });

    it("never lets stock go below zero: an order above the rest fails, including the second of two", async () => {
      const f = await load();
      const { listingId } = await publishListing(f, { quantity: 10n });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, { quantity: 11n }),
        f.listings,
        "ListingRegistryInsufficientStock",
        [listingId, 11n, 10n],
      );
      await placeNativeOrder(f, listingId, { quantity: 6n });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, { quantity: 5n, buyer: f.accounts.buyer2 }),
        f.listings,
        "ListingRegistryInsufficientStock",
        [listingId, 5n, 4n],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId, { quantity: 0n }),
        f.listings,
        "ListingRegistryInvalidField",
        ["quantity"],
      );
      assert.equal((await f.listings.read.listingOf([listingId])).remaining, 4n);
    });

    it("restores stock when an order is cancelled, and never blocks the cancel even at maximum stock", async () => {
      const f = await load();
      const { merchant, buyer } = f.accounts;
      const { listingId } = await publishListing(f, { quantity: 10n });
      const first = await placeNativeOrder(f, listingId, { quantity: 3n });
      await f.viem.assertions.emitWithArgs(
        f.escrow.write.cancelOrder([first.orderId, first.terms], { account: buyer.account }),
        f.listings,
        "ListingStockReleased",
        [listingId, 3n, 10n],
      );
      const second = await placeNativeOrder(f, listingId, { quantity: 3n });
      await f.listings.write.setStock([listingId, MAX_UINT96], { account: merchant.account });
      await f.escrow.write.cancelOrder([second.orderId, second.terms], { account: buyer.account });
      assert.equal((await f.listings.read.listingOf([listingId])).remaining, MAX_UINT96);
    });
  });

  describe("escrow hooks", () => {
    it("lets only the escrow reserve and release stock", async () => {
      const f = await load();
      const { listingId } = await publishListing(f);
      const lines = [{ listingId, quantity: 1n }];
      for (const caller of [f.accounts.stranger, f.accounts.admin, f.accounts.merchant]) {
        const as = { account: caller.account };
        for (const call of [
          f.listings.write.reserve([lines, zeroAddress, caller.account.address], as),
          f.listings.write.release([lines, caller.account.address], as),
        ]) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(call, f.listings, "ListingRegistryNotEscrow", [
            caller.account.address,
          ]);
        }
      }
    });

    it("names the escrow only once", async () => {
      const f = await load();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.setEscrow([f.accounts.stranger.account.address]),
        f.listings,
        "ListingRegistryEscrowAlreadySet",
        [f.escrow.address],
      );
      const fresh = await f.viem.deployContract("ListingRegistry", [f.manager.address, f.merchants.address]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        fresh.write.setEscrow([zeroAddress]),
        fresh,
        "ListingRegistryInvalidField",
        ["escrow"],
      );
      await f.viem.assertions.emitWithArgs(fresh.write.setEscrow([f.escrow.address]), fresh, "ListingEscrowSet", [
        f.escrow.address,
      ]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        fresh.write.setEscrow([f.escrow.address]),
        fresh,
        "ListingRegistryEscrowAlreadySet",
        [f.escrow.address],
      );
    });
  });

  describe("merchant status", () => {
    it("a suspended merchant can neither publish nor be ordered from, until reinstated", async () => {
      const f = await load();
      const { merchant, registrar } = f.accounts;
      const m = merchant.account.address;
      const { listingId } = await publishListing(f);
      await f.merchants.write.suspend([m, METADATA_CID], { account: registrar.account });
      const listing = await makeListing(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        relay(f, listing, await signListingAs(f, listing)),
        f.listings,
        "ListingRegistryMerchantNotActive",
        [m],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        orderTx(f, listingId),
        f.listings,
        "ListingRegistryMerchantNotActive",
        [getAddress(m)],
      );
      await f.merchants.write.reinstate([m], { account: registrar.account });
      await placeNativeOrder(f, listingId);
    });

    it("refuses an order mixing listings of two merchants", async () => {
      const f = await load();
      const { merchant2, registrar, buyer } = f.accounts;
      await f.merchants.write.register([METADATA_CID, merchant2.account.address], { account: merchant2.account });
      await f.merchants.write.approve([merchant2.account.address], { account: registrar.account });
      const mine = await publishListing(f);
      const listing = await makeListing(f, { merchant: merchant2.account.address });
      await f.listings.write.publish([listing, await signListingAs(f, listing, { signer: merchant2 })]);
      const theirs = await f.listings.read.hashListing([listing]);
      const lines = [
        { listingId: mine.listingId, quantity: 1n },
        { listingId: theirs, quantity: 1n },
      ];
      const total = mine.listing.price + listing.price;
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.escrow.write.placeOrder(
          [{ lines, token: NATIVE_TOKEN, maxTotal: total, shippingCid: SHIPPING_CID, shipping: 0n }],
          {
            account: buyer.account,
            value: total,
          },
        ),
        f.listings,
        "ListingRegistryMixedOrder",
        [theirs],
      );
    });
  });
});
