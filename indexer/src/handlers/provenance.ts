import {
  aggregationLinks,
  attestations,
  custodyTransfers,
  provenanceEventItems,
  provenanceEvents,
  provenanceItems,
} from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, hex, hexList, num, required } from "./values.ts";

type Item = typeof provenanceItems.$inferSelect;

async function updateItem(store: Store, event: ChainEvent, itemId: string, patch: Partial<Item>): Promise<void> {
  const item = required(await store.get(provenanceItems, { id: itemId }), "item", event);
  await store.put(provenanceItems, { ...item, ...patch, blockNumber: event.blockNumber });
}

function linkItems(store: Store, event: ChainEvent, eventId: string, itemIds: string[], role: string): void {
  for (const itemId of new Set(itemIds))
    store.insert(provenanceEventItems, { eventId, itemId, role, blockNumber: event.blockNumber });
}

/** A custody hand-off's row: `initiated` by the holder, `accepted` by the next one. */
function recordCustody(store: Store, event: ChainEvent, stage: "initiated" | "accepted"): void {
  store.insert(custodyTransfers, {
    blockNumber: event.blockNumber,
    logIndex: event.logIndex,
    itemId: hex(event.args.itemId),
    fromAccount: hex(event.args.from),
    toAccount: hex(event.args.to),
    stage,
    txHash: event.txHash,
    at: event.blockTimestamp,
  });
}

function aggregation(action: "aggregated" | "disaggregated") {
  return async (event: ChainEvent, store: Store) => {
    const containerId = hex(event.args.containerId);
    const orderId = event.args.orderId === undefined || event.args.orderId === 0n ? null : dec(event.args.orderId);
    for (const childId of hexList(event.args.childIds)) {
      // Unpacked children are held by whoever held the container (the contract's rule for contained items).
      await updateItem(store, event, childId, {
        containerId: action === "aggregated" ? containerId : null,
        custodian: hex(event.args.custodian),
      });
      store.insert(aggregationLinks, {
        blockNumber: event.blockNumber,
        logIndex: event.logIndex,
        childId,
        containerId,
        action,
        orderId,
        custodian: hex(event.args.custodian),
        txHash: event.txHash,
        at: event.blockTimestamp,
      });
    }
  };
}

export const provenanceHandlers: ContractHandlers<"Provenance"> = {
  async ItemRegistered(event, store) {
    const custodian = hex(event.args.custodian);
    store.insert(provenanceItems, {
      id: hex(event.args.itemId),
      listingId: hex(event.args.listingId),
      quantity: dec(event.args.quantity),
      epc: event.args.epc,
      registeredBy: custodian,
      custodian,
      pendingCustodian: null,
      containerId: null,
      status: "Active",
      registeredBlock: event.blockNumber,
      registeredAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
  },
  async ProvenanceEventRecorded(event, store) {
    const id = dec(event.args.eventId);
    const corrects = dec(event.args.corrects);
    const { data } = event.args;
    const itemIds = hexList(event.args.itemIds);
    store.insert(provenanceEvents, {
      id,
      kind: corrects === "0" ? "record" : "correction",
      recorder: hex(event.args.recorder),
      corrects: corrects === "0" ? null : corrects,
      itemIds,
      outputIds: null,
      eventTime: data.eventTime === 0 ? null : num(data.eventTime),
      bizStep: data.bizStep,
      disposition: data.disposition,
      location: data.location,
      evidenceCid: data.evidenceCid,
      txHash: event.txHash,
      recordedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
    linkItems(store, event, id, itemIds, "subject");
    store.requestMetadata(data.evidenceCid, "provenance-evidence");
  },
  async ItemsTransformed(event, store) {
    const id = dec(event.args.eventId);
    const inputIds = hexList(event.args.inputIds);
    const outputIds = hexList(event.args.outputIds);
    for (const inputId of inputIds)
      await updateItem(store, event, inputId, { status: "Consumed", pendingCustodian: null });
    store.insert(provenanceEvents, {
      id,
      kind: "transformation",
      recorder: hex(event.args.custodian),
      corrects: null,
      itemIds: inputIds,
      outputIds,
      eventTime: null,
      bizStep: null,
      disposition: null,
      location: null,
      evidenceCid: event.args.evidenceCid,
      txHash: event.txHash,
      recordedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
    linkItems(store, event, id, inputIds, "input");
    linkItems(store, event, id, outputIds, "output");
    store.requestMetadata(event.args.evidenceCid, "provenance-evidence");
  },
  ItemsAggregated: aggregation("aggregated"),
  ItemsDisaggregated: aggregation("disaggregated"),
  async CustodyHandoffInitiated(event, store) {
    await updateItem(store, event, hex(event.args.itemId), { pendingCustodian: hex(event.args.to) });
    recordCustody(store, event, "initiated");
  },
  async CustodyHandoffAccepted(event, store) {
    await updateItem(store, event, hex(event.args.itemId), { custodian: hex(event.args.to), pendingCustodian: null });
    recordCustody(store, event, "accepted");
  },
  async ItemAttested(event, store) {
    store.insert(attestations, {
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      itemId: hex(event.args.itemId),
      auditor: hex(event.args.auditor),
      statementCid: event.args.statementCid,
      txHash: event.txHash,
      at: event.blockTimestamp,
    });
  },
};
