import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress } from "viem";
import { NATIVE_TOKEN } from "../../sdk/eip712.ts";
import { PROFILE_CID, placeNativeOrder, placeTokenOrder, publishListing, useCommerce } from "../fixtures/commerce.ts";
import {
  Status,
  balanceOf,
  deadlineOf,
  disputeOrder,
  feeOf,
  passDeadline,
  shipOrder,
  statusOf,
  tokenListing,
} from "../fixtures/orders.ts";

// "Every order can be ended and paid out": the permissionless endings and withdrawals must not depend on
// placement being open, the merchant being in good standing or the token still being allowed. Each test
// pins one of the mutations the contract review found surviving, and the treasury fixed in the terms.

describe("OrderEscrow endings whatever the admins do", async () => {
  const { load } = await useCommerce();

  it("completes and settles orders while placement is paused", async () => {
    const f = await load();
    const { pauser, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const shipped = await placeNativeOrder(f, listingId);
    await shipOrder(f, shipped.orderId, shipped.terms);
    const disputed = await placeNativeOrder(f, listingId);
    await disputeOrder(f, disputed.orderId, disputed.terms);
    await f.escrow.write.pausePlacement({ account: pauser.account });

    await passDeadline(f, shipped.orderId);
    if ((await deadlineOf(f, disputed.orderId)) >= (await f.connection.networkHelpers.time.latest())) {
      await passDeadline(f, disputed.orderId);
    }
    await f.escrow.write.finalizeOrder([shipped.orderId, shipped.terms], { account: stranger.account });
    await f.escrow.write.settleDispute([disputed.orderId, disputed.terms], { account: stranger.account });
    assert.equal(await statusOf(f, shipped.orderId), Status.Completed);
    assert.equal(await statusOf(f, disputed.orderId), Status.Resolved);
  });

  it("settles a dispute of a suspended merchant and pays its payout address", async () => {
    const f = await load();
    const { registrar, stranger, payout, buyer, treasury } = f.accounts;
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    await disputeOrder(f, orderId, terms);
    await f.merchants.write.suspend([terms.merchant, PROFILE_CID], { account: registrar.account });
    await passDeadline(f, orderId);
    await f.escrow.write.settleDispute([orderId, terms], { account: stranger.account });
    assert.equal(await statusOf(f, orderId), Status.Resolved);
    const credited = await Promise.all(
      [buyer, payout, treasury].map((party) => balanceOf(f, party.account.address, NATIVE_TOKEN)),
    );
    assert.equal(
      credited.reduce((sum, amount) => sum + amount, 0n),
      terms.total,
    );
  });

  it("pays out a token that was allowed when the order was placed and is no longer", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await tokenListing(f);
    const { orderId, terms } = await placeTokenOrder(f, listingId);
    await f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    await f.listings.write.setTokenAllowed([f.token.address, false]);
    const before = await f.token.read.balanceOf([buyer.account.address]);
    await f.escrow.write.withdraw([f.token.address], { account: buyer.account });
    assert.equal(await f.token.read.balanceOf([buyer.account.address]), before + terms.total);
  });

  it("pays an open order's fee to the treasury of its terms, not one appointed after placement", async () => {
    const f = await load();
    const { buyer, treasury, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    assert.equal(terms.treasury, getAddress(treasury.account.address));
    assert.ok(terms.feeBps > 0, "the deployment charges a fee");
    await f.escrow.write.setFee([terms.feeBps, stranger.account.address]);
    await shipOrder(f, orderId, terms);
    await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), feeOf(terms.total, terms.feeBps));
    assert.equal(await balanceOf(f, stranger.account.address, NATIVE_TOKEN), 0n);
    const next = await placeNativeOrder(f, listingId);
    assert.equal(next.terms.treasury, getAddress(stranger.account.address));
  });
});
