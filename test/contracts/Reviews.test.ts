import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress } from "viem";
import {
  SHIPPING_CID,
  placeNativeOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
} from "../fixtures/commerce.ts";

const REVIEW_CID = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";
const DAY = 86_400;

type Wallet = CommerceFixture["accounts"]["buyer"];

describe("Reviews", async () => {
  const { connection, load } = await useCommerce();
  const { viem, networkHelpers } = connection;

  /** A native order of `buyer` (the fixture's buyer by default), shipped by the merchant. */
  async function shippedOrder(f: CommerceFixture, buyer: Wallet = f.accounts.buyer) {
    const { listingId } = await publishListing(f);
    const order = await placeNativeOrder(f, listingId, { buyer });
    await f.escrow.write.shipOrder([order.orderId, order.terms, SHIPPING_CID], {
      account: f.accounts.merchant.account,
    });
    return order;
  }

  /** A native order its buyer has confirmed: Completed. */
  async function completedOrder(f: CommerceFixture, buyer: Wallet = f.accounts.buyer) {
    const order = await shippedOrder(f, buyer);
    await f.escrow.write.confirmDelivery([order.orderId, order.terms], { account: buyer.account });
    return order;
  }

  describe("posting", () => {
    it("lets the buyer of a completed order post a rating with a review CID", async () => {
      const f = await load();
      const { buyer } = f.accounts;
      const { orderId } = await completedOrder(f);
      assert.equal(await f.reviews.read.isReviewed([orderId]), false);
      await viem.assertions.emitWithArgs(
        f.reviews.write.postReview([orderId, 4, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewPosted",
        [orderId, getAddress(buyer.account.address), 4, REVIEW_CID],
      );
      assert.equal(await f.reviews.read.isReviewed([orderId]), true);
    });

    it("accepts a review of an order completed automatically after the confirmation window", async () => {
      const f = await load();
      const { buyer, stranger } = f.accounts;
      const { orderId, terms } = await shippedOrder(f);
      await networkHelpers.time.increase(15 * DAY);
      await f.escrow.write.finalizeOrder([orderId, terms], { account: stranger.account });
      await viem.assertions.emit(
        f.reviews.write.postReview([orderId, 3, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewPosted",
      );
    });

    it("accepts a review of a dispute the arbiter resolved", async () => {
      const f = await load();
      const { buyer, arbiter } = f.accounts;
      const { orderId, terms } = await shippedOrder(f);
      await f.escrow.write.disputeOrder([orderId, REVIEW_CID], { account: buyer.account });
      await f.escrow.write.ruleDispute([orderId, terms, terms.total / 2n, REVIEW_CID], { account: arbiter.account });
      await viem.assertions.emitWithArgs(
        f.reviews.write.postReview([orderId, 1, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewPosted",
        [orderId, getAddress(buyer.account.address), 1, REVIEW_CID],
      );
    });

    it("accepts a review of an order completed after a partial refund, and not while it is still open", async () => {
      const f = await load();
      const { buyer, merchant } = f.accounts;
      const { orderId, terms } = await shippedOrder(f);
      await f.escrow.write.refundOrder([orderId, terms, terms.total / 3n, REVIEW_CID], { account: merchant.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.reviews.write.postReview([orderId, 2, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewsOrderNotComplete",
        [orderId],
      );
      await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
      await viem.assertions.emit(
        f.reviews.write.postReview([orderId, 2, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewPosted",
      );
    });
  });

  describe("who and when", () => {
    it("refuses anyone but the order's buyer, including the merchant and another buyer", async () => {
      const f = await load();
      const { orderId } = await completedOrder(f);
      for (const caller of [f.accounts.buyer2, f.accounts.merchant, f.accounts.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.reviews.write.postReview([orderId, 5, REVIEW_CID], { account: caller.account }),
          f.reviews,
          "ReviewsNotBuyer",
          [orderId, getAddress(caller.account.address)],
        );
      }
    });

    it("refuses a review of an order that does not exist", async () => {
      const f = await load();
      const { buyer } = f.accounts;
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.reviews.write.postReview([99n, 5, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewsNotBuyer",
        [99n, getAddress(buyer.account.address)],
      );
    });

    it("refuses a second review of the same order", async () => {
      const f = await load();
      const { buyer } = f.accounts;
      const { orderId } = await completedOrder(f);
      await f.reviews.write.postReview([orderId, 5, REVIEW_CID], { account: buyer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.reviews.write.postReview([orderId, 1, REVIEW_CID], { account: buyer.account }),
        f.reviews,
        "ReviewsAlreadyReviewed",
        [orderId],
      );
    });

    it("refuses orders that are placed, accepted, shipped, disputed or ended without delivery", async () => {
      const f = await load();
      const { buyer, merchant } = f.accounts;
      const { listingId } = await publishListing(f);
      const asMerchant = { account: merchant.account };
      const place = () => placeNativeOrder(f, listingId);

      const placed = await place();
      const accepted = await place();
      await f.escrow.write.acceptOrder([accepted.orderId, accepted.terms], asMerchant);
      const shipped = await shippedOrder(f);
      const disputed = await shippedOrder(f);
      await f.escrow.write.disputeOrder([disputed.orderId, REVIEW_CID], { account: buyer.account });
      const cancelled = await place();
      await f.escrow.write.cancelOrder([cancelled.orderId, cancelled.terms], { account: buyer.account });
      const rejected = await place();
      await f.escrow.write.rejectOrder([rejected.orderId, rejected.terms, REVIEW_CID], asMerchant);
      const refunded = await shippedOrder(f);
      await f.escrow.write.refundOrder(
        [refunded.orderId, refunded.terms, refunded.terms.total, REVIEW_CID],
        asMerchant,
      );
      const reclaimed = await place();
      await networkHelpers.time.increase(8 * DAY);
      await f.escrow.write.reclaimOrder([reclaimed.orderId, reclaimed.terms], { account: buyer.account });

      for (const { orderId } of [placed, accepted, shipped, disputed, cancelled, rejected, refunded, reclaimed]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.reviews.write.postReview([orderId, 5, REVIEW_CID], { account: buyer.account }),
          f.reviews,
          "ReviewsOrderNotComplete",
          [orderId],
        );
      }
    });
  });

  describe("content", () => {
    it("accepts the ratings 1 to 5 and refuses 0 and 6", async () => {
      const f = await load();
      const { buyer } = f.accounts;
      for (const rating of [0, 6, 255]) {
        const { orderId } = await completedOrder(f);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.reviews.write.postReview([orderId, rating, REVIEW_CID], { account: buyer.account }),
          f.reviews,
          "ReviewsInvalidRating",
          [rating],
        );
        assert.equal(await f.reviews.read.isReviewed([orderId]), false);
      }
      for (const rating of [1, 2, 3, 4, 5]) {
        const { orderId } = await completedOrder(f);
        await f.reviews.write.postReview([orderId, rating, REVIEW_CID], { account: buyer.account });
        assert.equal(await f.reviews.read.isReviewed([orderId]), true);
      }
    });

    it("refuses an empty review CID", async () => {
      const f = await load();
      const { buyer } = f.accounts;
      const { orderId } = await completedOrder(f);
      await viem.assertions.revertWithCustomError(
        f.reviews.write.postReview([orderId, 5, ""], { account: buyer.account }),
        f.reviews,
        "ReviewsEmptyCid",
      );
      assert.equal(await f.reviews.read.isReviewed([orderId]), false);
    });
  });
});
