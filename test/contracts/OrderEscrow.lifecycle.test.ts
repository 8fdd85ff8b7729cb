import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress, zeroAddress } from "viem";
import { NATIVE_TOKEN } from "../../sdk/eip712.ts";
import { PRICE, placeNativeOrder, publishListing, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import {
  EVIDENCE_CID,
  Status,
  balanceOf,
  deadlineOf,
  disputeOrder,
  feeOf,
  passDeadline,
  reverts,
  shipOrder,
  statusOf,
  stockOf,
} from "../fixtures/orders.ts";

const FEE_BPS = 100;
const DEFAULT_BUYER_BPS = 4_000n;

/** A native order of `quantity` units of a fresh 10-unit listing. */
async function order(f: CommerceFixture, quantity = 2n) {
  const { listingId } = await publishListing(f);
  return { listingId, ...(await placeNativeOrder(f, listingId, { quantity })) };
}

describe("OrderEscrow lifecycle", async () => {
  const { load } = await useCommerce({ feeBps: FEE_BPS, defaultBuyerBps: DEFAULT_BUYER_BPS });

  it("completes on the buyer's confirmation: payout gets the total less the fee, the treasury the fee", async () => {
    const f = await load();
    const { merchant, buyer, payout, treasury } = f.accounts;
    const { listingId, orderId, terms } = await order(f);
    assert.equal(terms.total, 2n * PRICE);
    assert.equal(await stockOf(f, listingId), 8n);

    await f.viem.assertions.emitWithArgs(
      f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account }),
      f.escrow,
      "OrderAccepted",
      [orderId],
    );
    const ship = f.escrow.write.shipOrder([orderId, terms, EVIDENCE_CID], { account: merchant.account });
    await f.viem.assertions.emit(ship, f.escrow, "OrderShipped");
    assert.equal(await statusOf(f, orderId), Status.Shipped);

    const fee = feeOf(terms.total, FEE_BPS);
    const confirm = f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    await f.viem.assertions.emitWithArgs(confirm, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      terms.total - fee,
      0n,
      fee,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Completed);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), terms.total - fee);
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), fee);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), 0n);
    assert.equal(await stockOf(f, listingId), 8n);
  });

  it("refuses merchant calls from the buyer or another merchant, and buyer calls from the merchant", async () => {
    const f = await load();
    const { buyer, merchant, merchant2 } = f.accounts;
    const { orderId, terms } = await order(f);
    for (const wallet of [buyer, merchant2]) {
      const caller = wallet.account.address;
      await reverts(
        f,
        f.escrow.write.acceptOrder([orderId, terms], { account: wallet.account }),
        "OrderEscrowNotMerchant",
        [orderId, caller],
      );
      await reverts(
        f,
        f.escrow.write.shipOrder([orderId, terms, EVIDENCE_CID], { account: wallet.account }),
        "OrderEscrowNotMerchant",
        [orderId, caller],
      );
    }
    await shipOrder(f, orderId, terms);
    await reverts(
      f,
      f.escrow.write.confirmDelivery([orderId, terms], { account: merchant.account }),
      "OrderEscrowNotBuyer",
      [orderId, merchant.account.address],
    );
  });

  it("lets anyone complete a shipped order once its confirmation window has passed, and not before", async () => {
    const f = await load();
    const { stranger, payout } = f.accounts;
    const { orderId, terms } = await order(f);
    await shipOrder(f, orderId, terms);
    const confirmBy = await deadlineOf(f, orderId);
    assert.equal(confirmBy, (await f.connection.networkHelpers.time.latest()) + 14 * 86_400);

    await reverts(
      f,
      f.escrow.write.finalizeOrder([orderId, terms], { account: stranger.account }),
      "OrderEscrowDeadlineNotReached",
      [orderId, confirmBy],
    );
    await passDeadline(f, orderId);
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.finalizeOrder([orderId, terms], { account: stranger.account }),
      f.escrow,
      "OrderCompleted",
      [orderId, false],
    );
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), terms.total - feeOf(terms.total, FEE_BPS));
  });

  it("lets the buyer cancel before acceptance, restoring stock and crediting the whole total", async () => {
    const f = await load();
    const { buyer, payout } = f.accounts;
    const { listingId, orderId, terms } = await order(f);

    const cancel = f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    await f.viem.assertions.emitWithArgs(cancel, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      0n,
      terms.total,
      0n,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Cancelled);
    assert.equal(await stockOf(f, listingId), 10n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total);
  });

  it("refuses a cancel by anyone but the buyer, and by the buyer once the merchant accepted", async () => {
    const f = await load();
    const { buyer, merchant, stranger } = f.accounts;
    const { orderId, terms } = await order(f);

    await reverts(
      f,
      f.escrow.write.cancelOrder([orderId, terms], { account: stranger.account }),
      "OrderEscrowNotBuyer",
      [orderId, stranger.account.address],
    );
    await f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account });
    await reverts(
      f,
      f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account }),
      "OrderEscrowInvalidStatus",
      [orderId, Status.Accepted],
    );
  });

  it("lets the merchant or its hot signer reject an order, restoring stock and refunding the buyer fully", async () => {
    const f = await load();
    const { buyer, merchant, merchantSigner, stranger } = f.accounts;
    const { listingId, orderId, terms } = await order(f);
    const second = await placeNativeOrder(f, listingId, { quantity: 3n });
    assert.equal(await stockOf(f, listingId), 5n);

    await reverts(
      f,
      f.escrow.write.rejectOrder([orderId, terms, EVIDENCE_CID], { account: stranger.account }),
      "OrderEscrowNotMerchant",
      [orderId, stranger.account.address],
    );
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.rejectOrder([orderId, terms, EVIDENCE_CID], { account: merchant.account }),
      f.escrow,
      "OrderRejected",
      [orderId, EVIDENCE_CID],
    );
    await f.escrow.write.acceptOrder([second.orderId, second.terms], { account: merchantSigner.account });
    await f.escrow.write.rejectOrder([second.orderId, second.terms, EVIDENCE_CID], { account: merchantSigner.account });

    assert.equal(await statusOf(f, second.orderId), Status.Rejected);
    assert.equal(await stockOf(f, listingId), 10n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total + second.terms.total);
  });

  it("refunds an accepted order in full: Refunded, stock restored, the buyer credited everything", async () => {
    const f = await load();
    const { buyer, merchant, payout } = f.accounts;
    const { listingId, orderId, terms } = await order(f);
    await f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account });

    const refund = f.escrow.write.refundOrder([orderId, terms, terms.total, EVIDENCE_CID], {
      account: merchant.account,
    });
    await f.viem.assertions.emitWithArgs(refund, f.escrow, "OrderRefunded", [orderId, terms.total, 0n, EVIDENCE_CID]);
    const [settled] = await f.escrow.getEvents.OrderSettled({ orderId }, { fromBlock: 0n });
    assert.deepEqual(settled.args, {
      orderId,
      payout: getAddress(payout.account.address),
      merchantAmount: 0n,
      buyerAmount: terms.total,
      feeAmount: 0n,
    });
    assert.equal(await statusOf(f, orderId), Status.Refunded);
    assert.equal(await stockOf(f, listingId), 10n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total);
  });

  it("refuses a refund of nothing, of more than the order still holds, or by anyone but the merchant", async () => {
    const f = await load();
    const { merchantSigner, stranger } = f.accounts;
    const { orderId, terms } = await order(f);
    const refund = (amount: bigint, wallet = merchantSigner) =>
      f.escrow.write.refundOrder([orderId, terms, amount, EVIDENCE_CID], { account: wallet.account });
    const part = PRICE / 2n;
    const left = terms.total - part;

    await reverts(f, refund(0n), "OrderEscrowInvalidRefund", [orderId, 0n, terms.total]);
    await reverts(f, refund(terms.total + 1n), "OrderEscrowInvalidRefund", [orderId, terms.total + 1n, terms.total]);
    await reverts(f, refund(1n, stranger), "OrderEscrowNotMerchant", [orderId, stranger.account.address]);
    await refund(part);
    await reverts(f, refund(left + 1n), "OrderEscrowInvalidRefund", [orderId, left + 1n, left]);
    await reverts(f, refund(0n), "OrderEscrowInvalidRefund", [orderId, 0n, left]);
    assert.equal(await statusOf(f, orderId), Status.Placed);
  });

  it("partially refunds a shipped order at once, keeping it open; completion pays the rest less its fee", async () => {
    const f = await load();
    const { buyer, merchantSigner, payout, treasury } = f.accounts;
    const { listingId, orderId, terms } = await order(f);
    await shipOrder(f, orderId, terms);
    const confirmBy = await deadlineOf(f, orderId);
    const part = PRICE / 2n;
    const left = terms.total - part;

    const hash = await f.escrow.write.refundOrder([orderId, terms, part, EVIDENCE_CID], {
      account: merchantSigner.account,
    });
    const [refunded] = await f.escrow.getEvents.OrderRefunded({ orderId }, { fromBlock: 0n });
    assert.deepEqual(refunded.args, { orderId, amount: part, remaining: left, reasonCid: EVIDENCE_CID });
    assert.equal(refunded.transactionHash, hash);
    assert.deepEqual(await f.escrow.getEvents.OrderSettled({ orderId }, { fromBlock: 0n }), []);
    assert.equal(await statusOf(f, orderId), Status.Shipped);
    assert.equal(await deadlineOf(f, orderId), confirmBy);
    assert.equal(await stockOf(f, listingId), 8n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), part);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), 0n);

    const fee = feeOf(left, FEE_BPS);
    const confirm = f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    await f.viem.assertions.emitWithArgs(confirm, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      left - fee,
      0n,
      fee,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Completed);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), part);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), left - fee);
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), fee);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), terms.total);
  });

  it("ends an order as Refunded after partial refunds and a full refund of the rest, restoring stock", async () => {
    const f = await load();
    const { buyer, merchant, payout } = f.accounts;
    const { listingId, orderId, terms } = await order(f, 3n);
    const refund = (amount: bigint) =>
      f.escrow.write.refundOrder([orderId, terms, amount, EVIDENCE_CID], { account: merchant.account });

    await f.viem.assertions.emitWithArgs(refund(1n), f.escrow, "OrderRefunded", [
      orderId,
      1n,
      terms.total - 1n,
      EVIDENCE_CID,
    ]);
    await f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account });
    await f.viem.assertions.emitWithArgs(refund(PRICE), f.escrow, "OrderRefunded", [
      orderId,
      PRICE,
      terms.total - 1n - PRICE,
      EVIDENCE_CID,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Accepted);
    assert.equal(await f.escrow.read.refundedOf([orderId]), PRICE + 1n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), PRICE + 1n);

    const rest = terms.total - 1n - PRICE;
    await f.viem.assertions.emitWithArgs(refund(rest), f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      0n,
      rest,
      0n,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Refunded);
    assert.equal(await stockOf(f, listingId), 10n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), 0n);
  });

  it("lets anyone reclaim an unshipped order for the buyer after the ship-by deadline, restoring stock", async () => {
    const f = await load();
    const { buyer, merchant, stranger } = f.accounts;
    const { listingId, orderId, terms } = await order(f);
    const accepted = await placeNativeOrder(f, listingId);
    await f.escrow.write.acceptOrder([accepted.orderId, accepted.terms], { account: merchant.account });
    const shipBy = await deadlineOf(f, orderId);

    await reverts(
      f,
      f.escrow.write.reclaimOrder([orderId, terms], { account: stranger.account }),
      "OrderEscrowDeadlineNotReached",
      [orderId, shipBy],
    );
    await passDeadline(f, accepted.orderId);
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.reclaimOrder([orderId, terms], { account: stranger.account }),
      f.escrow,
      "OrderReclaimed",
      [orderId],
    );
    await f.escrow.write.reclaimOrder([accepted.orderId, accepted.terms], { account: stranger.account });

    assert.equal(await statusOf(f, accepted.orderId), Status.Reclaimed);
    assert.equal(await stockOf(f, listingId), 10n);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), terms.total + accepted.terms.total);
  });

  it("refuses to ship after the ship-by deadline", async () => {
    const f = await load();
    const { merchant } = f.accounts;
    const { orderId, terms } = await order(f);
    await f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account });
    const shipBy = await deadlineOf(f, orderId);
    await passDeadline(f, orderId);

    await reverts(
      f,
      f.escrow.write.shipOrder([orderId, terms, EVIDENCE_CID], { account: merchant.account }),
      "OrderEscrowDeadlinePassed",
      [orderId, shipBy],
    );
  });

  it("lets only the buyer dispute, only a shipped order, and only within the confirmation window", async () => {
    const f = await load();
    const { buyer, stranger } = f.accounts;
    const { orderId, terms } = await order(f);
    const late = await order(f);

    await reverts(
      f,
      f.escrow.write.disputeOrder([orderId, EVIDENCE_CID], { account: buyer.account }),
      "OrderEscrowInvalidStatus",
      [orderId, Status.Placed],
    );
    await shipOrder(f, orderId, terms);
    await shipOrder(f, late.orderId, late.terms);
    await reverts(
      f,
      f.escrow.write.disputeOrder([orderId, EVIDENCE_CID], { account: stranger.account }),
      "OrderEscrowNotBuyer",
      [orderId, stranger.account.address],
    );
    await f.viem.assertions.emit(
      f.escrow.write.disputeOrder([orderId, EVIDENCE_CID], { account: buyer.account }),
      f.escrow,
      "OrderDisputed",
    );
    assert.equal(await statusOf(f, orderId), Status.Disputed);

    const confirmBy = await deadlineOf(f, late.orderId);
    await passDeadline(f, late.orderId);
    await reverts(
      f,
      f.escrow.write.disputeOrder([late.orderId, EVIDENCE_CID], { account: buyer.account }),
      "OrderEscrowDeadlinePassed",
      [late.orderId, confirmBy],
    );
  });

  it("lets an arbiter, and only an arbiter, rule a split of a disputed order", async () => {
    const f = await load();
    const { arbiter, buyer, payout, stranger } = f.accounts;
    const { orderId, terms } = await order(f);
    await disputeOrder(f, orderId, terms);

    await reverts(
      f,
      f.escrow.write.ruleDispute([orderId, terms, 0n, EVIDENCE_CID], { account: stranger.account }),
      "AccessManagedUnauthorized",
      [stranger.account.address],
    );
    await reverts(
      f,
      f.escrow.write.ruleDispute([orderId, terms, terms.total + 1n, EVIDENCE_CID], { account: arbiter.account }),
      "OrderEscrowAmountTooLarge",
      [terms.total + 1n],
    );
    const toBuyer = (terms.total * 3n) / 4n;
    const fee = feeOf(terms.total - toBuyer, FEE_BPS);
    const rule = f.escrow.write.ruleDispute([orderId, terms, toBuyer, EVIDENCE_CID], { account: arbiter.account });
    await f.viem.assertions.emitWithArgs(rule, f.escrow, "OrderResolved", [
      orderId,
      arbiter.account.address,
      toBuyer,
      EVIDENCE_CID,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Resolved);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), toBuyer);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), terms.total - toBuyer - fee);
  });

  it("lets anyone settle a dispute left unruled past the ruling window with the default split", async () => {
    const f = await load();
    const { buyer, payout, stranger, treasury } = f.accounts;
    const { orderId, terms } = await order(f);
    await disputeOrder(f, orderId, terms);
    const ruleBy = await deadlineOf(f, orderId);

    await reverts(
      f,
      f.escrow.write.settleDispute([orderId, terms], { account: stranger.account }),
      "OrderEscrowDeadlineNotReached",
      [orderId, ruleBy],
    );
    await passDeadline(f, orderId);
    const toBuyer = (terms.total * DEFAULT_BUYER_BPS) / 10_000n;
    const fee = feeOf(terms.total - toBuyer, FEE_BPS);
    const settle = f.escrow.write.settleDispute([orderId, terms], { account: stranger.account });
    await f.viem.assertions.emitWithArgs(settle, f.escrow, "OrderResolved", [orderId, zeroAddress, toBuyer, ""]);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), toBuyer);
    assert.equal(await balanceOf(f, payout.account.address, NATIVE_TOKEN), terms.total - toBuyer - fee);
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), fee);
  });

  it("binds the arbiter to the ruling window: a ruling in its last second counts, then only the default", async () => {
    const f = await load();
    const { arbiter, buyer, stranger } = f.accounts;
    const { time } = f.connection.networkHelpers;
    const inTime = await order(f);
    const late = await order(f);
    await disputeOrder(f, inTime.orderId, inTime.terms);
    await disputeOrder(f, late.orderId, late.terms);

    await time.setNextBlockTimestamp(await deadlineOf(f, inTime.orderId));
    const toBuyer = inTime.terms.total / 2n;
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.ruleDispute([inTime.orderId, inTime.terms, toBuyer, EVIDENCE_CID], { account: arbiter.account }),
      f.escrow,
      "OrderResolved",
      [inTime.orderId, arbiter.account.address, toBuyer, EVIDENCE_CID],
    );

    const ruleBy = await deadlineOf(f, late.orderId);
    await passDeadline(f, late.orderId);
    await reverts(
      f,
      f.escrow.write.ruleDispute([late.orderId, late.terms, 0n, EVIDENCE_CID], { account: arbiter.account }),
      "OrderEscrowRulingWindowClosed",
      [late.orderId, ruleBy],
    );
    const toBuyerByDefault = (late.terms.total * DEFAULT_BUYER_BPS) / 10_000n;
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.settleDispute([late.orderId, late.terms], { account: stranger.account }),
      f.escrow,
      "OrderResolved",
      [late.orderId, zeroAddress, toBuyerByDefault, ""],
    );
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), toBuyer + toBuyerByDefault);
  });

  it("applies the default split to what a disputed order still holds after a partial refund", async () => {
    const f = await load();
    const { buyer, merchant, payout, stranger, treasury } = f.accounts;
    const { orderId, terms } = await order(f);
    await disputeOrder(f, orderId, terms);
    await f.escrow.write.refundOrder([orderId, terms, PRICE / 2n, EVIDENCE_CID], { account: merchant.account });
    const left = terms.total - PRICE / 2n;

    await passDeadline(f, orderId);
    const toBuyer = (left * DEFAULT_BUYER_BPS) / 10_000n;
    const fee = feeOf(left - toBuyer, FEE_BPS);
    const settle = f.escrow.write.settleDispute([orderId, terms], { account: stranger.account });
    await f.viem.assertions.emitWithArgs(settle, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      left - toBuyer - fee,
      toBuyer,
      fee,
    ]);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), PRICE / 2n + toBuyer);
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), fee);
  });

  it("lets the buyer withdraw a dispute by confirming delivery, paying the merchant what the order holds", async () => {
    const f = await load();
    const { buyer, merchant, payout } = f.accounts;
    const { orderId, terms } = await order(f);
    await disputeOrder(f, orderId, terms);
    await f.escrow.write.refundOrder([orderId, terms, PRICE / 4n, EVIDENCE_CID], { account: merchant.account });
    const left = terms.total - PRICE / 4n;
    const fee = feeOf(left, FEE_BPS);

    const confirm = f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    await f.viem.assertions.emitWithArgs(confirm, f.escrow, "OrderSettled", [
      orderId,
      payout.account.address,
      left - fee,
      0n,
      fee,
    ]);
    assert.equal(await statusOf(f, orderId), Status.Completed);
    assert.equal(await balanceOf(f, buyer.account.address, NATIVE_TOKEN), PRICE / 4n);
  });

  it("rejects terms that differ from the ones the order was placed with, and unknown orders", async () => {
    const f = await load();
    const { buyer, buyer2, merchant } = f.accounts;
    const { orderId, terms } = await order(f);
    const tampered = [
      { ...terms, total: terms.total - 1n },
      { ...terms, buyer: buyer2.account.address },
      { ...terms, feeBps: 0 },
      { ...terms, lines: [{ ...terms.lines[0], quantity: 1n }] },
    ];
    for (const bad of tampered) {
      await reverts(
        f,
        f.escrow.write.acceptOrder([orderId, bad], { account: merchant.account }),
        "OrderEscrowTermsMismatch",
        [orderId],
      );
    }
    await reverts(
      f,
      f.escrow.write.cancelOrder([orderId, { ...terms, total: 0n }], { account: buyer.account }),
      "OrderEscrowTermsMismatch",
      [orderId],
    );
    await reverts(
      f,
      f.escrow.write.cancelOrder([orderId + 1n, terms], { account: buyer.account }),
      "OrderEscrowUnknownOrder",
      [orderId + 1n],
    );
  });

  it("keeps every terminal state final: no lifecycle call succeeds after it", async () => {
    const f = await load();
    const { arbiter, buyer, merchant, stranger } = f.accounts;
    const completed = await order(f, 1n);
    const cancelled = await order(f, 1n);
    const rejected = await order(f, 1n);
    const refunded = await order(f, 1n);
    const resolved = await order(f, 1n);
    const reclaimed = await order(f, 1n);
    await shipOrder(f, completed.orderId, completed.terms);
    await f.escrow.write.confirmDelivery([completed.orderId, completed.terms], { account: buyer.account });
    await f.escrow.write.cancelOrder([cancelled.orderId, cancelled.terms], { account: buyer.account });
    await f.escrow.write.rejectOrder([rejected.orderId, rejected.terms, EVIDENCE_CID], { account: merchant.account });
    await f.escrow.write.refundOrder([refunded.orderId, refunded.terms, refunded.terms.total, EVIDENCE_CID], {
      account: merchant.account,
    });
    await disputeOrder(f, resolved.orderId, resolved.terms);
    await f.escrow.write.ruleDispute([resolved.orderId, resolved.terms, 0n, EVIDENCE_CID], {
      account: arbiter.account,
    });
    await passDeadline(f, reclaimed.orderId);
    await f.escrow.write.reclaimOrder([reclaimed.orderId, reclaimed.terms], { account: stranger.account });

    const finals = [
      [completed, Status.Completed],
      [cancelled, Status.Cancelled],
      [rejected, Status.Rejected],
      [refunded, Status.Refunded],
      [resolved, Status.Resolved],
      [reclaimed, Status.Reclaimed],
    ] as const;
    for (const [{ orderId, terms }, status] of finals) {
      assert.equal(await statusOf(f, orderId), status);
      const calls = [
        () => f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account }),
        () => f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account }),
        () => f.escrow.write.rejectOrder([orderId, terms, EVIDENCE_CID], { account: merchant.account }),
        () => f.escrow.write.shipOrder([orderId, terms, EVIDENCE_CID], { account: merchant.account }),
        () => f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account }),
        () => f.escrow.write.finalizeOrder([orderId, terms], { account: stranger.account }),
        () => f.escrow.write.reclaimOrder([orderId, terms], { account: stranger.account }),
        () => f.escrow.write.refundOrder([orderId, terms, 0n, EVIDENCE_CID], { account: merchant.account }),
        () => f.escrow.write.disputeOrder([orderId, EVIDENCE_CID], { account: buyer.account }),
        () => f.escrow.write.ruleDispute([orderId, terms, 0n, EVIDENCE_CID], { account: arbiter.account }),
        () => f.escrow.write.settleDispute([orderId, terms], { account: stranger.account }),
      ];
      for (const call of calls) {
        await reverts(f, call(), "OrderEscrowInvalidStatus", [orderId, status]);
      }
    }
  });
});
