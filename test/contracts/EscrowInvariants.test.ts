import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { network } from "hardhat";
import { isAddressEqual, type Address } from "viem";
import { makeListing, signListing } from "../fixtures/commerce.ts";
import { actionsArbitrary, TOKEN_KINDS, type Action, type OrderKind } from "../fixtures/escrow-actions.ts";
import { EscrowModel, STATUS } from "../fixtures/escrow-model.ts";
import { act, orderStep } from "../fixtures/escrow-order-steps.ts";
import { place } from "../fixtures/escrow-placement.ts";
import {
  GUARD,
  deployWorld,
  describeOutcome,
  expectOutcome,
  succeeds,
  tokenBalance,
  tokenContract,
  WorldState,
  type Expectation,
  type World,
} from "../fixtures/escrow-world.ts";

const DAY = 86_400;
const FOUR = 4n * 10n ** 18n;
// Knobs for a long run:
// ESCROW_MODEL_RUNS=10000 ESCROW_MODEL_SEED=42 node --test test/contracts/EscrowInvariants.test.ts
const RUNS = Number(process.env.ESCROW_MODEL_RUNS ?? 20);
const MAX_STEPS = Number(process.env.ESCROW_MODEL_STEPS ?? 30);
const SEED = process.env.ESCROW_MODEL_SEED === undefined ? undefined : Number(process.env.ESCROW_MODEL_SEED);
// A failure's seed and path (as fast-check prints them) replay just that sequence.
const PATH = process.env.ESCROW_MODEL_PATH;

describe("OrderEscrow invariants", async () => {
  const connection = await network.create();
  const world = () => deployWorld(connection);
  const load = () => connection.networkHelpers.loadFixture(world);
  const { time } = connection.networkHelpers;

  async function publish(w: World, state: WorldState, model: EscrowModel, a: Extract<Action, { kind: "publish" }>) {
    const token = w.tokens[a.token];
    // Rebasing-token prices are multiples of 4e18, so every placement in it transfers exactly at any scale.
    const price = a.token === "rebasing" ? (1n + (a.price % 4n)) * FOUR : a.price;
    const signer = a.merchant2 ? w.accounts.merchant2 : w.accounts.merchantSigner;
    const merchant = a.merchant2 ? w.accounts.merchant2.account.address : w.accounts.merchant.account.address;
    const listing = await makeListing(w, { merchant, token, price, quantity: BigInt(a.quantity) });
    const signature = await signListing(w, listing, signer);
    const expected: Expectation = state.suspended.has(merchant.toLowerCase())
      ? { listings: "ListingRegistryMerchantNotActive" }
      : state.isAllowed(token)
        ? null
        : { listings: "ListingRegistryTokenNotAllowed" };
    const publishing = () => w.listings.write.publish([listing, signature], { account: w.accounts.relayer.account });
    if (await expectOutcome(w, expected, publishing)) {
      const id = await w.listings.read.hashListing([listing]);
      const { quantity, validUntil } = listing;
      model.listings.push({ id, merchant, token, price, quantity, stockAdjustment: 0n, validUntil });
    }
    return describeOutcome(`publish(${a.token})`, expected);
  }

  async function withdraw(w: World, model: EscrowModel, who: number, chosen?: { account: Address; token: Address }) {
    // Mostly an account and token with something owed; sometimes any, to see the refusal.
    const all = participants(w).flatMap((account) => Object.values(w.tokens).map((token) => ({ account, token })));
    const owing = all.filter(({ account, token }) => model.balanceOf(account, token) > 0n);
    const pool = owing.length > 0 && who % 4 !== 0 ? owing : all;
    const { account, token } = chosen ?? pool[who % pool.length];
    const owed = model.balanceOf(account, token);
    const held = await tokenBalance(w, token, w.escrow.address);
    const expected: Expectation =
      owed === 0n
        ? { escrow: "OrderEscrowNothingToWithdraw" }
        : held < owed
          ? { escrow: "OrderEscrowTokenShortfall", args: [token, model.owed(token), held] }
          : null;
    const before = await tokenBalance(w, token, account);
    const wallet = participantWallets(w).find((candidate) => isAddressEqual(candidate.account.address, account));
    const receipt = await expectOutcome(w, expected, () =>
      w.escrow.write.withdraw([token], { account: wallet!.account }),
    );
    if (receipt) {
      model.withdraw(account, token);
      // The rebasing token rounds transfers to whole shares; native withdrawals pay gas.
      if (token === w.tokens.erc20 || token === w.tokens.noReturn)
        assert.equal(await tokenBalance(w, token, account), before + owed);
    }
    return describeOutcome("withdraw", expected);
  }

  async function sweep(w: World, state: WorldState, model: EscrowModel, token: Address) {
    const held = await tokenBalance(w, token, w.escrow.address);
    const owed = model.owed(token);
    const expected: Expectation = held <= owed ? { escrow: "OrderEscrowNoSurplus", args: [token] } : null;
    if (await expectOutcome(w, expected, () => w.escrow.write.sweepSurplus([token]))) {
      model.sweep(state.treasury, token, held - owed);
    }
    return describeOutcome("sweep", expected);
  }

  /** Admin, registrar and pauser acts; none of them may keep an open order from ending or a credit from leaving. */
  async function govern(w: World, state: WorldState, model: EscrowModel, a: Action): Promise<string> {
    const { pauser, registrar, stranger, treasury } = w.accounts;
    switch (a.kind) {
      case "pause":
        if (state.paused === a.on) return "pause:unchanged";
        await succeeds(
          w,
          a.on
            ? w.escrow.write.pausePlacement({ account: pauser.account })
            : w.escrow.write.unpausePlacement({ account: pauser.account }),
        );
        state.paused = a.on;
        return a.on ? "pause:ok" : "unpause:ok";
      case "suspend": {
        const merchant = (a.merchant2 ? w.accounts.merchant2 : w.accounts.merchant).account.address;
        if (state.suspended.has(merchant.toLowerCase()) === a.on) return "suspend:unchanged";
        const as = { account: registrar.account };
        await succeeds(
          w,
          a.on
            ? w.merchants.write.suspend([merchant, "bafkreisuspended"], as)
            : w.merchants.write.reinstate([merchant], as),
        );
        if (a.on) state.suspended.add(merchant.toLowerCase());
        else state.suspended.delete(merchant.toLowerCase());
        return a.on ? "suspend:ok" : "reinstate:ok";
      }
      case "allowToken": {
        const token = w.tokens[a.token];
        await succeeds(w, w.listings.write.setTokenAllowed([token, a.on]));
        if (a.on) state.disallowed.delete(token.toLowerCase());
        else state.disallowed.add(token.toLowerCase());
        return a.on ? "allowToken:ok" : "delistToken:ok";
      }
      case "setFee": {
        const to = (a.strangerTreasury ? stranger : treasury).account.address;
        await succeeds(w, w.escrow.write.setFee([a.feeBps, to]));
        [state.feeBps, state.treasury] = [a.feeBps, to];
        return "setFee:ok";
      }
      case "rebase":
        await succeeds(w, w.rebasing.write.rebase([a.scale]));
        return a.scale < 10n ** 18n ? "rebase:down" : "rebase:up";
      case "sweep":
        return sweep(w, state, model, w.tokens[a.token]);
      default:
        throw new Error(`not an admin act: ${a.kind}`);
    }
  }

  async function step(w: World, state: WorldState, model: EscrowModel, a: Action): Promise<string> {
    switch (a.kind) {
      case "publish":
        return publish(w, state, model, a);
      case "setStock": {
        const listing = model.listings[a.pick % model.listings.length];
        const { merchant, merchant2 } = w.accounts;
        const operator = isAddressEqual(listing.merchant, merchant2.account.address) ? merchant2 : merchant;
        const stock = BigInt(a.remaining);
        await succeeds(w, w.listings.write.setStock([listing.id, stock], { account: operator.account }));
        model.setStock(listing, stock);
        return "setStock:ok";
      }
      case "place":
        return place(w, state, model, a);
      case "withdraw":
        return withdraw(w, model, a.who);
      case "wait":
        await time.increase(a.seconds);
        return "wait";
      case "pause":
      case "suspend":
      case "allowToken":
      case "setFee":
      case "rebase":
      case "sweep":
        return govern(w, state, model, a);
      default:
        return orderStep(w, model, a);
    }
  }

  /**
   * Per token, the escrow owes (owedOf) what open orders hold plus every credit, and every credit is the model's;
   * it holds exactly that in tokens that keep their balances. Stock matches the orders.
   */
  async function checkInvariants(w: World, model: EscrowModel) {
    for (const token of Object.values(w.tokens)) {
      for (const account of participants(w)) {
        const credited = await w.escrow.read.balanceOf([account, token]);
        assert.equal(credited, model.balanceOf(account, token), `credited ${token} of ${account}`);
      }
      assert.equal(await w.escrow.read.owedOf([token]), model.owed(token), `owed in ${token}`);
      if (token !== w.tokens.rebasing)
        assert.equal(await tokenBalance(w, token, w.escrow.address), model.owed(token), `held in ${token}`);
    }
    for (const listing of model.listings) {
      const expected = model.remaining(listing);
      assert.ok(expected >= 0n, `model stock of ${listing.id} went negative`);
      assert.equal((await w.listings.read.listingOf([listing.id])).remaining, expected, `stock of ${listing.id}`);
    }
  }

  /** One listing and one order per token to start from, of both merchants. */
  async function prelude(w: World, state: WorldState, model: EscrowModel) {
    for (const [index, token] of TOKEN_KINDS.entries()) {
      const publishing = {
        kind: "publish",
        token,
        merchant2: index % 2 === 1,
        price: 10n ** 15n,
        quantity: 20,
      } as const;
      assert.equal(await publish(w, state, model, publishing), `publish(${token}):ok`);
    }
    for (const pick of TOKEN_KINDS.keys()) {
      const action = {
        kind: "place",
        pick,
        second: null,
        buyer2: pick % 2 === 0,
        quantity: 2,
        quantity2: 1,
        tight: false,
        via: "direct",
        bpsOff: 1,
        minAbove: false,
        reuse: false,
        dropVoucher: false,
      } as const;
      assert.equal(await place(w, state, model, action), "place(direct):ok");
    }
  }

  /**
   * Whatever the admins did (paused, suspended, de-listed, changed the fee, rebased), after the deadlines anyone
   * can end every open order, and once the rebasing token's shortfall is topped up and its surplus swept, every
   * account withdraws what it is owed and the escrow owes nothing.
   */
  async function drain(w: World, state: WorldState, model: EscrowModel) {
    await time.increase(15 * DAY + GUARD);
    const ending: Record<number, OrderKind> = {
      [STATUS.Placed]: "reclaim",
      [STATUS.Accepted]: "reclaim",
      [STATUS.Shipped]: "finalize",
      [STATUS.Disputed]: "settle",
    };
    for (const order of model.openOrders()) {
      const kind = ending[order.status];
      assert.equal(await act(w, model, { kind, pick: 0, bps: 0, signer: false }, order), `${kind}:ok`);
    }
    await checkInvariants(w, model);
    const rebasing = w.tokens.rebasing;
    const held = await tokenBalance(w, rebasing, w.escrow.address);
    if (held < model.owed(rebasing)) {
      const token = await tokenContract(w, rebasing);
      await succeeds(w, token.write.mint([w.escrow.address, model.owed(rebasing) - held + 8n]));
    }
    if ((await tokenBalance(w, rebasing, w.escrow.address)) > model.owed(rebasing))
      assert.equal(await sweep(w, state, model, rebasing), "sweep:ok");
    for (const account of participants(w)) {
      for (const token of Object.values(w.tokens)) {
        if (model.balanceOf(account, token) === 0n) continue;
        assert.equal(await withdraw(w, model, 0, { account, token }), "withdraw:ok");
      }
    }
    await checkInvariants(w, model);
    for (const token of Object.values(w.tokens)) assert.equal(await w.escrow.read.owedOf([token]), 0n);
    assert.ok((await tokenBalance(w, rebasing, w.escrow.address)) < 100n, "only rounding dust of the rebasing token");
  }

  it("keeps escrow holdings equal to what it owes, stock consistent, and every order endable", async (t) => {
    const outcomes = new Map<string, number>();
    const started = performance.now();
    let steps = 0;
    let sequences = 0;
    await fc.assert(
      fc.asyncProperty(actionsArbitrary(MAX_STEPS / 2, MAX_STEPS), async (actions) => {
        const w = await load();
        const state = new WorldState(w);
        const { merchant, merchant2, payout } = w.accounts;
        const model = new EscrowModel({
          [merchant.account.address]: payout.account.address,
          [merchant2.account.address]: merchant2.account.address,
        });
        await prelude(w, state, model);
        await checkInvariants(w, model);
        for (const action of actions) {
          const outcome = await step(w, state, model, action);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          await checkInvariants(w, model);
        }
        steps += actions.length;
        sequences++;
        await drain(w, state, model);
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: PATH !== undefined },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    t.diagnostic(`${sequences} sequences, ${steps} steps in ${seconds} s`);
    t.diagnostic(
      [...outcomes]
        .sort()
        .map(([outcome, n]) => `${outcome}=${n}`)
        .join(" "),
    );
    assert.ok(
      [...outcomes.keys()].some((outcome) => /^place\(.*\):ok$/.test(outcome)),
      "some orders were placed",
    );
  });
});

function participantWallets(w: World) {
  const { buyer, buyer2, merchant, merchantSigner, merchant2, payout, treasury, stranger } = w.accounts;
  return [buyer, buyer2, merchant, merchantSigner, merchant2, payout, treasury, stranger];
}

const participants = (w: World): Address[] => participantWallets(w).map((wallet) => wallet.account.address);
