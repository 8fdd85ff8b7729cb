import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Address } from "viem";
import { placedOrder, publishListing, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import { balanceOf, orderRequest, reverts } from "../fixtures/orders.ts";

// F1 of the contract review: what the escrow does when an allowed token changes balances after placement
// (the token policy in IOrderEscrow), and that a token returning no boolean works end to end.

const PRICE = 100n * 10n ** 18n;
const HALF = 5n * 10n ** 17n;
const DOUBLE = 2n * 10n ** 18n;

type Wallet = CommerceFixture["accounts"]["buyer"];
interface MintableToken {
  address: Address;
  write: {
    mint(args: [Address, bigint]): Promise<unknown>;
    approve(args: [Address, bigint], options: { account: Wallet["account"] }): Promise<unknown>;
  };
}

/** Allows `token`, lists one product priced in it and funds both buyers. */
async function listIn(f: CommerceFixture, token: MintableToken) {
  await f.listings.write.setTokenAllowed([token.address, true]);
  for (const buyer of [f.accounts.buyer, f.accounts.buyer2]) await token.write.mint([buyer.account.address, PRICE]);
  return (await publishListing(f, { token: token.address, price: PRICE })).listingId;
}

async function placeIn(f: CommerceFixture, token: MintableToken, listingId: `0x${string}`, buyer: Wallet) {
  await token.write.approve([f.escrow.address, PRICE], { account: buyer.account });
  const request = orderRequest([{ listingId, quantity: 1n }], token.address, PRICE);
  return placedOrder(f, await f.escrow.write.placeOrder([request], { account: buyer.account }));
}

describe("OrderEscrow and the token policy", async () => {
  const { load } = await useCommerce();

  it("keeps what it owes per token: placement adds the total, withdrawal takes the amount out", async () => {
    const f = await load();
    const token = await f.viem.deployContract("RebasingToken");
    const listingId = await listIn(f, token);
    const { buyer } = f.accounts;
    const { orderId, terms } = await placeIn(f, token, listingId, buyer);
    assert.equal(await f.escrow.read.owedOf([token.address]), PRICE);
    await f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    assert.equal(await f.escrow.read.owedOf([token.address]), PRICE, "a credit is still owed");
    await f.escrow.write.withdraw([token.address], { account: buyer.account });
    assert.equal(await f.escrow.read.owedOf([token.address]), 0n);
  });

  it("refuses a withdrawal it cannot cover after a negative rebase by name, and pays once topped up", async () => {
    const f = await load();
    const token = await f.viem.deployContract("RebasingToken");
    const listingId = await listIn(f, token);
    const { buyer, buyer2, stranger } = f.accounts;
    const first = await placeIn(f, token, listingId, buyer);
    const second = await placeIn(f, token, listingId, buyer2);
    await token.write.rebase([HALF]);
    await f.escrow.write.cancelOrder([first.orderId, first.terms], { account: buyer.account });
    await f.escrow.write.cancelOrder([second.orderId, second.terms], { account: buyer2.account });

    await f.escrow.write.withdraw([token.address], { account: buyer.account });
    assert.equal(await token.read.balanceOf([buyer.account.address]), PRICE, "the first withdrawal is paid in full");
    await reverts(
      f,
      f.escrow.write.withdraw([token.address], { account: buyer2.account }),
      "OrderEscrowTokenShortfall",
      [token.address, PRICE, 0n],
    );
    assert.equal(await balanceOf(f, buyer2.account.address, token.address), PRICE, "the credit is kept");

    await token.write.mint([stranger.account.address, PRICE]);
    await token.write.transfer([f.escrow.address, PRICE], { account: stranger.account });
    await f.escrow.write.withdraw([token.address], { account: buyer2.account });
    assert.equal(await f.escrow.read.owedOf([token.address]), 0n);
  });

  it("credits a positive rebase's surplus to the treasury through sweepSurplus (ADMIN only), never twice", async () => {
    const f = await load();
    const token = await f.viem.deployContract("RebasingToken");
    const listingId = await listIn(f, token);
    const { buyer, stranger, treasury } = f.accounts;
    const { orderId, terms } = await placeIn(f, token, listingId, buyer);
    await reverts(f, f.escrow.write.sweepSurplus([token.address]), "OrderEscrowNoSurplus", [token.address]);
    await token.write.rebase([DOUBLE]);

    await f.viem.assertions.revertWithCustomError(
      f.escrow.write.sweepSurplus([token.address], { account: stranger.account }),
      f.escrow,
      "AccessManagedUnauthorized",
    );
    await f.viem.assertions.emitWithArgs(f.escrow.write.sweepSurplus([token.address]), f.escrow, "SurplusSwept", [
      token.address,
      treasury.account.address,
      PRICE,
    ]);
    await reverts(f, f.escrow.write.sweepSurplus([token.address]), "OrderEscrowNoSurplus", [token.address]);
    assert.equal(await balanceOf(f, treasury.account.address, token.address), PRICE);

    await f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    await f.escrow.write.withdraw([token.address], { account: buyer.account });
    await f.escrow.write.withdraw([token.address], { account: treasury.account });
    assert.equal(await token.read.balanceOf([f.escrow.address]), 0n, "the order's parties and the treasury took all");
  });

  it("sweeps native currency forced into it (no receive function) to the treasury", async () => {
    const f = await load();
    const { treasury } = f.accounts;
    await f.connection.networkHelpers.setBalance(f.escrow.address, 7n);
    await f.escrow.write.sweepSurplus(["0x0000000000000000000000000000000000000000"]);
    assert.equal(await balanceOf(f, treasury.account.address, "0x0000000000000000000000000000000000000000"), 7n);
  });

  it("takes, settles and pays out a token whose transfers return no boolean", async () => {
    const f = await load();
    const token = await f.viem.deployContract("NoReturnToken");
    const listingId = await listIn(f, token);
    const { buyer } = f.accounts;
    const { orderId, terms } = await placeIn(f, token, listingId, buyer);
    assert.equal(await token.read.balanceOf([f.escrow.address]), PRICE);
    await f.escrow.write.cancelOrder([orderId, terms], { account: buyer.account });
    await f.escrow.write.withdraw([token.address], { account: buyer.account });
    assert.equal(await token.read.balanceOf([buyer.account.address]), PRICE, "its payment came back");
  });
});
