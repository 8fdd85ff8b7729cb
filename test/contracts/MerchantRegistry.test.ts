import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress, zeroAddress } from "viem";
import { ROLES } from "../../sdk/roles.ts";
import {
  PROFILE_CID,
  SHIPPING_CID,
  makeListing,
  placeNativeOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
} from "../fixtures/commerce.ts";
import { signListingAs } from "../fixtures/listings.ts";

const REASON_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
const NEW_PROFILE_CID = "bafkreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454";

// MerchantStatus in IMerchantRegistry.
const Status = { None: 0, Applied: 1, Approved: 2, Rejected: 3, Suspended: 4 } as const;

/** merchant2 applies with its own address as payout. */
async function apply(f: CommerceFixture) {
  const { merchant2 } = f.accounts;
  await f.merchants.write.register([PROFILE_CID, merchant2.account.address], { account: merchant2.account });
  return merchant2.account.address;
}

async function hasMerchantRole(f: CommerceFixture, account: `0x${string}`) {
  const [isMember] = await f.manager.read.hasRole([ROLES.MERCHANT, account]);
  return isMember;
}

describe("MerchantRegistry", async () => {
  const { load } = await useCommerce();

  describe("applying", () => {
    it("records an application with its payout and emits MerchantApplied", async () => {
      const f = await load();
      const { merchant2, payout } = f.accounts;
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.register([PROFILE_CID, payout.account.address], { account: merchant2.account }),
        f.merchants,
        "MerchantApplied",
        [merchant2.account.address, payout.account.address, PROFILE_CID],
      );
      const record = await f.merchants.read.merchantOf([merchant2.account.address]);
      assert.equal(record.status, Status.Applied);
      assert.equal(record.payout, getAddress(payout.account.address));
      assert.equal(await f.merchants.read.isActive([merchant2.account.address]), false);
    });

    it("rejects an application with an empty profile CID", async () => {
      const f = await load();
      const { merchant2 } = f.accounts;
      await f.viem.assertions.revertWithCustomError(
        f.merchants.write.register(["", merchant2.account.address], { account: merchant2.account }),
        f.merchants,
        "MerchantRegistryEmptyCid",
      );
    });

    it("rejects an application with a zero payout address", async () => {
      const f = await load();
      await f.viem.assertions.revertWithCustomError(
        f.merchants.write.register([PROFILE_CID, zeroAddress], { account: f.accounts.merchant2.account }),
        f.merchants,
        "MerchantRegistryZeroAddress",
      );
    });

    it("refuses a second application while applied, approved or suspended", async () => {
      const f = await load();
      const { merchant2, registrar } = f.accounts;
      const applicant = await apply(f);
      const reapply = () => f.merchants.write.register([PROFILE_CID, applicant], { account: merchant2.account });
      for (const [status, next] of [
        [Status.Applied, () => f.merchants.write.approve([applicant], { account: registrar.account })],
        [Status.Approved, () => f.merchants.write.suspend([applicant, REASON_CID], { account: registrar.account })],
        [Status.Suspended, null],
      ] as const) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(reapply(), f.merchants, "MerchantRegistryInvalidStatus", [
          applicant,
          status,
        ]);
        if (next) await next();
      }
    });

    it("accepts a new application after a rejection, which the registrar can then approve", async () => {
      const f = await load();
      const { merchant2, registrar } = f.accounts;
      const applicant = await apply(f);
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.reject([applicant, REASON_CID], { account: registrar.account }),
        f.merchants,
        "MerchantRejected",
        [applicant, registrar.account.address, REASON_CID],
      );
      assert.equal((await f.merchants.read.merchantOf([applicant])).status, Status.Rejected);
      assert.equal(await hasMerchantRole(f, applicant), false);

      await f.merchants.write.register([NEW_PROFILE_CID, applicant], { account: merchant2.account });
      assert.equal((await f.merchants.read.merchantOf([applicant])).status, Status.Applied);
      await f.merchants.write.approve([applicant], { account: registrar.account });
      assert.equal(await f.merchants.read.isActive([applicant]), true);
    });
  });

  describe("registrar state machine", () => {
    it("approval grants the MERCHANT role, suspension revokes it and reinstatement grants it again", async () => {
      const f = await load();
      const { registrar } = f.accounts;
      const applicant = await apply(f);
      assert.equal(await hasMerchantRole(f, applicant), false);

      await f.viem.assertions.emitWithArgs(
        f.merchants.write.approve([applicant], { account: registrar.account }),
        f.merchants,
        "MerchantApproved",
        [applicant, registrar.account.address],
      );
      assert.equal(await hasMerchantRole(f, applicant), true);
      assert.deepEqual(await f.merchants.read.listingState([applicant]), [true, 0n]);

      await f.viem.assertions.emitWithArgs(
        f.merchants.write.suspend([applicant, REASON_CID], { account: registrar.account }),
        f.merchants,
        "MerchantSuspended",
        [applicant, registrar.account.address, REASON_CID],
      );
      assert.equal(await hasMerchantRole(f, applicant), false);
      assert.equal((await f.merchants.read.merchantOf([applicant])).status, Status.Suspended);
      assert.deepEqual(await f.merchants.read.listingState([applicant]), [false, 0n]);

      await f.viem.assertions.emitWithArgs(
        f.merchants.write.reinstate([applicant], { account: registrar.account }),
        f.merchants,
        "MerchantReinstated",
        [applicant, registrar.account.address],
      );
      assert.equal(await hasMerchantRole(f, applicant), true);
      assert.equal(await f.merchants.read.isActive([applicant]), true);
    });

    it("refuses every transition from the wrong status with MerchantRegistryInvalidStatus", async () => {
      const f = await load();
      const { registrar, merchant, merchant2, stranger } = f.accounts;
      const as = { account: registrar.account };
      const approved = merchant.account.address;
      const unknown = stranger.account.address;
      const applied = await apply(f);
      const cases = [
        [f.merchants.write.approve([unknown], as), unknown, Status.None],
        [f.merchants.write.reject([unknown, REASON_CID], as), unknown, Status.None],
        [f.merchants.write.approve([approved], as), approved, Status.Approved],
        [f.merchants.write.reject([approved, REASON_CID], as), approved, Status.Approved],
        [f.merchants.write.reinstate([approved], as), approved, Status.Approved],
        [f.merchants.write.suspend([applied, REASON_CID], as), applied, Status.Applied],
        [f.merchants.write.reinstate([applied], as), applied, Status.Applied],
      ] as const;
      for (const [call, who, status] of cases) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(call, f.merchants, "MerchantRegistryInvalidStatus", [
          who,
          status,
        ]);
      }

      await f.merchants.write.reject([applied, REASON_CID], as);
      for (const call of [
        f.merchants.write.approve([applied], as),
        f.merchants.write.suspend([applied, REASON_CID], as),
        f.merchants.write.reinstate([applied], as),
      ]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(call, f.merchants, "MerchantRegistryInvalidStatus", [
          merchant2.account.address,
          Status.Rejected,
        ]);
      }

      await f.merchants.write.suspend([approved, REASON_CID], as);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.merchants.write.suspend([approved, REASON_CID], as),
        f.merchants,
        "MerchantRegistryInvalidStatus",
        [approved, Status.Suspended],
      );
    });

    it("lets a suspended merchant's orders placed before suspension be refunded, completed and paid out", async () => {
      const f = await load();
      const { merchant, registrar, buyer, buyer2, payout } = f.accounts;
      const { listingId } = await publishListing(f);
      const toCancel = await placeNativeOrder(f, listingId);
      const toComplete = await placeNativeOrder(f, listingId, { buyer: buyer2 });
      await f.escrow.write.shipOrder([toComplete.orderId, toComplete.terms, SHIPPING_CID], {
        account: merchant.account,
      });
      await f.merchants.write.suspend([merchant.account.address, REASON_CID], { account: registrar.account });

      await f.escrow.write.rejectOrder([toCancel.orderId, toCancel.terms, REASON_CID], { account: merchant.account });
      await f.escrow.write.confirmDelivery([toComplete.orderId, toComplete.terms], { account: buyer2.account });
      assert.equal(await f.escrow.read.balanceOf([buyer.account.address, zeroAddress]), toCancel.terms.total);
      const proceeds = await f.escrow.read.balanceOf([payout.account.address, zeroAddress]);
      assert.ok(proceeds > 0n);
      await f.viem.assertions.balancesHaveChanged(f.escrow.write.withdraw([zeroAddress], { account: payout.account }), [
        { address: payout.account.address, amount: proceeds },
      ]);
    });
  });

  describe("merchant profile, payout and signer", () => {
    it("lets a merchant update its profile, payout and signer, with events", async () => {
      const f = await load();
      const { merchant, buyer2, stranger } = f.accounts;
      const m = merchant.account.address;
      const as = { account: merchant.account };
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.updateProfile([NEW_PROFILE_CID], as),
        f.merchants,
        "MerchantProfileUpdated",
        [m, NEW_PROFILE_CID],
      );
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.setPayout([buyer2.account.address], as),
        f.merchants,
        "MerchantPayoutChanged",
        [m, buyer2.account.address],
      );
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.setSigner([stranger.account.address], as),
        f.merchants,
        "MerchantSignerChanged",
        [m, stranger.account.address],
      );
      const record = await f.merchants.read.merchantOf([m]);
      assert.equal(record.payout, getAddress(buyer2.account.address));
      assert.equal(record.signer, getAddress(stranger.account.address));
      assert.equal(await f.merchants.read.payoutOf([m]), getAddress(buyer2.account.address));
    });

    it("refuses profile, payout and signer changes from accounts that never applied", async () => {
      const f = await load();
      const { stranger } = f.accounts;
      const as = { account: stranger.account };
      for (const call of [
        f.merchants.write.updateProfile([NEW_PROFILE_CID], as),
        f.merchants.write.setPayout([stranger.account.address], as),
        f.merchants.write.setSigner([stranger.account.address], as),
      ]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(call, f.merchants, "MerchantRegistryUnknownMerchant", [
          stranger.account.address,
        ]);
      }
    });

    it("refuses an empty profile CID and a zero payout address", async () => {
      const f = await load();
      const as = { account: f.accounts.merchant.account };
      await f.viem.assertions.revertWithCustomError(
        f.merchants.write.updateProfile([""], as),
        f.merchants,
        "MerchantRegistryEmptyCid",
      );
      await f.viem.assertions.revertWithCustomError(
        f.merchants.write.setPayout([zeroAddress], as),
        f.merchants,
        "MerchantRegistryZeroAddress",
      );
    });

    it("after a signer rotation, rejects listings signed by the old signer and accepts the new one's", async () => {
      const f = await load();
      const { merchant, merchantSigner, stranger, relayer } = f.accounts;
      await f.merchants.write.setSigner([stranger.account.address], { account: merchant.account });
      assert.equal(
        await f.merchants.read.isOperator([merchant.account.address, merchantSigner.account.address]),
        false,
      );

      const listing = await makeListing(f);
      const listingId = await f.listings.read.hashListing([listing]);
      const byOld = await signListingAs(f, listing, { signer: merchantSigner });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.publish([listing, byOld], { account: relayer.account }),
        f.listings,
        "ListingRegistryInvalidSignature",
        [listingId],
      );
      const byNew = await signListingAs(f, listing, { signer: stranger });
      await f.listings.write.publish([listing, byNew], { account: relayer.account });
      assert.equal((await f.listings.read.listingOf([listingId])).status, 1);
    });

    it("after revoking the signer, only the merchant's own key signs and operates listings", async () => {
      const f = await load();
      const { merchant, merchantSigner, relayer } = f.accounts;
      const { listingId } = await publishListing(f);
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.setSigner([zeroAddress], { account: merchant.account }),
        f.merchants,
        "MerchantSignerChanged",
        [merchant.account.address, zeroAddress],
      );

      const listing = await makeListing(f);
      await f.viem.assertions.revertWithCustomError(
        f.listings.write.publish([listing, await signListingAs(f, listing)], { account: relayer.account }),
        f.listings,
        "ListingRegistryInvalidSignature",
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.listings.write.cancel([listingId], { account: merchantSigner.account }),
        f.listings,
        "ListingRegistryNotOperator",
        [merchant.account.address, merchantSigner.account.address],
      );
      await f.listings.write.publish([listing, await signListingAs(f, listing, { signer: merchant })], {
        account: relayer.account,
      });
      await f.listings.write.cancel([listingId], { account: merchant.account });
    });
  });

  describe("counter", () => {
    it("is incremented by the merchant or its signer, with an event, and by no one else", async () => {
      const f = await load();
      const { merchant, merchantSigner, stranger } = f.accounts;
      const m = merchant.account.address;
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.incrementCounter([m], { account: merchant.account }),
        f.merchants,
        "MerchantCounterIncremented",
        [m, 1n],
      );
      await f.viem.assertions.emitWithArgs(
        f.merchants.write.incrementCounter([m], { account: merchantSigner.account }),
        f.merchants,
        "MerchantCounterIncremented",
        [m, 2n],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.merchants.write.incrementCounter([m], { account: stranger.account }),
        f.merchants,
        "MerchantRegistryNotOperator",
        [m, stranger.account.address],
      );
      assert.equal((await f.merchants.read.merchantOf([m])).counter, 2n);
    });

    it("has no operators for an account that never applied, not even itself", async () => {
      const f = await load();
      const { stranger } = f.accounts;
      assert.equal(await f.merchants.read.isOperator([stranger.account.address, stranger.account.address]), false);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.merchants.write.incrementCounter([stranger.account.address], { account: stranger.account }),
        f.merchants,
        "MerchantRegistryNotOperator",
        [stranger.account.address, stranger.account.address],
      );
    });
  });
});
