import {
  balances,
  disputes,
  escrowSettings,
  listingVersions,
  orderLines,
  orders,
  orderTimeline,
  settlements,
  voucherRedemptions,
  voucherRevocations,
} from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import { updateListingVersion } from "./listing-registry.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, decAdd, decSub, hex, num, required } from "./values.ts";

type Order = typeof orders.$inferSelect;

/** Moves an order to `status`, applies `patch` and appends the transition to its timeline. */
function transition(
  status: string,
  patch: (event: ChainEvent) => Partial<Order> = () => ({}),
  data: (event: ChainEvent) => Record<string, unknown> = () => ({}),
) {
  return async (event: ChainEvent, store: Store) => {
    const order = required(await store.get(orders, { id: dec(event.args.orderId) }), "order", event);
    await store.put(orders, { ...order, ...patch(event), status, blockNumber: event.blockNumber });
    appendTimeline(store, event, order.id, status, data(event));
  };
}

function appendTimeline(
  store: Store,
  event: ChainEvent,
  orderId: string,
  status: string,
  data: Record<string, unknown>,
): void {
  store.insert(orderTimeline, {
    blockNumber: event.blockNumber,
    logIndex: event.logIndex,
    orderId,
    event: event.name,
    status,
    data,
    txHash: event.txHash,
    at: event.blockTimestamp,
  });
}

async function credit(store: Store, event: ChainEvent, account: string, token: string, amount: string): Promise<void> {
  if (amount === "0") return;
  const balance = await store.get(balances, { account, token });
  await store.put(balances, {
    account,
    token,
    amount: decAdd(balance?.amount ?? "0", amount),
    withdrawn: balance?.withdrawn ?? "0",
    blockNumber: event.blockNumber,
  });
}

async function settings(store: Store, event: ChainEvent) {
  return required(await store.get(escrowSettings, { id: 1 }), "escrow settings", event);
}

const markShipped = transition(
  "Shipped",
  (e) => ({ trackingCid: e.args.trackingCid as string, confirmBy: num(e.args.confirmBy) }),
  (e) => ({ trackingCid: e.args.trackingCid, confirmBy: num(e.args.confirmBy) }),
);

export const orderEscrowHandlers: ContractHandlers<"OrderEscrow"> = {
  async OrderPlaced(event, store) {
    const { terms } = event.args;
    const id = dec(event.args.orderId);
    const lines = terms.lines.map((line) => ({ listingId: hex(line.listingId), quantity: dec(line.quantity) }));
    const voucher = await store.get(voucherRedemptions, { orderId: id });
    store.insert(orders, {
      id,
      buyer: hex(terms.buyer),
      merchant: hex(terms.merchant),
      token: hex(terms.token),
      total: dec(terms.total),
      refunded: "0",
      feeBps: num(terms.feeBps),
      terms: {
        buyer: hex(terms.buyer),
        merchant: hex(terms.merchant),
        token: hex(terms.token),
        total: dec(terms.total),
        feeBps: num(terms.feeBps),
        treasury: hex(terms.treasury),
        lines,
      },
      status: "Placed",
      shippingCid: event.args.shippingCid,
      shipping: dec(event.args.shipping),
      trackingCid: null,
      shipBy: num(event.args.shipBy),
      confirmBy: null,
      voucherId: voucher?.voucherId ?? null,
      discount: voucher?.discount ?? null,
      placedBlock: event.blockNumber,
      placedAt: event.blockTimestamp,
      txHash: event.txHash,
      blockNumber: event.blockNumber,
    });
    for (const [line, { listingId, quantity }] of lines.entries()) {
      store.insert(orderLines, { orderId: id, line, listingId, quantity, blockNumber: event.blockNumber });
      const version = required(await store.get(listingVersions, { id: listingId }), "listing", event);
      await updateListingVersion(store, event, listingId, { remaining: decSub(version.remaining, quantity) });
    }
    appendTimeline(store, event, id, "Placed", { total: dec(terms.total), shipBy: num(event.args.shipBy) });
  },
  OrderAccepted: transition("Accepted"),
  OrderRejected: transition("Rejected", undefined, (e) => ({ reasonCid: e.args.reasonCid })),
  OrderCancelled: transition("Cancelled"),
  async OrderShipped(event, store) {
    await markShipped(event, store);
    store.requestMetadata(event.args.trackingCid, "tracking");
  },
  OrderCompleted: transition("Completed", undefined, (e) => ({ byBuyer: e.args.byBuyer })),
  OrderReclaimed: transition("Reclaimed"),
  async OrderRefunded(event, store) {
    // A partial refund credits the buyer at once and leaves the order open; a full one ends it as
    // Refunded and its OrderSettled credits the rest.
    const order = required(await store.get(orders, { id: dec(event.args.orderId) }), "order", event);
    const amount = dec(event.args.amount);
    const full = dec(event.args.remaining) === "0";
    const status = full ? "Refunded" : order.status;
    // `refunded` mirrors the escrow's refundedOf: partial refunds only (a full one settles the rest).
    const refunded = full ? order.refunded : decAdd(order.refunded, amount);
    await store.put(orders, { ...order, status, refunded, blockNumber: event.blockNumber });
    appendTimeline(store, event, order.id, status, {
      amount,
      remaining: dec(event.args.remaining),
      reasonCid: event.args.reasonCid,
    });
    if (!full) await credit(store, event, order.buyer, order.token, amount);
  },
  async OrderDisputed(event, store) {
    await transition("Disputed", undefined, (e) => ({ evidenceCid: e.args.evidenceCid, ruleBy: num(e.args.ruleBy) }))(
      event,
      store,
    );
    await store.put(disputes, {
      orderId: dec(event.args.orderId),
      evidenceCid: event.args.evidenceCid,
      ruleBy: num(event.args.ruleBy),
      openedBlock: event.blockNumber,
      openedAt: event.blockTimestamp,
      arbiter: null,
      buyerAmount: null,
      rulingCid: null,
      resolvedBlock: null,
      resolvedAt: null,
      blockNumber: event.blockNumber,
    });
  },
  async OrderResolved(event, store) {
    const ruling = {
      arbiter: hex(event.args.arbiter),
      buyerAmount: dec(event.args.buyerAmount),
      rulingCid: event.args.rulingCid,
    };
    await transition("Resolved", undefined, () => ruling)(event, store);
    const dispute = required(await store.get(disputes, { orderId: dec(event.args.orderId) }), "dispute", event);
    await store.put(disputes, {
      ...dispute,
      ...ruling,
      resolvedBlock: event.blockNumber,
      resolvedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
  },
  async OrderSettled(event, store) {
    const order = required(await store.get(orders, { id: dec(event.args.orderId) }), "order", event);
    const row = {
      orderId: order.id,
      payout: hex(event.args.payout),
      merchantAmount: dec(event.args.merchantAmount),
      buyerAmount: dec(event.args.buyerAmount),
      feeAmount: dec(event.args.feeAmount),
      txHash: event.txHash,
      settledAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    };
    store.insert(settlements, row);
    await credit(store, event, order.buyer, order.token, row.buyerAmount);
    await credit(store, event, row.payout, order.token, row.merchantAmount);
    await credit(store, event, order.terms.treasury, order.token, row.feeAmount);
  },
  async Withdrawn(event, store) {
    const key = { account: hex(event.args.account), token: hex(event.args.token) };
    const balance = required(await store.get(balances, key), "balance", event);
    await store.put(balances, {
      ...balance,
      amount: decSub(balance.amount, dec(event.args.amount)),
      withdrawn: decAdd(balance.withdrawn, dec(event.args.amount)),
      blockNumber: event.blockNumber,
    });
  },
  async SurplusSwept(event, store) {
    await credit(store, event, hex(event.args.treasury), hex(event.args.token), dec(event.args.amount));
  },
  async VoucherRevoked(event, store) {
    store.insert(voucherRevocations, {
      digest: hex(event.args.digest),
      voucherId: hex(event.args.voucherId),
      merchant: hex(event.args.merchant),
      txHash: event.txHash,
      revokedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
  },
  async VoucherRedeemed(event, store) {
    await store.put(voucherRedemptions, {
      orderId: dec(event.args.orderId),
      voucherId: hex(event.args.voucherId),
      merchant: hex(event.args.merchant),
      discount: dec(event.args.discount),
      blockNumber: event.blockNumber,
    });
  },
  async FeeChanged(event, store) {
    const current = await store.get(escrowSettings, { id: 1 });
    await store.put(escrowSettings, {
      id: 1,
      feeBps: num(event.args.feeBps),
      treasury: hex(event.args.treasury),
      paused: current?.paused ?? false,
      blockNumber: event.blockNumber,
    });
  },
  async PlacementPaused(event, store) {
    await store.put(escrowSettings, {
      ...(await settings(store, event)),
      paused: true,
      blockNumber: event.blockNumber,
    });
  },
  async PlacementUnpaused(event, store) {
    await store.put(escrowSettings, {
      ...(await settings(store, event)),
      paused: false,
      blockNumber: event.blockNumber,
    });
  },
};
