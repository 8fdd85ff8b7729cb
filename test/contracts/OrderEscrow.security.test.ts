import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeErrorResult,
  encodeFunctionData,
  hexToBigInt,
  numberToHex,
  parseSignature,
  serializeSignature,
  type Address,
  type Hex,
} from "viem";
import { NATIVE_TOKEN, NO_PERMIT, NO_VOUCHER, NO_VOUCHER_DIGEST } from "../../sdk/eip712.ts";
import {
  PRICE,
  TOKEN_PRICE,
  placeNativeOrder,
  placeTokenOrder,
  placedOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
  type OrderTerms,
} from "../fixtures/commerce.ts";
import {
  EVIDENCE_CID,
  Status,
  balanceOf,
  deadlineOf,
  disputeOrder,
  feeOf,
  orderRequest,
  passDeadline,
  reverts,
  shipOrder,
  signIntent,
  statusOf,
  stockOf,
  type Intent,
} from "../fixtures/orders.ts";

const FEE_BPS = 100n;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A ReentrantBuyer contract with `count` native orders of one unit each, placed from its own address. */
async function attackerWithOrders(f: CommerceFixture, listingId: Hex, count: number) {
  const attacker = await f.viem.deployContract("ReentrantBuyer", [f.escrow.address]);
  const request = orderRequest([{ listingId, quantity: 1n }], NATIVE_TOKEN, PRICE);
  const orders = [];
  for (let i = 0; i < count; i++) {
    orders.push(
      await placedOrder(
        f,
        await attacker.write.placeOrder([request], { account: f.accounts.stranger.account, value: PRICE }),
      ),
    );
  }
  return { attacker, orders };
}

/** Calldata of an escrow function, for the attacker to forward or re-enter with. */
function escrowCall(f: CommerceFixture, functionName: "withdraw", args: readonly [Address]): Hex;
function escrowCall(
  f: CommerceFixture,
  functionName: "cancelOrder" | "reclaimOrder",
  args: readonly [bigint, OrderTerms],
): Hex;
function escrowCall(f: CommerceFixture, functionName: string, args: readonly unknown[]): Hex {
  return encodeFunctionData({ abi: f.escrow.abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
}

type Attacker = Awaited<ReturnType<typeof attackerWithOrders>>["attacker"];

/** The merchant's refund of `amount` of an order. */
function refund(f: CommerceFixture, { orderId, terms }: { orderId: bigint; terms: OrderTerms }, amount: bigint) {
  return f.escrow.write.refundOrder([orderId, terms, amount, EVIDENCE_CID], { account: f.accounts.merchant.account });
}

/** Asserts that the attacker tried to re-enter exactly once and the escrow's guard refused it. */
async function assertReentryBlocked(f: CommerceFixture, attacker: Attacker) {
  assert.equal(await attacker.read.reentryAttempts(), 1n);
  assert.equal(await attacker.read.reentrySucceeded(), false);
  const { errorName } = decodeErrorResult({ abi: f.escrow.abi, data: await attacker.read.lastReentryError() });
  assert.equal(errorName, "ReentrancyGuardReentrantCall");
}

describe("OrderEscrow security", async () => {
  const { load } = await useCommerce();

  it("pays a buyer re-entering withdraw/cancelOrder/reclaimOrder from receive() exactly once per credit", async () => {
    const f = await load();
    const { listingId } = await publishListing(f);
    const { attacker, orders } = await attackerWithOrders(f, listingId, 4);
    const untouched = orders[3];
    const reentries = [
      escrowCall(f, "withdraw", [NATIVE_TOKEN]),
      escrowCall(f, "cancelOrder", [untouched.orderId, untouched.terms]),
      escrowCall(f, "reclaimOrder", [untouched.orderId, untouched.terms]),
    ];
    for (const [i, reentry] of reentries.entries()) {
      await attacker.write.forward([escrowCall(f, "cancelOrder", [orders[i].orderId, orders[i].terms])]);
      await attacker.write.setReentryCall([reentry]);
      await f.viem.assertions.balancesHaveChanged(attacker.write.forward([escrowCall(f, "withdraw", [NATIVE_TOKEN])]), [
        { address: attacker.address, amount: PRICE },
        { address: f.escrow.address, amount: -PRICE },
      ]);
      await assertReentryBlocked(f, attacker);
    }
    assert.equal(await balanceOf(f, attacker.address, NATIVE_TOKEN), 0n);
    assert.equal(await statusOf(f, untouched.orderId), Status.Placed);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), PRICE);
    await reverts(
      f,
      attacker.write.forward([escrowCall(f, "withdraw", [NATIVE_TOKEN])]),
      "OrderEscrowNothingToWithdraw",
      [attacker.address, NATIVE_TOKEN],
    );
  });

  it("pays the merchant's payout address and the treasury exactly once when they re-enter withdraw", async () => {
    const f = await load();
    const { admin, buyer, merchant } = f.accounts;
    const attacker = await f.viem.deployContract("ReentrantBuyer", [f.escrow.address]);
    await f.merchants.write.setPayout([attacker.address], { account: merchant.account });
    await f.escrow.write.setFee([Number(FEE_BPS), attacker.address], { account: admin.account });
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId, { quantity: 3n });
    await shipOrder(f, orderId, terms);
    await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    const unsettled = await placeNativeOrder(f, listingId);

    await attacker.write.setReentryCall([escrowCall(f, "withdraw", [NATIVE_TOKEN])]);
    await f.viem.assertions.balancesHaveChanged(attacker.write.forward([escrowCall(f, "withdraw", [NATIVE_TOKEN])]), [
      { address: attacker.address, amount: 3n * PRICE },
    ]);
    await assertReentryBlocked(f, attacker);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), unsettled.terms.total);
  });

  it("pays an ERC-20 balance exactly once to a receiver re-entering withdraw from a token transfer hook", async () => {
    const f = await load();
    const { admin } = f.accounts;
    const hook = await f.viem.deployContract("HookToken");
    await f.listings.write.setTokenAllowed([hook.address, true], { account: admin.account });
    const { listingId } = await publishListing(f, { token: hook.address, price: TOKEN_PRICE });
    const attacker = await f.viem.deployContract("ReentrantBuyer", [f.escrow.address]);
    await hook.write.mint([attacker.address, 2n * TOKEN_PRICE]);
    await attacker.write.approve([hook.address, 2n * TOKEN_PRICE]);
    const request = orderRequest([{ listingId, quantity: 1n }], hook.address, TOKEN_PRICE);
    const refunded = await placedOrder(f, await attacker.write.placeOrder([request]));
    const open = await placedOrder(f, await attacker.write.placeOrder([request]));
    await attacker.write.forward([escrowCall(f, "cancelOrder", [refunded.orderId, refunded.terms])]);

    await attacker.write.setReentryCall([escrowCall(f, "withdraw", [hook.address])]);
    await attacker.write.forward([escrowCall(f, "withdraw", [hook.address])]);
    await assertReentryBlocked(f, attacker);
    assert.equal(await hook.read.balanceOf([attacker.address]), TOKEN_PRICE);
    assert.equal(await hook.read.balanceOf([f.escrow.address]), open.terms.total);
    assert.equal(await balanceOf(f, attacker.address, hook.address), 0n);
  });

  it("does not let a receiver that reverts on payment block other orders, refunds or withdrawals", async () => {
    const f = await load();
    const { buyer, merchant, payout, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const { attacker, orders } = await attackerWithOrders(f, listingId, 2);
    await attacker.write.setRejectPayments([true]);
    const honest = await placeNativeOrder(f, listingId);
    const sold = await placeNativeOrder(f, listingId);

    await f.escrow.write.rejectOrder([orders[0].orderId, orders[0].terms, EVIDENCE_CID], { account: merchant.account });
    await shipOrder(f, orders[1].orderId, orders[1].terms);
    await f.escrow.write.refundOrder([orders[1].orderId, orders[1].terms, PRICE, EVIDENCE_CID], {
      account: merchant.account,
    });
    await f.escrow.write.refundOrder([honest.orderId, honest.terms, PRICE, EVIDENCE_CID], {
      account: merchant.account,
    });
    await shipOrder(f, sold.orderId, sold.terms);
    await f.escrow.write.confirmDelivery([sold.orderId, sold.terms], { account: buyer.account });
    assert.equal(await balanceOf(f, attacker.address, NATIVE_TOKEN), 2n * PRICE);

    await f.viem.assertions.revertWithCustomError(
      attacker.write.forward([escrowCall(f, "withdraw", [NATIVE_TOKEN])]),
      attacker,
      "ReentrantBuyerPaymentRejected",
    );
    await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([NATIVE_TOKEN], { account: buyer.account }), [
      { address: buyer.account.address, amount: PRICE },
    ]);
    await f.escrow.write.withdraw([NATIVE_TOKEN], { account: payout.account });
    await placeNativeOrder(f, listingId, { buyer: stranger });
    assert.equal(await balanceOf(f, attacker.address, NATIVE_TOKEN), 2n * PRICE);

    await attacker.write.setRejectPayments([false]);
    await f.viem.assertions.balancesHaveChanged(attacker.write.forward([escrowCall(f, "withdraw", [NATIVE_TOKEN])]), [
      { address: attacker.address, amount: 2n * PRICE },
    ]);
  });

  it("refuses a fee-on-transfer token even when allow-listed", async () => {
    const f = await load();
    const { admin, buyer } = f.accounts;
    const fot = await f.viem.deployContract("FeeOnTransferToken");
    await f.listings.write.setTokenAllowed([fot.address, true], { account: admin.account });
    const { listingId } = await publishListing(f, { token: fot.address, price: TOKEN_PRICE });
    await fot.write.mint([buyer.account.address, TOKEN_PRICE]);
    await fot.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });

    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest([{ listingId, quantity: 1n }], fot.address, TOKEN_PRICE)], {
        account: buyer.account,
      }),
      f.escrow,
      "OrderEscrowTransferMismatch",
      [fot.address, TOKEN_PRICE, TOKEN_PRICE - TOKEN_PRICE / 100n],
    );
  });

  it("refuses a token that is not, or no longer, allow-listed", async () => {
    const f = await load();
    const { admin, buyer } = f.accounts;
    const rogue = await f.viem.deployContract("TestToken", ["Rogue", "RGE"]);
    await rogue.write.mint([buyer.account.address, TOKEN_PRICE]);
    await rogue.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    const { listingId: nativeId } = await publishListing(f);
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest([{ listingId: nativeId, quantity: 1n }], rogue.address, TOKEN_PRICE)], {
        account: buyer.account,
      }),
      f.listings,
      "ListingRegistryTokenNotAllowed",
      [rogue.address],
    );

    const { listingId } = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
    await f.listings.write.setTokenAllowed([f.token.address, false], { account: admin.account });
    await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest([{ listingId, quantity: 1n }], f.token.address, TOKEN_PRICE)], {
        account: buyer.account,
      }),
      f.listings,
      "ListingRegistryTokenNotAllowed",
      [f.token.address],
    );
  });

  it("fails, rather than overcharges, an order whose price was raised after the buyer signed", async () => {
    const f = await load();
    const { buyer, relayer } = f.accounts;
    const v1 = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
    const v2 = await publishListing(f, {
      sku: v1.listing.sku,
      version: 2n,
      token: f.token.address,
      price: 2n * TOKEN_PRICE,
    });
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: buyer.account });

    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder(
        [orderRequest([{ listingId: v1.listingId, quantity: 1n }], f.token.address, TOKEN_PRICE)],
        { account: buyer.account },
      ),
      f.listings,
      "ListingRegistryNotActive",
      [v1.listingId, 2],
    );
    const deadline = BigInt(await f.connection.networkHelpers.time.latest()) + 3_600n;
    const intent: Intent = {
      buyer: buyer.account.address,
      request: orderRequest([{ listingId: v2.listingId, quantity: 1n }], f.token.address, TOKEN_PRICE),
      voucher: NO_VOUCHER_DIGEST,
      nonce: 7n,
      deadline,
    };
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrderFor([intent, await signIntent(f, buyer, intent), NO_VOUCHER, NO_PERMIT], {
        account: relayer.account,
      }),
      f.escrow,
      "OrderEscrowTotalAboveMax",
      [2n * TOKEN_PRICE, TOKEN_PRICE],
    );
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), 0n);
    assert.equal(await stockOf(f, v2.listingId), 10n);
  });

  it("refuses a listing invalidated by the merchant's counter", async () => {
    const f = await load();
    const { buyer, merchant } = f.accounts;
    const { listingId } = await publishListing(f);
    await placeNativeOrder(f, listingId);
    await f.merchants.write.incrementCounter([merchant.account.address], { account: merchant.account });
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest([{ listingId, quantity: 1n }], NATIVE_TOKEN, PRICE)], {
        account: buyer.account,
        value: PRICE,
      }),
      f.listings,
      "ListingRegistryStaleCounter",
      [merchant.account.address, 0n, 1n],
    );
  });

  it("refuses a malleable (high-s) copy of a buyer's intent signature", async () => {
    const f = await load();
    const { buyer, relayer } = f.accounts;
    const { listingId } = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
    await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    const deadline = BigInt(await f.connection.networkHelpers.time.latest()) + 3_600n;
    const intent: Intent = {
      buyer: buyer.account.address,
      request: orderRequest([{ listingId, quantity: 1n }], f.token.address, TOKEN_PRICE),
      voucher: NO_VOUCHER_DIGEST,
      nonce: 1n,
      deadline,
    };
    const signature = await signIntent(f, buyer, intent);
    const { r, s, yParity } = parseSignature(signature);
    const highS = serializeSignature({
      r,
      s: numberToHex(SECP256K1_N - hexToBigInt(s), { size: 32 }),
      yParity: 1 - yParity,
    });

    await reverts(
      f,
      f.escrow.write.placeOrderFor([intent, highS, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
      "OrderEscrowInvalidSignature",
      [buyer.account.address],
    );
    await f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account });
  });

  it("refuses to act on one order with the terms of another", async () => {
    const f = await load();
    const { buyer, buyer2 } = f.accounts;
    const { listingId } = await publishListing(f);
    const mine = await placeNativeOrder(f, listingId, { quantity: 5n });
    const theirs = await placeNativeOrder(f, listingId, { buyer: buyer2 });
    await reverts(
      f,
      f.escrow.write.cancelOrder([theirs.orderId, mine.terms], { account: buyer.account }),
      "OrderEscrowTermsMismatch",
      [theirs.orderId],
    );
  });

  it("stops new orders of a suspended merchant but still refunds, completes and pays out existing ones", async () => {
    const f = await load();
    const { buyer, merchant, payout, registrar, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const { listingId: tokenId } = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
    const [toRefund, toConfirm, toFinalize, toReclaim] = [
      await placeNativeOrder(f, listingId),
      await placeNativeOrder(f, listingId),
      await placeNativeOrder(f, listingId),
      await placeTokenOrder(f, tokenId),
    ];
    await shipOrder(f, toConfirm.orderId, toConfirm.terms);
    await shipOrder(f, toFinalize.orderId, toFinalize.terms);
    await f.merchants.write.suspend([merchant.account.address, EVIDENCE_CID], { account: registrar.account });

    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([orderRequest([{ listingId, quantity: 1n }], NATIVE_TOKEN, PRICE)], {
        account: buyer.account,
        value: PRICE,
      }),
      f.listings,
      "ListingRegistryMerchantNotActive",
      [merchant.account.address],
    );
    await f.escrow.write.refundOrder([toRefund.orderId, toRefund.terms, PRICE, EVIDENCE_CID], {
      account: merchant.account,
    });
    await f.escrow.write.confirmDelivery([toConfirm.orderId, toConfirm.terms], { account: buyer.account });
    await f.connection.networkHelpers.time.increase(15 * 86_400);
    await f.escrow.write.finalizeOrder([toFinalize.orderId, toFinalize.terms], { account: stranger.account });
    await f.escrow.write.reclaimOrder([toReclaim.orderId, toReclaim.terms], { account: stranger.account });

    const earned = 2n * (PRICE - (PRICE * FEE_BPS) / 10_000n);
    await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([NATIVE_TOKEN], { account: payout.account }), [
      { address: payout.account.address, amount: earned },
    ]);
    await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([NATIVE_TOKEN], { account: buyer.account }), [
      { address: buyer.account.address, amount: PRICE },
    ]);
    await f.escrow.write.withdraw([f.token.address], { account: buyer.account });
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), 0n);
  });

  it("a merchant cannot take an unshipped order's money by refunding nothing", async () => {
    const f = await load();
    const { buyer, merchant, payout, stranger, treasury } = f.accounts;
    const { listingId } = await publishListing(f);
    const placed = await placeNativeOrder(f, listingId, { quantity: 2n });
    const accepted = await placeNativeOrder(f, listingId, { quantity: 2n });
    await f.escrow.write.acceptOrder([accepted.orderId, accepted.terms], { account: merchant.account });

    for (const order of [placed, accepted]) {
      const { orderId, terms } = order;
      await reverts(f, refund(f, order, 0n), "OrderEscrowInvalidRefund", [orderId, 0n, terms.total]);
      await f.viem.assertions.emitWithArgs(refund(f, order, 1n), f.escrow, "OrderRefunded", [
        orderId,
        1n,
        terms.total - 1n,
        EVIDENCE_CID,
      ]);
    }
    assert.deepEqual(
      [await statusOf(f, placed.orderId), await statusOf(f, accepted.orderId)],
      [Status.Placed, Status.Accepted],
    );
    assert.deepEqual(await f.escrow.getEvents.OrderSettled({}, { fromBlock: 0n }), []);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), 0n);

    // The buyer still cancels the placed order, and anyone reclaims the accepted one it never shipped.
    const cancel = f.escrow.write.cancelOrder([placed.orderId, placed.terms], { account: buyer.account });
    await f.viem.assertions.emitWithArgs(cancel, f.escrow, "OrderSettled", [
      placed.orderId,
      payout.account.address,
      0n,
      placed.terms.total - 1n,
      0n,
    ]);
    await passDeadline(f, accepted.orderId);
    const reclaim = f.escrow.write.reclaimOrder([accepted.orderId, accepted.terms], { account: stranger.account });
    await f.viem.assertions.emitWithArgs(reclaim, f.escrow, "OrderSettled", [
      accepted.orderId,
      payout.account.address,
      0n,
      accepted.terms.total - 1n,
      0n,
    ]);
    assert.equal(await stockOf(f, listingId), 10n);
    for (const wallet of [payout, treasury, merchant])
      assert.equal(await balanceOf(f, wallet.account.address, NATIVE_TOKEN), 0n);
    await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([NATIVE_TOKEN], { account: buyer.account }), [
      { address: buyer.account.address, amount: placed.terms.total + accepted.terms.total },
    ]);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), 0n);
  });

  it("a merchant's partial refund leaves a dispute Disputed, for the arbiter or the default to end", async () => {
    const f = await load();
    const { buyer, merchant, payout, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const order = await placeNativeOrder(f, listingId, { quantity: 2n });
    const { orderId, terms } = order;
    await disputeOrder(f, orderId, terms);
    const ruleBy = await deadlineOf(f, orderId);

    await refund(f, order, 1n);
    assert.equal(await statusOf(f, orderId), Status.Disputed);
    assert.equal(await deadlineOf(f, orderId), ruleBy);
    const asMerchant = { account: merchant.account };
    await reverts(
      f,
      f.escrow.write.ruleDispute([orderId, terms, 0n, EVIDENCE_CID], asMerchant),
      "AccessManagedUnauthorized",
      [merchant.account.address],
    );
    await reverts(f, f.escrow.write.confirmDelivery([orderId, terms], asMerchant), "OrderEscrowNotBuyer", [
      orderId,
      merchant.account.address,
    ]);
    await reverts(f, f.escrow.write.finalizeOrder([orderId, terms], asMerchant), "OrderEscrowInvalidStatus", [
      orderId,
      Status.Disputed,
    ]);
    await reverts(f, f.escrow.write.settleDispute([orderId, terms], asMerchant), "OrderEscrowDeadlineNotReached", [
      orderId,
      ruleBy,
    ]);

    // With no ruling, the default split (all to the buyer in this deployment) applies to what is left.
    await passDeadline(f, orderId);
    const settle = f.escrow.write.settleDispute([orderId, terms], { account: stranger.account });
    await f.viem.assertions.emitWithArgs(settle, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      0n,
      terms.total - 1n,
      0n,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Resolved);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), 0n);
  });

  it("bounds the arbiter's ruling after partial refunds by what the order still holds", async () => {
    const f = await load();
    const { arbiter, buyer, payout, treasury } = f.accounts;
    const { listingId } = await publishListing(f);
    const order = await placeNativeOrder(f, listingId, { quantity: 4n });
    const { orderId, terms } = order;
    await disputeOrder(f, orderId, terms);
    await refund(f, order, PRICE);
    await refund(f, order, PRICE / 2n);
    const left = terms.total - PRICE - PRICE / 2n;
    const rule = (buyerAmount: bigint) =>
      f.escrow.write.ruleDispute([orderId, terms, buyerAmount, EVIDENCE_CID], { account: arbiter.account });

    for (const tooMuch of [terms.total, left + 1n]) {
      await reverts(f, rule(tooMuch), "OrderEscrowAmountTooLarge", [tooMuch]);
    }
    const toBuyer = left / 3n;
    const fee = feeOf(left - toBuyer, Number(FEE_BPS));
    await f.viem.assertions.emitWithArgs(rule(toBuyer), f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      left - toBuyer - fee,
      toBuyer,
      fee,
    ]);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), PRICE + PRICE / 2n + toBuyer);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), left - toBuyer - fee);
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), fee);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), terms.total);
  });
});
