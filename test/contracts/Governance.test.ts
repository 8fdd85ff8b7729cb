import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { ROLES } from "../../sdk/roles.ts";
import {
  PROFILE_CID,
  placeNativeOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
} from "../fixtures/commerce.ts";
import { EVIDENCE_CID, disputeOrder } from "../fixtures/orders.ts";

// Admin power made visible: with an execution delay on the ADMIN role (ignition/modules/Commerce.ts applies
// `adminDelay` once wired), no ADMIN act takes effect before the consortium has seen it scheduled.

const DELAY = 86_400;

/** The fixture (wired without a delay) with the admin's delay raised, as a production deployment ends up. */
async function delayedAdmin(load: () => Promise<CommerceFixture>) {
  const f = await load();
  await f.manager.write.grantRole([ROLES.ADMIN, f.accounts.admin.account.address, DELAY]);
  return f;
}

function acts(f: CommerceFixture) {
  const { arbiter, stranger, merchant2 } = f.accounts;
  const call = (target: Address, data: Hex) => ({ target, data });
  return {
    setFee: call(
      f.escrow.address,
      encodeFunctionData({ abi: f.escrow.abi, functionName: "setFee", args: [300, stranger.account.address] }),
    ),
    allowToken: call(
      f.listings.address,
      encodeFunctionData({
        abi: f.listings.abi,
        functionName: "setTokenAllowed",
        args: [merchant2.account.address, true],
      }),
    ),
    grantArbiter: call(
      f.manager.address,
      encodeFunctionData({
        abi: f.manager.abi,
        functionName: "grantRole",
        args: [ROLES.ARBITER, stranger.account.address, 0],
      }),
    ),
    grantAdmin: call(
      f.manager.address,
      encodeFunctionData({
        abi: f.manager.abi,
        functionName: "grantRole",
        args: [ROLES.ADMIN, arbiter.account.address, 0],
      }),
    ),
  };
}

describe("Governance: delayed ADMIN acts", async () => {
  const { load } = await useCommerce();

  it("refuses every ADMIN act made at once, executes it only after the delay it was scheduled with", async () => {
    const f = await delayedAdmin(load);
    const { time } = f.connection.networkHelpers;
    const { admin, stranger, arbiter } = f.accounts;
    for (const act of Object.values(acts(f))) {
      await f.viem.assertions.revertWithCustomError(
        admin.sendTransaction({ to: act.target, data: act.data, account: admin.account, chain: null }),
        f.manager,
        "AccessManagerNotScheduled",
      );
      const scheduled = f.manager.write.schedule([act.target, act.data, 0]);
      await f.viem.assertions.emit(scheduled, f.manager, "OperationScheduled");
      await f.viem.assertions.revertWithCustomError(
        f.manager.write.execute([act.target, act.data]),
        f.manager,
        "AccessManagerNotReady",
      );
    }
    await time.increase(DELAY);
    for (const act of Object.values(acts(f))) {
      await f.viem.assertions.emit(f.manager.write.execute([act.target, act.data]), f.manager, "OperationExecuted");
    }
    assert.equal((await f.escrow.read.settings())[2], 300);
    assert.equal(await f.listings.read.isTokenAllowed([f.accounts.merchant2.account.address]), true);
    assert.equal((await f.manager.read.hasRole([ROLES.ARBITER, stranger.account.address]))[0], true);
    assert.equal((await f.manager.read.hasRole([ROLES.ADMIN, arbiter.account.address]))[0], true);
  });

  it("lets the operational roles act at once: pause, approve a merchant, rule a dispute", async () => {
    const f = await delayedAdmin(load);
    const { pauser, registrar, arbiter, merchant2 } = f.accounts;
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    await disputeOrder(f, orderId, terms);
    await f.escrow.write.ruleDispute([orderId, terms, terms.total, EVIDENCE_CID], { account: arbiter.account });
    await f.merchants.write.register([PROFILE_CID, merchant2.account.address], { account: merchant2.account });
    await f.merchants.write.approve([merchant2.account.address], { account: registrar.account });
    await f.escrow.write.pausePlacement({ account: pauser.account });
    assert.equal((await f.escrow.read.settings())[1], true);
  });

  it("keeps the delay when the admin schedules its own removal: it lapses only a full delay later", async () => {
    const f = await delayedAdmin(load);
    const { time } = f.connection.networkHelpers;
    const admin = f.accounts.admin.account.address;
    const removal = encodeFunctionData({
      abi: f.manager.abi,
      functionName: "grantRole",
      args: [ROLES.ADMIN, admin, 0],
    });
    await f.manager.write.schedule([f.manager.address, removal, 0]);
    await time.increase(DELAY);
    await f.manager.write.execute([f.manager.address, removal]);
    const [, currentDelay, pendingDelay, effect] = await f.manager.read.getAccess([ROLES.ADMIN, admin]);
    assert.deepEqual([currentDelay, pendingDelay], [DELAY, 0]);
    assert.ok(effect >= (await time.latest()) + DELAY - 1, "the shorter delay waits out the old one");
    await f.viem.assertions.revertWithCustomError(
      f.escrow.write.setFee([300, f.accounts.stranger.account.address]),
      f.manager,
      "AccessManagerNotScheduled",
    );
  });

  it("lets the admin cancel a scheduled act before it runs, after which it cannot be executed", async () => {
    const f = await delayedAdmin(load);
    const { setFee } = acts(f);
    const admin = f.accounts.admin.account.address;
    const before = await f.escrow.read.settings();
    await f.manager.write.schedule([setFee.target, setFee.data, 0]);
    await f.viem.assertions.emit(
      f.manager.write.cancel([admin, setFee.target, setFee.data]),
      f.manager,
      "OperationCanceled",
    );
    await f.connection.networkHelpers.time.increase(DELAY);
    await f.viem.assertions.revertWithCustomError(
      f.manager.write.execute([setFee.target, setFee.data]),
      f.manager,
      "AccessManagerNotScheduled",
    );
    assert.deepEqual(await f.escrow.read.settings(), before);
  });
});
