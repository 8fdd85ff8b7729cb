import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NO_PERMIT, NO_VOUCHER, NO_VOUCHER_DIGEST } from "../../sdk/eip712.ts";
import { TOKEN_PRICE, placedOrder, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import { intentFor, makeVoucher, oneOf, reverts, signIntent, signVoucher, tokenListing } from "../fixtures/orders.ts";

const REVOKED = 2 ** 32 - 1;

async function fundedListing(f: CommerceFixture) {
  const { listingId } = await tokenListing(f);
  await f.token.write.approve([f.escrow.address, 10n * TOKEN_PRICE], { account: f.accounts.buyer.account });
  return listingId;
}

describe("OrderEscrow vouchers", async () => {
  const { load } = await useCommerce();

  describe("an intent commits to its voucher (F3)", () => {
    it("refuses a relayer that drops the committed voucher, and places it with the voucher", async () => {
      const f = await load();
      const { buyer, relayer } = f.accounts;
      const listingId = await fundedListing(f);
      const voucher = await signVoucher(f, await makeVoucher(f, { buyer: buyer.account.address }));
      const digest = await f.escrow.read.hashVoucher([voucher.voucher]);
      const intent = await intentFor(f, listingId, { voucher: digest });
      const signature = await signIntent(f, buyer, intent);

      await reverts(
        f,
        f.escrow.write.placeOrderFor([intent, signature, NO_VOUCHER, NO_PERMIT], { account: relayer.account }),
        "OrderEscrowIntentVoucherMismatch",
        [digest, NO_VOUCHER_DIGEST],
      );
      const other = await signVoucher(f, await makeVoucher(f, { id: `0x${"07".repeat(32)}` }));
      await reverts(
        f,
        f.escrow.write.placeOrderFor([intent, signature, other, NO_PERMIT], { account: relayer.account }),
        "OrderEscrowIntentVoucherMismatch",
        [digest, await f.escrow.read.hashVoucher([other.voucher])],
      );
      assert.equal(await f.escrow.read.isNonceUsed([buyer.account.address, intent.nonce]), false);

      const hash = await f.escrow.write.placeOrderFor([intent, signature, voucher, NO_PERMIT], {
        account: relayer.account,
      });
      assert.equal((await placedOrder(f, hash)).terms.total, (TOKEN_PRICE * 9n) / 10n);
    });

    it("refuses to spend the buyer's voucher on an intent signed without one", async () => {
      const f = await load();
      const { buyer, relayer } = f.accounts;
      const listingId = await fundedListing(f);
      const voucher = await signVoucher(f, await makeVoucher(f, { buyer: buyer.account.address }));
      const intent = await intentFor(f, listingId);
      await reverts(
        f,
        f.escrow.write.placeOrderFor([intent, await signIntent(f, buyer, intent), voucher, NO_PERMIT], {
          account: relayer.account,
        }),
        "OrderEscrowIntentVoucherMismatch",
        [NO_VOUCHER_DIGEST, await f.escrow.read.hashVoucher([voucher.voucher])],
      );
      assert.equal(await f.escrow.read.voucherUses([await f.escrow.read.hashVoucher([voucher.voucher])]), 0);
    });
  });

  it("applies a voucher only from its minimum subtotal", async () => {
    const f = await load();
    const { buyer } = f.accounts;
    const listingId = await fundedListing(f);
    const above = await signVoucher(f, await makeVoucher(f, { minTotal: TOKEN_PRICE + 1n }));
    await reverts(
      f,
      f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), above], { account: buyer.account }),
      "OrderEscrowVoucherInvalid",
      [above.voucher.id, "minTotal"],
    );
    const exact = await signVoucher(f, await makeVoucher(f, { minTotal: TOKEN_PRICE }));
    await f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), exact], { account: buyer.account });
  });

  it("lets the merchant's operators revoke a voucher, after which nobody can redeem it", async () => {
    const f = await load();
    const { buyer, merchantSigner, stranger, merchant2 } = f.accounts;
    const listingId = await fundedListing(f);
    const voucher = await signVoucher(f, await makeVoucher(f, { maxUses: 5 }));
    const digest = await f.escrow.read.hashVoucher([voucher.voucher]);
    await f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), voucher], { account: buyer.account });

    for (const outsider of [stranger, merchant2]) {
      await reverts(
        f,
        f.escrow.write.revokeVoucher([voucher.voucher], { account: outsider.account }),
        "OrderEscrowVoucherInvalid",
        [voucher.voucher.id, "merchant"],
      );
    }
    await f.viem.assertions.emitWithArgs(
      f.escrow.write.revokeVoucher([voucher.voucher], { account: merchantSigner.account }),
      f.escrow,
      "VoucherRevoked",
      [voucher.voucher.id, voucher.voucher.merchant, digest],
    );
    assert.equal(await f.escrow.read.voucherUses([digest]), REVOKED);
    await reverts(
      f,
      f.escrow.write.placeOrderWithVoucher([oneOf(f, listingId), voucher], { account: buyer.account }),
      "OrderEscrowVoucherInvalid",
      [voucher.voucher.id, "revoked"],
    );
  });
});
