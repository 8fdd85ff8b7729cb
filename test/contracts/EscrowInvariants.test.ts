import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseEventLogs, zeroAddress, type Address, type ContractErrorName, type Hex, type Log } from "viem";
import { PRICE, SHIPPING_CID, publishListing, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import { FITS, actionsArbitrary, type Action, type OrderKind } from "../fixtures/escrow-actions.ts";
import { EscrowModel, OPEN_STATUSES, STATUS, remainingOf, type ModelOrder } from "../fixtures/escrow-model.ts";

const NATIVE: Address = zeroAddress;
const DAY = 86_400;
/** Seconds around a deadline in which the next block's exact timestamp could decide the outcome. */
const GUARD = 30;
const NUM_RUNS = 40;
const MIN_STEPS = 15;
const MAX_STEPS = 30;

type EscrowError = ContractErrorName<CommerceFixture["escrow"]["abi"]>;
type ListingError = ContractErrorName<CommerceFixture["listings"]["abi"]>;
/** What the model expects of an action: success, or the custom error (and, if given, its args) it reverts with. */
type Expectation = { escrow: EscrowError; args?: readonly unknown[] } | { listings: ListingError } | null;

describe("OrderEscrow invariants", async () => {
  const { connection, load } = await useCommerce({ feeBps: 250, defaultBuyerBps: 3_000 });
  const { viem, networkHelpers } = connection;
  const { time } = networkHelpers;

  /** Resolves with the receipt of a transaction that must succeed. */
  async function succeeds(f: CommerceFixture, tx: Promise<Hex>) {
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash: await tx });
    assert.equal(receipt.status, "success");
    return receipt;
  }

  /** Sends `tx` and checks it against the model's expectation: success, or exactly that custom error. */
  async function expectOutcome(f: CommerceFixture, expected: Expectation, tx: () => Promise<Hex>) {
    if (expected === null) return succeeds(f, tx());
    if ("escrow" in expected && expected.args) {
      // The args' tuple type depends on the error name, which the model only knows at run time.
      await viem.assertions.revertWithCustomErrorWithArgs(tx(), f.escrow, expected.escrow, [...expected.args] as never);
    } else if ("escrow" in expected) await viem.assertions.revertWithCustomError(tx(), f.escrow, expected.escrow);
    else await viem.assertions.revertWithCustomError(tx(), f.listings, expected.listings);
    return undefined;
  }

  /** The chain's time, moved on if it is so close to one of `deadlines` that the next block could fall either side. */
  async function clearOf(deadlines: number[]) {
    let now = await time.latest();
    while (deadlines.some((deadline) => Math.abs(deadline - now) <= GUARD)) {
      await time.increase(2 * GUARD);
      now = await time.latest();
    }
    return now;
  }

  async function publish(f: CommerceFixture, model: EscrowModel, erc20: boolean, price: bigint, quantity: number) {
    const token = erc20 ? f.token.address : NATIVE;
    const { listingId, listing } = await publishListing(f, { token, price, quantity: BigInt(quantity) });
    const { validUntil } = listing;
    model.listings.push({ id: listingId, token, price, quantity: BigInt(quantity), stockAdjustment: 0n, validUntil });
  }

  async function place(f: CommerceFixture, model: EscrowModel, a: Extract<Action, { kind: "place" }>): Promise<string> {
    const first = model.listings[a.pick % model.listings.length];
    const lines = [{ listingId: first.id, quantity: BigInt(a.quantity) }];
    const second = a.second === null ? undefined : model.listings[a.second % model.listings.length];
    if (second && second.id !== first.id && second.token === first.token) {
      lines.push({ listingId: second.id, quantity: BigInt(a.quantity2) });
    }
    const now = await clearOf(lines.map((line) => model.listing(line.listingId).validUntil));
    let expected: Expectation = null;
    for (const line of lines) {
      const listing = model.listing(line.listingId);
      if (now > listing.validUntil) expected = { listings: "ListingRegistryOutsideValidity" };
      else if (line.quantity > model.remaining(listing)) expected = { listings: "ListingRegistryInsufficientStock" };
      if (expected) break;
    }
    const total = lines.reduce((sum, line) => sum + model.listing(line.listingId).price * line.quantity, 0n);
    if (expected === null && a.tight) expected = { escrow: "OrderEscrowTotalAboveMax" };

    const buyer = a.buyer2 ? f.accounts.buyer2 : f.accounts.buyer;
    const token = first.token;
    const request = { lines, token, maxTotal: a.tight ? total - 1n : total, shippingCid: SHIPPING_CID };
    if (token !== NATIVE) await f.token.write.approve([f.escrow.address, total], { account: buyer.account });
    const value = token === NATIVE ? total : 0n;
    const send = () => f.escrow.write.placeOrder([request], { account: buyer.account, value });
    const receipt = await expectOutcome(f, expected, send);
    if (receipt) {
      const [{ args }] = parseEventLogs({ abi: f.escrow.abi, logs: receipt.logs, eventName: "OrderPlaced" });
      assert.equal(args.terms.total, total);
      const { orderId: id, terms, shipBy: deadline } = args;
      model.orders.push({ id, terms, status: STATUS.Placed, deadline, released: false, refunded: 0n });
    }
    return describeOutcome("place", expected);
  }

  type OrderAction = Extract<Action, { kind: OrderKind }>;

  async function orderStep(f: CommerceFixture, model: EscrowModel, a: OrderAction): Promise<string> {
    // Mostly an order the action fits, so that sequences get far; sometimes any order, to see refusals.
    const fitting = model.orders.filter((o) => FITS[a.kind].includes(o.status));
    const pool = fitting.length > 0 && a.pick % 4 !== 0 ? fitting : model.orders;
    const order = pool[a.pick % Math.max(pool.length, 1)];
    return order ? act(f, model, a, order) : `${a.kind}:no order`;
  }

  /** Performs `a` on `order`, asserting the outcome the model predicts, and updates the model. */
  async function act(f: CommerceFixture, model: EscrowModel, a: OrderAction, order: ModelOrder): Promise<string> {
    const { id, terms } = order;
    const { merchant, merchantSigner, arbiter, stranger } = f.accounts;
    const buyer = { account: terms.buyer };
    const operator = { account: (a.signer ? merchantSigner : merchant).account };
    const anyone = { account: stranger.account };
    // Amounts are a share of what the order still holds (total less partial refunds); above 10,000 bps, one wei more.
    const remaining = remainingOf(order);
    const amount = a.bps > 10_000 ? remaining + 1n : (remaining * BigInt(a.bps)) / 10_000n;
    const tooMuch: Expectation = amount > remaining ? { escrow: "OrderEscrowAmountTooLarge", args: [amount] } : null;
    const passed = async () => (await clearOf([order.deadline])) > order.deadline;
    const notReached = async (): Promise<Expectation> =>
      (await passed()) ? null : { escrow: "OrderEscrowDeadlineNotReached" };
    const notPassed = async (): Promise<Expectation> =>
      (await passed()) ? { escrow: "OrderEscrowDeadlinePassed" } : null;

    const wrongStatus: Expectation = FITS[a.kind].includes(order.status)
      ? null
      : { escrow: "OrderEscrowInvalidStatus" };
    let expected: Expectation;
    let send: () => Promise<Hex>;
    let apply: (logs: Log[]) => void;
    const start = order.status;
    switch (a.kind) {
      case "accept":
        expected = wrongStatus;
        send = () => f.escrow.write.acceptOrder([id, terms], operator);
        apply = () => (order.status = STATUS.Accepted);
        break;
      case "reject":
        expected = wrongStatus;
        send = () => f.escrow.write.rejectOrder([id, terms, SHIPPING_CID], operator);
        apply = () => model.settle(order, STATUS.Rejected, remaining, { release: true });
        break;
      case "cancel":
        expected = wrongStatus;
        send = () => f.escrow.write.cancelOrder([id, terms], buyer);
        apply = () => model.settle(order, STATUS.Cancelled, remaining, { release: true });
        break;
      case "ship":
        expected = wrongStatus ?? (await notPassed());
        send = () => f.escrow.write.shipOrder([id, terms, SHIPPING_CID], operator);
        apply = (logs) => {
          order.status = STATUS.Shipped;
          order.deadline = newDeadline(f, logs, "OrderShipped");
        };
        break;
      case "confirm":
        expected = wrongStatus;
        send = () => f.escrow.write.confirmDelivery([id, terms], buyer);
        apply = () => model.settle(order, STATUS.Completed, 0n, { release: false });
        break;
      case "finalize":
        expected = wrongStatus ?? (await notReached());
        send = () => f.escrow.write.finalizeOrder([id, terms], anyone);
        apply = () => model.settle(order, STATUS.Completed, 0n, { release: false });
        break;
      case "reclaim":
        expected = wrongStatus ?? (await notReached());
        send = () => f.escrow.write.reclaimOrder([id, terms], anyone);
        apply = () => model.settle(order, STATUS.Reclaimed, remaining, { release: true });
        break;
      case "dispute":
        expected = wrongStatus ?? (await notPassed());
        send = () => f.escrow.write.disputeOrder([id, SHIPPING_CID], buyer);
        apply = (logs) => {
          order.status = STATUS.Disputed;
          order.deadline = newDeadline(f, logs, "OrderDisputed");
        };
        break;
      case "rule":
        expected = wrongStatus ?? ((await passed()) ? { escrow: "OrderEscrowRulingWindowClosed" } : tooMuch);
        send = () => f.escrow.write.ruleDispute([id, terms, amount, SHIPPING_CID], { account: arbiter.account });
        apply = () => model.settle(order, STATUS.Resolved, amount, { release: false });
        break;
      case "settle": {
        expected = wrongStatus ?? (await notReached());
        const { defaultBuyerBps } = await f.escrow.read.config();
        send = () => f.escrow.write.settleDispute([id, terms], anyone);
        const buyerAmount = (remaining * BigInt(defaultBuyerBps)) / 10_000n;
        apply = () => model.settle(order, STATUS.Resolved, buyerAmount, { release: false });
        break;
      }
      case "refund": {
        const invalid = amount === 0n || amount > remaining;
        expected =
          wrongStatus ?? (invalid ? { escrow: "OrderEscrowInvalidRefund", args: [id, amount, remaining] } : null);
        send = () => f.escrow.write.refundOrder([id, terms, amount, SHIPPING_CID], operator);
        // Less than all of it is credited at once and the order carries on; all of it ends the order,
        // giving stock back only if nothing was shipped.
        const release = start === STATUS.Placed || start === STATUS.Accepted;
        apply = (logs) => {
          const [{ args }] = parseEventLogs({ abi: f.escrow.abi, logs, eventName: "OrderRefunded" });
          assert.deepEqual([args.amount, args.remaining], [amount, remaining - amount], `order ${id} OrderRefunded`);
          if (amount < remaining) model.refund(order, amount);
          else model.settle(order, STATUS.Refunded, remaining, { release });
        };
        break;
      }
    }
    const receipt = await expectOutcome(f, expected, send);
    if (receipt) {
      apply(receipt.logs);
      // OrderSettled marks the end of an order, and only that.
      const settled = parseEventLogs({ abi: f.escrow.abi, logs: receipt.logs, eventName: "OrderSettled" });
      const ended = OPEN_STATUSES.includes(start) && !OPEN_STATUSES.includes(order.status);
      assert.equal(settled.length, ended ? 1 : 0, `order ${id} OrderSettled after ${a.kind}`);
    }
    const [, status, deadline] = await f.escrow.read.orderOf([id]);
    assert.equal(status, order.status, `order ${id} status`);
    if (OPEN_STATUSES.includes(status)) assert.equal(deadline, order.deadline, `order ${id} deadline`);
    const partial = a.kind === "refund" && receipt && OPEN_STATUSES.includes(order.status) ? "(partial)" : "";
    return describeOutcome(a.kind, expected) + partial;
  }

  type Wallet = CommerceFixture["accounts"]["buyer"];

  async function withdraw(
    f: CommerceFixture,
    model: EscrowModel,
    a: Extract<Action, { kind: "withdraw" }>,
    chosen?: { wallet: Wallet; token: Address },
  ): Promise<string> {
    // Mostly an account and token with something owed; sometimes any, to see the refusal.
    const tokens = [NATIVE, f.token.address];
    const all = participants(f).flatMap((wallet) => tokens.map((token) => ({ wallet, token })));
    const owing = all.filter(({ wallet, token }) => model.balanceOf(wallet.account.address, token) > 0n);
    const pool = owing.length > 0 && a.who % 4 !== 0 ? owing : all;
    const { wallet, token } = chosen ?? pool[a.who % pool.length];
    const owed = model.balanceOf(wallet.account.address, token);
    const expected: Expectation = owed === 0n ? { escrow: "OrderEscrowNothingToWithdraw" } : null;
    const before = await f.token.read.balanceOf([wallet.account.address]);
    const receipt = await expectOutcome(f, expected, () =>
      f.escrow.write.withdraw([token], { account: wallet.account }),
    );
    if (receipt) {
      model.withdraw(wallet.account.address, token);
      if (token !== NATIVE) assert.equal(await f.token.read.balanceOf([wallet.account.address]), before + owed);
    }
    return describeOutcome("withdraw", expected);
  }

  async function step(f: CommerceFixture, model: EscrowModel, a: Action): Promise<string> {
    switch (a.kind) {
      case "publish":
        await publish(f, model, a.erc20, a.price, a.quantity);
        return "publish:ok";
      case "setStock": {
        const listing = model.listings[a.pick % model.listings.length];
        const { merchant } = f.accounts;
        await succeeds(f, f.listings.write.setStock([listing.id, BigInt(a.remaining)], { account: merchant.account }));
        model.setStock(listing, BigInt(a.remaining));
        return "setStock:ok";
      }
      case "place":
        return place(f, model, a);
      case "withdraw":
        return withdraw(f, model, a);
      case "wait":
        await time.increase(a.seconds);
        return "wait";
      default:
        return orderStep(f, model, a);
    }
  }

  /** Escrow holdings equal open orders plus credited balances, per token; stock matches the orders. */
  async function checkInvariants(f: CommerceFixture, model: EscrowModel) {
    for (const token of [NATIVE, f.token.address]) {
      const held =
        token === NATIVE
          ? await f.publicClient.getBalance({ address: f.escrow.address })
          : await f.token.read.balanceOf([f.escrow.address]);
      let credited = 0n;
      for (const wallet of participants(f)) {
        const balance = await f.escrow.read.balanceOf([wallet.account.address, token]);
        const owed = model.balanceOf(wallet.account.address, token);
        assert.equal(balance, owed, `credited ${token} of ${wallet.account.address}`);
        credited += balance;
      }
      assert.equal(held, model.heldForOrders(token) + credited, `escrow holdings in ${token}`);
    }
    for (const listing of model.listings) {
      const expected = model.remaining(listing);
      assert.ok(expected >= 0n, `model stock of ${listing.id} went negative`);
      assert.equal((await f.listings.read.listingOf([listing.id])).remaining, expected, `stock of ${listing.id}`);
    }
  }

  /** Two orders to start from, one per currency. */
  async function prelude(f: CommerceFixture, model: EscrowModel) {
    await publish(f, model, false, PRICE, 20);
    await publish(f, model, true, 25n * 10n ** 18n, 20);
    for (const [pick, buyer2] of [
      [0, false],
      [1, true],
    ] as const) {
      const action = { kind: "place", pick, second: null, buyer2, quantity: 2, quantity2: 1, tight: false } as const;
      assert.equal(await place(f, model, action), "place:ok");
    }
  }

  /**
   * After the deadlines, anyone can end every open order (reclaim, finalize, settle), and once every
   * account withdraws what it is owed the escrow holds nothing.
   */
  async function drain(f: CommerceFixture, model: EscrowModel) {
    await time.increase(15 * DAY + GUARD);
    const ending: Record<number, OrderKind> = {
      [STATUS.Placed]: "reclaim",
      [STATUS.Accepted]: "reclaim",
      [STATUS.Shipped]: "finalize",
      [STATUS.Disputed]: "settle",
    };
    for (const order of model.openOrders()) {
      const kind = ending[order.status];
      assert.equal(await act(f, model, { kind, pick: 0, bps: 0, signer: false }, order), `${kind}:ok`);
    }
    await checkInvariants(f, model);
    for (const wallet of participants(f)) {
      for (const token of [NATIVE, f.token.address]) {
        if (model.balanceOf(wallet.account.address, token) === 0n) continue;
        assert.equal(await withdraw(f, model, { kind: "withdraw", who: 0 }, { wallet, token }), "withdraw:ok");
      }
    }
    await checkInvariants(f, model);
    assert.equal(await f.publicClient.getBalance({ address: f.escrow.address }), 0n);
    assert.equal(await f.token.read.balanceOf([f.escrow.address]), 0n);
  }

  it("keeps escrow holdings equal to open orders plus unwithdrawn balances, and stock consistent", async (t) => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(actionsArbitrary(MIN_STEPS, MAX_STEPS), async (actions) => {
        const f = await load();
        const model = new EscrowModel(f.accounts.payout.account.address, f.accounts.treasury.account.address);
        await prelude(f, model);
        await checkInvariants(f, model);
        for (const action of actions) {
          const outcome = await step(f, model, action);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          await checkInvariants(f, model);
        }
        await drain(f, model);
      }),
      { numRuns: NUM_RUNS },
    );
    t.diagnostic(
      [...outcomes]
        .sort()
        .map(([outcome, n]) => `${outcome}=${n}`)
        .join(" "),
    );
    assert.ok((outcomes.get("place:ok") ?? 0) > 0, "some orders were placed");
  });
});

function participants(f: CommerceFixture) {
  const { buyer, buyer2, merchant, merchantSigner, payout, treasury, stranger } = f.accounts;
  return [buyer, buyer2, merchant, merchantSigner, payout, treasury, stranger];
}

function describeOutcome(kind: string, expected: Expectation) {
  if (expected === null) return `${kind}:ok`;
  return `${kind}:${"escrow" in expected ? expected.escrow : expected.listings}`;
}

/** The deadline an OrderShipped (confirm-by) or OrderDisputed (rule-by) event of `logs` starts. */
function newDeadline(f: CommerceFixture, logs: Log[], eventName: "OrderShipped" | "OrderDisputed"): number {
  const [{ args }] = parseEventLogs({ abi: f.escrow.abi, logs, eventName });
  return "confirmBy" in args ? args.confirmBy : args.ruleBy;
}
