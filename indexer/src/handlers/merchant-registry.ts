import { merchants, merchantStatusHistory } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, hex, required, ZERO_ADDRESS } from "./values.ts";

async function merchantOf(event: ChainEvent, store: Store) {
  return required(await store.get(merchants, { address: hex(event.args.merchant) }), "merchant", event);
}

function transition(status: string) {
  return async (event: ChainEvent, store: Store) => {
    const merchant = await merchantOf(event, store);
    await store.put(merchants, { ...merchant, status, blockNumber: event.blockNumber });
    store.insert(merchantStatusHistory, {
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      merchant: merchant.address,
      status,
      actor: hex(event.args.registrar),
      reasonCid: (event.args.reasonCid as string | undefined) ?? null,
      txHash: event.txHash,
      at: event.blockTimestamp,
    });
  };
}

function update(patch: (event: ChainEvent) => Partial<typeof merchants.$inferSelect>) {
  return async (event: ChainEvent, store: Store) => {
    const merchant = await merchantOf(event, store);
    await store.put(merchants, { ...merchant, ...patch(event), blockNumber: event.blockNumber });
  };
}

export const merchantRegistryHandlers: ContractHandlers<"MerchantRegistry"> = {
  async MerchantApplied(event, store) {
    const address = hex(event.args.merchant);
    const profileCid = event.args.profileCid;
    const previous = await store.get(merchants, { address });
    await store.put(merchants, {
      address,
      status: "Applied",
      payout: hex(event.args.payout),
      signer: previous?.signer ?? null,
      counter: previous?.counter ?? "0",
      profileCid,
      appliedBlock: event.blockNumber,
      appliedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
    store.insert(merchantStatusHistory, {
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      merchant: address,
      status: "Applied",
      actor: address,
      reasonCid: null,
      txHash: event.txHash,
      at: event.blockTimestamp,
    });
    store.requestMetadata(profileCid, "merchant-profile");
  },
  MerchantApproved: transition("Approved"),
  MerchantRejected: transition("Rejected"),
  MerchantSuspended: transition("Suspended"),
  MerchantReinstated: transition("Approved"),
  async MerchantProfileUpdated(event, store) {
    await update((e) => ({ profileCid: e.args.profileCid as string }))(event, store);
    store.requestMetadata(event.args.profileCid, "merchant-profile");
  },
  MerchantPayoutChanged: update((e) => ({ payout: hex(e.args.payout) })),
  MerchantSignerChanged: update((e) => ({ signer: hex(e.args.signer) === ZERO_ADDRESS ? null : hex(e.args.signer) })),
  MerchantCounterIncremented: update((e) => ({ counter: dec(e.args.counter) })),
};
