import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeFunctionData, getAddress, hashTypedData } from "viem";
import { escrowDomain, NATIVE_TOKEN, NO_PERMIT, NO_VOUCHER, orderIntentTypes } from "../../sdk/eip712.ts";
import { ROLES } from "../../sdk/roles.ts";
import {
  PRICE,
  TOKEN_PRICE,
  placeNativeOrder,
  placeTokenOrder,
  placedOrder,
  publishListing,
  signListing,
  makeListing,
  useCommerce,
} from "../fixtures/commerce.ts";
import {
  EVIDENCE_CID,
  Status,
  balanceOf,
  feeOf,
  makeVoucher,
  orderRequest,
  passDeadline,
  reverts,
  shipOrder,
  signIntent,
  signPermit,
  signVoucher,
  statusOf,
  stockOf,
  type Intent,
  intentFor,
  oneOf,
  tokenListing,
} from "../fixtures/orders.ts";

describe("OrderEscrow payments", async () => {
  const { load } = await useCommerce();

  it("takes native currency only as the exact total", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await publishListing(f);
    const request = orderRequest([{ listingId, quantity: 2n }], NATIVE_TOKEN, 2n * PRICE);
    for (const value of [2n * PRICE - 1n, 2n * PRICE + 1n, 0n]) {
      await reverts(
        f,
        f.escrow.write.placeOrder([request], { account: buyer.account, value }),
        "OrderEscrowIncorrectPayment",
        [2n * PRICE, value],
      );
    }
    await f.viem.assertions.balancesHaveChanged(
      f.escrow.write.placeOrder([request], { account: buyer.account, value: 2n * PRICE }),
      [
        { address: buyer.account.address, amount: -2n * PRICE },
        { address: f.escrow.address, amount: 2n * PRICE },
      ],
    );
  });

  it("pulls an approved ERC-20 total and refuses native currency sent along with it", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    await reverts(
      f,
      f.escrow.write.placeOrder([oneOf(f, listingId)], { account: buyer.account, value: 1n }),
      "OrderEscrowIncorrectPayment",
      [0n, 1n],
    );
    const before = await f.token.read.balanceOf([buyer.account.address]);
    const { terms } = await placeTokenOrder(f, listingId);
    assert.equal(terms.token, getAddress(f.token.address));
    assert.equal(await f.token.read.balanceOf([buyer.account.address]), before - TOKEN_PRICE);
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), TOKEN_PRICE);
  });

  it("places an ERC-20 order in one transaction with a permit, even if the permit was submitted first", async () => {
    const f = await load();
    const { buyer, buyer2, stranger } = f.accounts;
    const { listingId } = await tokenListing(f);
    const permit = await signPermit(f, buyer, TOKEN_PRICE);
    await placedOrder(
      f,
      await f.escrow.write.placeOrderWithPermit([oneOf(f, listingId), NO_VOUCHER, permit], { account: buyer.account }),
    );
    assert.equal(await f.token.read.allowance([buyer.account.address, f.escrow.address]), 0n);

    const frontRun = await signPermit(f, buyer2, TOKEN_PRICE);
    await f.token.write.permit(
      [buyer2.account.address, f.escrow.address, frontRun.value, frontRun.deadline, frontRun.v, frontRun.r, frontRun.s],
      {
        account: stranger.account,
      },
    );
    const { terms } = await placedOrder(
      f,
      await f.escrow.write.placeOrderWithPermit([oneOf(f, listingId), NO_VOUCHER, frontRun], {
        account: buyer2.account,
      }),
    );
    assert.equal(terms.buyer, getAddress(buyer2.account.address));
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), 2n * TOKEN_PRICE);
  });

  it("refuses the permit path for a native-currency order", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await publishListing(f);
    await f.viem.assertions.revertWithCustomError(
      f.escrow.write.placeOrderWithPermit([oneOf(f, listingId, PRICE, NATIVE_TOKEN), NO_VOUCHER, NO_PERMIT], {
        account: buyer.account,
      }),
      f.escrow,
      "OrderEscrowNativePermit",
    );
  });

  it("places a buyer's signed intent submitted by a relayer, paying from the buyer", async () => {
    const f = await load();
    const { buyer, relayer } = f.accounts;
    const { listingId } = await tokenListing(f);
    const intent = await intentFor(f, listingId);
    const permit = await signPermit(f, buyer, TOKEN_PRICE);
    const place = f.escrow.write.placeOrderFor([intent, await signIntent(f, buyer, intent), NO_VOUCHER, permit], {
      account: relayer.account,
    });
    await f.viem.assertions.emitWithArgs(place, f.escrow, "IntentNonceUsed", [buyer.account.address, 1n]);
    const [event] = await f.escrow.getEvents.OrderPlaced();
    assert.equal(event.args.buyer, getAddress(buyer.account.address));
    assert.equal(await f.escrow.read.isNonceUsed([buyer.account.address, 1n]), true);
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), TOKEN_PRICE);
  });

  it("refuses an expired intent, a replayed or invalidated nonce, and a native-currency intent", async () => {
    const f = await load();
    const { buyer, relayer } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: buyer.account });
    const place = async (intent: Intent) =>
      f.escrow.write.placeOrderFor([intent, await signIntent(f, buyer, intent), NO_VOUCHER, NO_PERMIT], {
        account: relayer.account,
      });

    const expired = await intentFor(f, listingId, {
      deadline: BigInt(await f.connection.networkHelpers.time.latest()),
    });
    await reverts(f, place(expired), "OrderEscrowIntentExpired", [expired.deadline]);

    const intent = await intentFor(f, listingId);
    await place(intent);
    await reverts(f, place(intent), "OrderEscrowNonceUsed", [buyer.account.address, 1n]);

    await f.viem.assertions.emitWithArgs(
      f.escrow.write.invalidateIntentNonce([2n], { account: buyer.account }),
      f.escrow,
      "IntentNonceUsed",
      [buyer.account.address, 2n],
    );
    await reverts(f, place({ ...intent, nonce: 2n }), "OrderEscrowNonceUsed", [buyer.account.address, 2n]);

    const { listingId: nativeId } = await publishListing(f);
    const native = await intentFor(f, nativeId, { nonce: 3n, request: oneOf(f, nativeId, PRICE, NATIVE_TOKEN) });
    await f.viem.assertions.revertWithCustomError(place(native), f.escrow, "OrderEscrowNativeIntent");
  });

  it("refuses an intent signed by someone else, for another chain id or for another escrow deployment", async () => {
    const f = await load();
    const { buyer, stranger, relayer, treasury } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    const intent = await intentFor(f, listingId);
    const config = await f.escrow.read.config();
    const other = await f.viem.deployContract("OrderEscrow", [
      f.manager.address,
      f.merchants.address,
      f.listings.address,
      config,
      100,
      treasury.account.address,
    ]);
    const otherDomain = escrowDomain(f.chainId, other.address);
    assert.equal(
      hashTypedData({ domain: otherDomain, types: orderIntentTypes, primaryType: "OrderIntent", message: intent }),
      await other.read.hashIntent([intent]),
    );

    for (const signature of [
      await signIntent(f, stranger, intent),
      await signIntent(f, buyer, intent, escrowDomain(f.chainId + 1, f.escrow.address)),
      await signIntent(f, buyer, intent, otherDomain),
    ]) {
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
        f.escrow,
        "OrderEscrowInvalidSignature",
        [buyer.account.address],
      );
    }
    assert.equal(await f.escrow.read.isNonceUsed([buyer.account.address, 1n]), false);
  });

  it("places an intent of a smart-contract wallet buyer signed by its owner key (ERC-1271)", async () => {
    const f = await load();
    const { buyer2, relayer, stranger } = f.accounts;
    const { listingId } = await tokenListing(f);
    const wallet = await f.viem.deployContract("ERC1271Wallet", [buyer2.account.address]);
    await f.token.write.mint([wallet.address, TOKEN_PRICE]);
    const approve = encodeFunctionData({
      abi: f.token.abi,
      functionName: "approve",
      args: [f.escrow.address, TOKEN_PRICE],
    });
    await wallet.write.execute([f.token.address, approve], { account: buyer2.account });
    const intent = await intentFor(f, listingId, { buyer: wallet.address });

    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrderFor([intent, await signIntent(f, stranger, intent), NO_VOUCHER, NO_PERMIT], {
        account: relayer.account,
      }),
      f.escrow,
      "OrderEscrowInvalidSignature",
      [wallet.address],
    );
    const hash = await f.escrow.write.placeOrderFor(
      [intent, await signIntent(f, buyer2, intent), NO_VOUCHER, NO_PERMIT],
      { account: relayer.account },
    );
    assert.equal((await placedOrder(f, hash)).terms.buyer, getAddress(wallet.address));
  });

  it("applies amount and basis-point vouchers, with maxTotal bounding the discounted total", async () => {
    const f = await load();
    const { buyer, merchant } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: buyer.account });
    const request = orderRequest([{ listingId, quantity: 2n }], f.token.address, 2n * TOKEN_PRICE);

    const amountOff = await signVoucher(f, await makeVoucher(f, { amountOff: TOKEN_PRICE / 5n, bpsOff: 0 }));
    const place = f.escrow.write.placeOrderWithVoucher(
      [{ ...request, maxTotal: 2n * TOKEN_PRICE - TOKEN_PRICE / 5n }, amountOff],
      { account: buyer.account },
    );
    await f.viem.assertions.emitWithArgs(place, f.escrow, "VoucherRedeemed", [
      amountOff.voucher.id,
      merchant.account.address,
      1n,
      TOKEN_PRICE / 5n,
    ]);
    assert.equal((await f.escrow.getEvents.OrderPlaced())[0].args.terms?.total, 2n * TOKEN_PRICE - TOKEN_PRICE / 5n);

    const bpsOff = await signVoucher(
      f,
      await makeVoucher(f, { id: `0x${"02".repeat(32)}`, bpsOff: 2_500, buyer: buyer.account.address }),
      merchant,
    );
    const discounted = (2n * TOKEN_PRICE * 3n) / 4n;
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrderWithVoucher([{ ...request, maxTotal: discounted - 1n }, bpsOff], {
        account: buyer.account,
      }),
      f.escrow,
      "OrderEscrowTotalAboveMax",
      [discounted, discounted - 1n],
    );
    const { terms } = await placedOrder(
      f,
      await f.escrow.write.placeOrderWithVoucher([{ ...request, maxTotal: discounted }, bpsOff], {
        account: buyer.account,
      }),
    );
    assert.equal(terms.total, discounted);
    assert.equal(await f.escrow.read.voucherUses([await f.escrow.read.hashVoucher([bpsOff.voucher])]), 1);
  });

  it("refuses a voucher: other merchant/buyer, expired, used up, old counter, stranger, both/no discount", async () => {
    const f = await load();
    const { buyer, buyer2, merchant2, stranger } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: buyer.account });
    const now = await f.connection.networkHelpers.time.latest();
    const reused = await signVoucher(f, await makeVoucher(f));
    await f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), reused], { account: buyer.account });

    const cases = [
      ["merchant", await signVoucher(f, await makeVoucher(f, { merchant: merchant2.account.address }), merchant2)],
      ["buyer", await signVoucher(f, await makeVoucher(f, { buyer: buyer2.account.address }))],
      ["expiry", await signVoucher(f, await makeVoucher(f, { expiry: now - 1 }))],
      ["maxUses", reused],
      ["maxUses", await signVoucher(f, await makeVoucher(f, { maxUses: 0 }))],
      ["discount", await signVoucher(f, await makeVoucher(f, { amountOff: 1n, bpsOff: 100 }))],
      ["discount", await signVoucher(f, await makeVoucher(f, { amountOff: 0n, bpsOff: 0 }))],
      ["counter", await signVoucher(f, await makeVoucher(f, { counter: 1n }))],
      ["signature", await signVoucher(f, await makeVoucher(f), stranger)],
    ] as const;
    for (const [reason, voucher] of cases) {
      await reverts(
        f,
        f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), voucher], { account: buyer.account }),
        "OrderEscrowVoucherInvalid",
        [voucher.voucher.id, reason],
      );
    }
  });

  it("refuses a voucher signed before the merchant's counter increment, takes one under the new counter", async () => {
    const f = await load();
    const { buyer, merchant } = f.accounts;
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: buyer.account });
    const stale = await signVoucher(f, await makeVoucher(f, { maxUses: 5 }));
    assert.equal(stale.voucher.counter, 0n);
    await f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), stale], { account: buyer.account });

    await f.merchants.write.incrementCounter([merchant.account.address], { account: merchant.account });
    const { listingId: current } = await tokenListing(f);
    await reverts(
      f,
      f.escrow.write.placeOrderWithVoucher([oneOf(f, current), stale], { account: buyer.account }),
      "OrderEscrowVoucherInvalid",
      [stale.voucher.id, "counter"],
    );
    const fresh = await signVoucher(f, await makeVoucher(f, { maxUses: 5 }));
    assert.equal(fresh.voucher.counter, 1n);
    const { terms } = await placedOrder(
      f,
      await f.escrow.write.placeOrderWithVoucher([oneOf(f, current), fresh], { account: buyer.account }),
    );
    assert.equal(terms.total, TOKEN_PRICE - TOKEN_PRICE / 10n);
  });

  it("refuses an order whose total is above the buyer's maxTotal", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const { listingId } = await publishListing(f);
    const request = orderRequest([{ listingId, quantity: 3n }], NATIVE_TOKEN, 3n * PRICE - 1n);
    await reverts(
      f,
      f.escrow.write.placeOrder([request], { account: buyer.account, value: 3n * PRICE }),
      "OrderEscrowTotalAboveMax",
      [3n * PRICE, 3n * PRICE - 1n],
    );
  });

  it("makes one order of a cart across one merchant's listings, refuses carts mixing merchants or tokens", async () => {
    const f = await load();
    const { buyer, merchant2, registrar } = f.accounts;
    const a = await publishListing(f);
    const b = await publishListing(f, { price: 3n * PRICE });
    const total = 2n * PRICE + 3n * PRICE;
    const cart = orderRequest(
      [
        { listingId: a.listingId, quantity: 2n },
        { listingId: b.listingId, quantity: 1n },
      ],
      NATIVE_TOKEN,
      total,
    );
    const { orderId, terms } = await placedOrder(
      f,
      await f.escrow.write.placeOrder([cart], { account: buyer.account, value: total }),
    );
    assert.equal(terms.total, total);
    assert.deepEqual([await stockOf(f, a.listingId), await stockOf(f, b.listingId)], [8n, 9n]);
    await f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    assert.deepEqual([await stockOf(f, a.listingId), await stockOf(f, b.listingId)], [10n, 10n]);

    await f.merchants.write.register([EVIDENCE_CID, merchant2.account.address], { account: merchant2.account });
    await f.merchants.write.approve([merchant2.account.address], { account: registrar.account });
    const other = await makeListing(f, { merchant: merchant2.account.address });
    await f.listings.write.publish([other, await signListing(f, other, merchant2)]);
    const otherId = await f.listings.read.hashListing([other]);
    const { listingId: tokenId } = await tokenListing(f);
    for (const second of [otherId, tokenId]) {
      const mixed = orderRequest(
        [
          { listingId: a.listingId, quantity: 1n },
          { listingId: second, quantity: 1n },
        ],
        NATIVE_TOKEN,
        10n ** 30n,
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.escrow.write.placeOrder([mixed], { account: buyer.account, value: 2n * PRICE }),
        f.listings,
        "ListingRegistryMixedOrder",
        [second],
      );
    }
  });

  it("pays out credited native and ERC-20 balances on withdraw, once", async () => {
    const f = await load();
    const { buyer, payout } = f.accounts;
    const native = await placeNativeOrder(f, (await publishListing(f)).listingId);
    const erc20 = await placeTokenOrder(f, (await tokenListing(f)).listingId);
    for (const { orderId, terms } of [native, erc20]) {
      await shipOrder(f, orderId, terms);
      await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    }
    const nativeOwed = PRICE - feeOf(PRICE, 100);
    const tokenOwed = TOKEN_PRICE - feeOf(TOKEN_PRICE, 100);
    const withdrawNative = f.escrow.write.withdraw([NATIVE_TOKEN], { account: payout.account });
    await f.viem.assertions.balancesHaveChanged(withdrawNative, [
      { address: payout.account.address, amount: nativeOwed },
    ]);
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.withdraw([f.token.address], { account: payout.account }),
      f.escrow,
      "Withdrawn",
      [payout.account.address, f.token.address, tokenOwed],
    );
    assert.equal(await f.token.read.balanceOf([payout.account.address]), tokenOwed);
    for (const token of [NATIVE_TOKEN, f.token.address]) {
      await reverts(f, f.escrow.write.withdraw([token], { account: payout.account }), "OrderEscrowNothingToWithdraw", [
        payout.account.address,
        token,
      ]);
    }
  });

  it("applies a fee and treasury change only to later orders, capped at MAX_FEE_BPS, by the admin only", async () => {
    const f = await load();
    const { admin, buyer, payout, stranger, treasury, buyer2 } = f.accounts;
    const { listingId } = await publishListing(f);
    const before = await placeNativeOrder(f, listingId);
    await reverts(
      f,
      f.escrow.write.setFee([500, buyer2.account.address], { account: stranger.account }),
      "AccessManagedUnauthorized",
      [stranger.account.address],
    );
    await reverts(
      f,
      f.escrow.write.setFee([1_001, treasury.account.address], { account: admin.account }),
      "OrderEscrowFeeTooHigh",
      [1_001, 1_000],
    );
    await f.viem.assertions.revertWithCustomError(
      f.escrow.write.setFee([500, NATIVE_TOKEN], { account: admin.account }),
      f.escrow,
      "OrderEscrowZeroAddress",
    );
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.setFee([500, buyer2.account.address], { account: admin.account }),
      f.escrow,
      "FeeChanged",
      [500, buyer2.account.address],
    );
    const after = await placeNativeOrder(f, listingId);
    assert.deepEqual([before.terms.feeBps, after.terms.feeBps], [100, 500]);

    for (const { orderId, terms } of [before, after]) {
      await shipOrder(f, orderId, terms);
      await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    }
    assert.equal(
      await balanceOf(f, payout.account.address, NATIVE_TOKEN),
      2n * PRICE - feeOf(PRICE, 100) - feeOf(PRICE, 500),
    );
    assert.equal(await balanceOf(f, treasury.account.address, NATIVE_TOKEN), feeOf(PRICE, 100));
    assert.equal(await balanceOf(f, buyer2.account.address, NATIVE_TOKEN), feeOf(PRICE, 500));
  });

  it("pausing stops placement only: accept, ship, confirm, refund, reclaim and withdraw keep working", async () => {
    const f = await load();
    const { buyer, merchant, pauser, payout, relayer, stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const [shipped, refunded, reclaimed] = [
      await placeNativeOrder(f, listingId),
      await placeNativeOrder(f, listingId),
      await placeNativeOrder(f, listingId),
    ];
    const tokenId = (await tokenListing(f)).listingId;
    await reverts(f, f.escrow.write.pausePlacement({ account: stranger.account }), "AccessManagedUnauthorized", [
      stranger.account.address,
    ]);
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.pausePlacement({ account: pauser.account }),
      f.escrow,
      "PlacementPaused",
      [pauser.account.address],
    );

    const intent = await intentFor(f, tokenId);
    const [permit, signature] = [await signPermit(f, buyer, TOKEN_PRICE), await signIntent(f, buyer, intent)];
    const paused = [
      () =>
        f.escrow.write.placeOrder([oneOf(f, listingId, PRICE, NATIVE_TOKEN)], { account: buyer.account, value: PRICE }),
      () => f.escrow.write.placeOrderWithPermit([oneOf(f, tokenId), NO_VOUCHER, permit], { account: buyer.account }),
      () => f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
    ];
    for (const call of paused) await f.viem.assertions.revertWithCustomError(call(), f.escrow, "OrderEscrowPaused");

    await shipOrder(f, shipped.orderId, shipped.terms);
    await f.escrow.write.confirmDelivery([shipped.orderId, shipped.terms], { account: buyer.account });
    await f.escrow.write.refundOrder([refunded.orderId, refunded.terms, PRICE, EVIDENCE_CID], {
      account: merchant.account,
    });
    await passDeadline(f, reclaimed.orderId);
    await f.escrow.write.reclaimOrder([reclaimed.orderId, reclaimed.terms], { account: stranger.account });
    for (const { orderId, status } of [
      { orderId: shipped.orderId, status: Status.Completed },
      { orderId: refunded.orderId, status: Status.Refunded },
      { orderId: reclaimed.orderId, status: Status.Reclaimed },
    ]) {
      assert.equal(await statusOf(f, orderId), status);
    }
    await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([NATIVE_TOKEN], { account: buyer.account }), [
      { address: buyer.account.address, amount: 2n * PRICE },
    ]);
    await f.escrow.write.withdraw([NATIVE_TOKEN], { account: payout.account });

    await f.escrow.write.unpausePlacement({ account: pauser.account });
    await placeNativeOrder(f, listingId);
  });
});

describe("OrderEscrow payments with an allow-listed buyer role", async () => {
  const { load } = await useCommerce({ buyerAllowList: true });

  it("refuses a buyer without the BUYER role, directly or via an intent; accepts one the admin granted", async () => {
    const f = await load();
    const { admin, buyer, relayer } = f.accounts;
    const { listingId } = await publishListing(f);
    const { listingId: tokenId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
    const intent = await intentFor(f, tokenId);
    const signature = await signIntent(f, buyer, intent);
    await f.manager.write.grantRole([ROLES.BUYER, relayer.account.address, 0], { account: admin.account });

    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.escrow.write.placeOrder([oneOf(f, listingId, PRICE, NATIVE_TOKEN)], { account: buyer.account, value: PRICE }),
      f.escrow,
      "OrderEscrowBuyerNotAllowed",
      [buyer.account.address],
    );
    await reverts(
      f,
      f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
      "OrderEscrowBuyerNotAllowed",
      [buyer.account.address],
    );

    await f.manager.write.grantRole([ROLES.BUYER, buyer.account.address, 0], { account: admin.account });
    const { orderId } = await placeNativeOrder(f, listingId);
    await f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account });
    assert.equal(await statusOf(f, orderId), Status.Placed);
    assert.equal(await statusOf(f, orderId + 1n), Status.Placed);
  });
});
