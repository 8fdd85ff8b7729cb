import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { placeNativeOrder, publishListing, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import { Status, deadlineOf, disputeOrder, reverts, statusOf } from "../fixtures/orders.ts";

const DAY = 86_400;
const CAPS = { shipWindow: 180 * DAY, confirmWindow: 90 * DAY, rulingWindow: 90 * DAY } as const;
type Window = keyof typeof CAPS;
const WINDOWS = Object.keys(CAPS) as Window[];

/** Deploys another escrow beside the fixture's, with the fixture's config and `overrides`; resolves to its address. */
async function deployEscrow(f: CommerceFixture, overrides: Partial<Record<Window, number>>) {
  const config = { ...(await f.escrow.read.config()), ...overrides };
  const args = [
    f.manager.address,
    f.merchants.address,
    f.listings.address,
    config,
    100,
    f.accounts.treasury.account.address,
  ] as const;
  const escrow = await f.viem.deployContract("OrderEscrow", [...args]);
  return escrow.address;
}

describe("OrderEscrow windows", async () => {
  const { load } = await useCommerce();

  it("publishes each window's cap: ship-by 180 days, confirmation and ruling 90 days", async () => {
    const f = await load();
    assert.equal(await f.escrow.read.MAX_SHIP_WINDOW(), CAPS.shipWindow);
    assert.equal(await f.escrow.read.MAX_CONFIRM_WINDOW(), CAPS.confirmWindow);
    assert.equal(await f.escrow.read.MAX_RULING_WINDOW(), CAPS.rulingWindow);
  });

  for (const window of WINDOWS) {
    it(`accepts a ${window} of exactly its cap and refuses one second more or zero, naming it`, async () => {
      const f = await load();
      const cap = CAPS[window];
      assert.match(await deployEscrow(f, { [window]: cap }), /^0x[0-9a-fA-F]{40}$/);
      await reverts(f, deployEscrow(f, { [window]: cap + 1 }), "OrderEscrowWindowTooLong", [window, cap + 1, cap]);
      await reverts(f, deployEscrow(f, { [window]: 0 }), "OrderEscrowInvalidConfig", [window]);
    });
  }
});

describe("OrderEscrow with every window at its cap", async () => {
  // Ignition checks a parameter's type against its default, a bigint for the windows.
  const { load } = await useCommerce(Object.fromEntries(WINDOWS.map((window) => [window, BigInt(CAPS[window])])));

  it("places, ships, disputes and settles an order by default without overflowing a deadline", async () => {
    const f = await load();
    const { stranger } = f.accounts;
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    const placedAt = Number((await f.publicClient.getBlock()).timestamp);
    assert.equal(await deadlineOf(f, orderId), placedAt + CAPS.shipWindow);

    await disputeOrder(f, orderId, terms);
    const disputedAt = Number((await f.publicClient.getBlock()).timestamp);
    assert.equal(await deadlineOf(f, orderId), disputedAt + CAPS.rulingWindow);
    await f.connection.networkHelpers.time.increaseTo(disputedAt + CAPS.rulingWindow + 1);
    await f.escrow.write.settleDispute([orderId, terms], { account: stranger.account });
    assert.equal(await statusOf(f, orderId), Status.Resolved);
  });
});
