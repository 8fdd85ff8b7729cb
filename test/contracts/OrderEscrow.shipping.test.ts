import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NO_PERMIT, NO_VOUCHER } from "../../sdk/eip712.ts";
import { TOKEN_PRICE, useCommerce } from "../fixtures/commerce.ts";
import {
  balanceOf,
  feeOf,
  intentFor,
  makeVoucher,
  orderRequest,
  reverts,
  shipOrder,
  signIntent,
  signVoucher,
  tokenListing,
} from "../fixtures/orders.ts";

const SHIPPING = TOKEN_PRICE / 10n;

describe("OrderEscrow shipping charge", async () => {
  const { load } = await useCommerce();

  /** A two-unit token order with the shipping charge, the buyer's allowance set for it. */
  async function shippedRequest() {
    const f = await load();
    const { listingId } = await tokenListing(f);
    await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: f.accounts.buyer.account });
    const goods = 2n * TOKEN_PRICE;
    const request = {
      ...orderRequest([{ listingId, quantity: 2n }], f.token.address, goods + SHIPPING),
      shipping: SHIPPING,
    };
    return { f, listingId, goods, request };
  }

  it("adds the charge to the total the buyer pays, within maxTotal, and states it in OrderPlaced", async () => {
    const { f, goods, request } = await shippedRequest();
    const { buyer } = f.accounts;
    await reverts(
      f,
      f.escrow.write.placeOrder([{ ...request, maxTotal: goods + SHIPPING - 1n }], { account: buyer.account }),
      "OrderEscrowTotalAboveMax",
      [goods + SHIPPING, goods + SHIPPING - 1n],
    );
    const before = await f.token.read.balanceOf([buyer.account.address]);
    await f.escrow.write.placeOrder([request], { account: buyer.account });
    const [placed] = await f.escrow.getEvents.OrderPlaced();
    assert.equal(placed.args.terms?.total, goods + SHIPPING);
    assert.equal(placed.args.shipping, SHIPPING);
    assert.equal(await f.token.read.balanceOf([buyer.account.address]), before - goods - SHIPPING);
  });

  it("discounts the goods only: a percentage voucher leaves the shipping charge whole", async () => {
    const { f, goods, request } = await shippedRequest();
    const quarterOff = await signVoucher(f, await makeVoucher(f, { bpsOff: 2_500 }));
    await f.escrow.write.placeOrderWithVoucher([request, quarterOff], { account: f.accounts.buyer.account });
    const [placed] = await f.escrow.getEvents.OrderPlaced();
    assert.equal(placed.args.terms?.total, (goods * 3n) / 4n + SHIPPING);
  });

  it("refunds the charge with the goods on cancel, and pays it to the merchant less the fee on delivery", async () => {
    const { f, goods, request } = await shippedRequest();
    const { buyer, payout, treasury } = f.accounts;
    const token = f.token.address;
    await f.escrow.write.placeOrder([request], { account: buyer.account });
    const [cancelled] = await f.escrow.getEvents.OrderPlaced();
    await f.escrow.write.cancelOrder([cancelled.args.orderId!, cancelled.args.terms!], { account: buyer.account });
    assert.equal(await balanceOf(f, buyer.account.address, token), goods + SHIPPING);

    await f.escrow.write.placeOrder([request], { account: buyer.account });
    const [delivered] = await f.escrow.getEvents.OrderPlaced();
    const { orderId, terms } = delivered.args as { orderId: bigint; terms: NonNullable<typeof delivered.args.terms> };
    await shipOrder(f, orderId, terms);
    await f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account });
    const fee = feeOf(goods + SHIPPING, terms.feeBps);
    assert.equal(await balanceOf(f, payout.account.address, token), goods + SHIPPING - fee);
    assert.equal(await balanceOf(f, treasury.account.address, token), fee);
  });

  it("binds the charge in a signed intent: a relayer cannot raise it", async () => {
    const { f, listingId } = await shippedRequest();
    const { buyer, relayer } = f.accounts;
    const intent = await intentFor(f, listingId);
    const signature = await signIntent(f, buyer, intent);
    const raised = { ...intent, request: { ...intent.request, shipping: 1n, maxTotal: intent.request.maxTotal + 1n } };
    await reverts(
      f,
      f.escrow.write.placeOrderFor([raised, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
      "OrderEscrowInvalidSignature",
      [buyer.account.address],
    );
    await f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account });
    assert.equal((await f.escrow.getEvents.OrderPlaced())[0].args.shipping, 0n);
  });
});
