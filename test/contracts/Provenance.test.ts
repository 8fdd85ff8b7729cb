import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { zeroAddress, zeroHash } from "viem";
import { placeNativeOrder, publishListing, useCommerce, type CommerceFixture } from "../fixtures/commerce.ts";
import {
  BIZ_STEP,
  EVIDENCE_CID,
  addressOf,
  by,
  rejectsWith,
  ITEM_STATUS,
  eventData,
  handOff,
  holderOf,
  itemId,
  newItem,
  recordedEventId,
  registerItems,
} from "../fixtures/provenance.ts";

const MAX_NESTING = 8;
/** Gas that recording an event about one item packed MAX_NESTING containers deep may cost (unoptimised build). */
const NESTED_EVENT_GAS_BUDGET = 100_000n;

/** Registers an item and `depth` containers and packs each into the next; returns [item, ...containers]. */
async function packChain(f: CommerceFixture, depth: number) {
  const labels = ["nested", ...Array.from({ length: depth }, (_, level) => `box-${level + 1}`)];
  const ids = await registerItems(f, labels);
  for (let level = 1; level <= depth; level++) {
    await f.provenance.write.aggregate([ids[level], [ids[level - 1]], 0n], by(f.accounts.merchant));
  }
  return ids;
}

describe("Provenance", async () => {
  const { connection, load } = await useCommerce();
  const { viem, networkHelpers } = connection;

  describe("registering items", () => {
    it("lets a merchant register an item linked to a listing, which it then holds", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const { listingId } = await publishListing(f);
      const item = newItem("lot-1", listingId, 500n);
      await viem.assertions.emitWithArgs(
        f.provenance.write.registerItems([[item]], by(merchant)),
        f.provenance,
        "ItemRegistered",
        [item.itemId, listingId, addressOf(merchant), 500n, item.epc],
      );
      const [record, holder, container] = await f.provenance.read.itemOf([item.itemId]);
      assert.deepEqual(record, { custodian: addressOf(merchant), status: ITEM_STATUS.Active, contained: false });
      assert.equal(holder, addressOf(merchant));
      assert.equal(container, zeroHash);
    });

    it("refuses callers without the MERCHANT role", async () => {
      const f = await load();
      for (const caller of [f.accounts.carrier, f.accounts.stranger, f.accounts.merchant2]) {
        await rejectsWith(
          f,
          f.provenance.write.registerItems([[newItem("x")]], by(caller)),
          "AccessManagedUnauthorized",
          [addressOf(caller)],
        );
      }
    });

    it("rejects an id registered before, also within one batch", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      await registerItems(f, ["a"]);
      await rejectsWith(f, f.provenance.write.registerItems([[newItem("a")]], by(merchant)), "ProvenanceItemExists", [
        itemId("a"),
      ]);
      await rejectsWith(
        f,
        f.provenance.write.registerItems([[newItem("b"), newItem("b")]], by(merchant)),
        "ProvenanceItemExists",
        [itemId("b")],
      );
    });

    it("rejects the zero id and an empty batch", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      await rejectsWith(
        f,
        f.provenance.write.registerItems([[{ ...newItem("z"), itemId: zeroHash }]], by(merchant)),
        "ProvenanceEmpty",
        ["itemId"],
      );
      await rejectsWith(f, f.provenance.write.registerItems([[]], by(merchant)), "ProvenanceEmpty", ["items"]);
    });
  });

  describe("recording events", () => {
    it("numbers a recorder's events in an id that encodes the recorder", async () => {
      const f = await load();
      const merchant = addressOf(f.accounts.merchant);
      const [a] = await registerItems(f, ["a"]);
      const data = eventData({ bizStep: BIZ_STEP.commissioning });
      const hash = await f.provenance.write.recordEvent([[a], data], by(f.accounts.merchant));
      const first = await recordedEventId(f, hash);
      await viem.assertions.emitWithArgs(hash, f.provenance, "ProvenanceEventRecorded", [
        first,
        merchant,
        0n,
        [a],
        data,
      ]);
      const second = await recordedEventId(
        f,
        await f.provenance.write.recordEvent([[a], data], by(f.accounts.merchant)),
      );
      assert.equal(first, (BigInt(merchant) << 96n) | 1n);
      assert.equal(second, first + 1n);
      assert.equal(await f.provenance.read.recorderOf([first]), merchant);
      assert.equal(await f.provenance.read.recorderOf([second]), merchant);
      assert.equal(await f.provenance.read.recorderOf([second + 1n]), zeroAddress);
      assert.equal(await f.provenance.read.recorderOf([BigInt(merchant) << 96n]), zeroAddress);
    });

    it("refuses an event from someone who does not hold the item", async () => {
      const f = await load();
      const [a] = await registerItems(f, ["a"]);
      await rejectsWith(
        f,
        f.provenance.write.recordEvent([[a], eventData()], by(f.accounts.stranger)),
        "ProvenanceNotCustodian",
        [a, addressOf(f.accounts.stranger)],
      );
    });

    it("accepts a past event time and refuses a future one", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      const now = await networkHelpers.time.latest();
      await f.provenance.write.recordEvent([[a], eventData({ eventTime: now - 3600 })], by(merchant));
      const future = now + 3600;
      await rejectsWith(
        f,
        f.provenance.write.recordEvent([[a], eventData({ eventTime: future })], by(merchant)),
        "ProvenanceFutureEvent",
        [future],
      );
    });

    it("refuses unknown items and an empty item list", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      await rejectsWith(
        f,
        f.provenance.write.recordEvent([[itemId("ghost")], eventData()], by(merchant)),
        "ProvenanceUnknownItem",
        [itemId("ghost")],
      );
      await rejectsWith(f, f.provenance.write.recordEvent([[], eventData()], by(merchant)), "ProvenanceEmpty", [
        "itemIds",
      ]);
    });
  });

  describe("corrections", () => {
    it("records a correction beside the event it corrects, naming it", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      const original = await recordedEventId(f, await f.provenance.write.recordEvent([[a], eventData()], by(merchant)));
      // The recorder may correct even after the item has left its custody.
      await handOff(f, a, merchant, carrier);
      const fixed = eventData({ location: "urn:epc:id:sgln:0614141.00888.0" });
      const hash = await f.provenance.write.correctEvent([original, [a], fixed], by(merchant));
      const correction = await recordedEventId(f, hash);
      await viem.assertions.emitWithArgs(hash, f.provenance, "ProvenanceEventRecorded", [
        correction,
        addressOf(merchant),
        original,
        [a],
        fixed,
      ]);
      assert.equal(correction, original + 1n);
      assert.equal(await f.provenance.read.recorderOf([correction]), addressOf(merchant));
    });

    it("lets only the original recorder correct, not the item's new custodian", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      const original = await recordedEventId(f, await f.provenance.write.recordEvent([[a], eventData()], by(merchant)));
      await handOff(f, a, merchant, carrier);
      await rejectsWith(
        f,
        f.provenance.write.correctEvent([original, [a], eventData()], by(carrier)),
        "ProvenanceNotRecorder",
        [original, addressOf(carrier)],
      );
    });

    it("rejects a correction of an unknown event", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      const unrecorded = (BigInt(merchant.account.address) << 96n) | 7n;
      for (const eventId of [0n, unrecorded]) {
        await rejectsWith(
          f,
          f.provenance.write.correctEvent([eventId, [a], eventData()], by(merchant)),
          "ProvenanceUnknownEvent",
          [eventId],
        );
      }
    });

    it("rejects a correction dated in the future", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      const original = await recordedEventId(f, await f.provenance.write.recordEvent([[a], eventData()], by(merchant)));
      const future = (await networkHelpers.time.latest()) + 3600;
      await rejectsWith(
        f,
        f.provenance.write.correctEvent([original, [a], eventData({ eventTime: future })], by(merchant)),
        "ProvenanceFutureEvent",
        [future],
      );
    });
  });

  describe("aggregation", () => {
    it("packs items into a shipment linked to an order; they follow the shipment's custodian", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const { listingId } = await publishListing(f);
      const { orderId } = await placeNativeOrder(f, listingId);
      const [a, b, shipment] = await registerItems(f, ["a", "b", "shipment"]);
      const packed = f.provenance.write.aggregate([shipment, [a, b], orderId], by(merchant));
      await viem.assertions.emitWithArgs(packed, f.provenance, "ItemsAggregated", [
        shipment,
        addressOf(merchant),
        orderId,
        [a, b],
      ]);
      const [record, , container] = await f.provenance.read.itemOf([a]);
      assert.equal(record.contained, true);
      assert.equal(container, shipment);

      await handOff(f, shipment, merchant, carrier);
      assert.equal(await holderOf(f, a), addressOf(carrier));
      await f.provenance.write.recordEvent([[a, b], eventData()], by(carrier));
      await rejectsWith(f, f.provenance.write.recordEvent([[a], eventData()], by(merchant)), "ProvenanceNotCustodian", [
        a,
        addressOf(merchant),
      ]);
    });

    it("does not hand off a packed item on its own, and does not pack it twice", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a, box, other] = await registerItems(f, ["a", "box", "other"]);
      await f.provenance.write.aggregate([box, [a], 0n], by(merchant));
      await rejectsWith(
        f,
        f.provenance.write.initiateHandoff([a, carrier.account.address], by(merchant)),
        "ProvenanceItemContained",
        [a],
      );
      await rejectsWith(f, f.provenance.write.aggregate([other, [a], 0n], by(merchant)), "ProvenanceItemContained", [
        a,
      ]);
    });

    it("drops a pending offer of an item when it is packed", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a, box] = await registerItems(f, ["a", "box"]);
      await f.provenance.write.initiateHandoff([a, carrier.account.address], by(merchant));
      await f.provenance.write.aggregate([box, [a], 0n], by(merchant));
      assert.equal(await f.provenance.read.pendingCustodianOf([a]), zeroAddress);
      await rejectsWith(f, f.provenance.write.acceptHandoff([a], by(carrier)), "ProvenanceNotPendingCustodian", [
        a,
        addressOf(carrier),
      ]);
    });

    it("rejects packing a container into itself or into its own content", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [pallet, box, a] = await registerItems(f, ["pallet", "box", "a"]);
      await f.provenance.write.aggregate([box, [a], 0n], by(merchant));
      await f.provenance.write.aggregate([pallet, [box], 0n], by(merchant));
      assert.equal(await holderOf(f, a), addressOf(merchant));
      await rejectsWith(f, f.provenance.write.aggregate([box, [pallet], 0n], by(merchant)), "ProvenanceCycle", [
        box,
        pallet,
      ]);
      await rejectsWith(f, f.provenance.write.aggregate([a, [pallet], 0n], by(merchant)), "ProvenanceCycle", [
        a,
        pallet,
      ]);
      await rejectsWith(f, f.provenance.write.aggregate([pallet, [pallet], 0n], by(merchant)), "ProvenanceCycle", [
        pallet,
        pallet,
      ]);
    });

    it("nests an item at most MAX_NESTING (8) containers deep, whether packed from above or below", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      assert.equal(await f.provenance.read.MAX_NESTING(), MAX_NESTING);
      const [item, ...boxes] = await packChain(f, MAX_NESTING);
      const [outer, extra, inner] = await registerItems(f, ["outer", "extra", "inner"]);
      await rejectsWith(
        f,
        f.provenance.write.aggregate([outer, [boxes[MAX_NESTING - 1]], 0n], by(merchant)),
        "ProvenanceNestingTooDeep",
        [outer, BigInt(MAX_NESTING + 1), BigInt(MAX_NESTING)],
      );
      await rejectsWith(
        f,
        f.provenance.write.aggregate([item, [inner], 0n], by(merchant)),
        "ProvenanceNestingTooDeep",
        [item, BigInt(MAX_NESTING + 1), BigInt(MAX_NESTING)],
      );
      // A second item beside the first, as deep, is within the limit.
      await f.provenance.write.aggregate([boxes[0], [extra], 0n], by(merchant));
      assert.equal(await holderOf(f, extra), addressOf(merchant));
    });

    it("records an event about an item at the nesting limit within 100k gas", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [item, ...boxes] = await packChain(f, MAX_NESTING);
      await handOff(f, boxes[MAX_NESTING - 1], merchant, carrier);
      // The carrier's first event also creates its event counter; the budget is for every later one.
      await f.provenance.write.recordEvent([[item], eventData()], by(carrier));
      const hash = await f.provenance.write.recordEvent([[item], eventData()], by(carrier));
      const { gasUsed } = await f.publicClient.waitForTransactionReceipt({ hash });
      assert.ok(gasUsed <= NESTED_EVENT_GAS_BUDGET, `recordEvent at depth ${MAX_NESTING} used ${gasUsed} gas`);
    });

    it("frees nesting levels when a container is emptied", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [item, ...boxes] = await packChain(f, MAX_NESTING);
      const top = boxes[MAX_NESTING - 1];
      const [outer, inner] = await registerItems(f, ["outer", "inner"]);
      await f.provenance.write.disaggregate([top, [boxes[MAX_NESTING - 2]]], by(merchant));
      await f.provenance.write.aggregate([outer, [top], 0n], by(merchant));
      await f.provenance.write.disaggregate([boxes[0], [item]], by(merchant));
      await f.provenance.write.aggregate([boxes[0], [inner], 0n], by(merchant));
      assert.equal((await f.provenance.read.itemOf([inner]))[2], boxes[0]);
    });

    it("unpacks items to the container's current holder only", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a, b, shipment, loose] = await registerItems(f, ["a", "b", "shipment", "loose"]);
      await f.provenance.write.aggregate([shipment, [a, b], 0n], by(merchant));
      await handOff(f, shipment, merchant, carrier);
      await rejectsWith(f, f.provenance.write.disaggregate([shipment, [a]], by(merchant)), "ProvenanceNotCustodian", [
        shipment,
        addressOf(merchant),
      ]);
      await rejectsWith(
        f,
        f.provenance.write.disaggregate([shipment, [loose]], by(carrier)),
        "ProvenanceNotInContainer",
        [loose, shipment],
      );
      await viem.assertions.emitWithArgs(
        f.provenance.write.disaggregate([shipment, [a]], by(carrier)),
        f.provenance,
        "ItemsDisaggregated",
        [shipment, addressOf(carrier), [a]],
      );
      const [record, holder, container] = await f.provenance.read.itemOf([a]);
      assert.deepEqual(record, { custodian: addressOf(carrier), status: ITEM_STATUS.Active, contained: false });
      assert.equal(holder, addressOf(carrier));
      assert.equal(container, zeroHash);
      // `a` now moves on its own; `b` still travels with the shipment.
      await handOff(f, a, carrier, merchant);
      assert.equal(await holderOf(f, b), addressOf(carrier));
    });
  });

  describe("transformation", () => {
    it("consumes the inputs and registers the outputs", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [flour, sugar] = await registerItems(f, ["flour", "sugar"]);
      const cake = newItem("cake");
      const hash = await f.provenance.write.transform([[flour, sugar], [cake], EVIDENCE_CID], by(merchant));
      const eventId = await recordedEventId(f, hash);
      await viem.assertions.emitWithArgs(hash, f.provenance, "ItemRegistered", [
        cake.itemId,
        zeroHash,
        addressOf(merchant),
        1n,
        cake.epc,
      ]);
      await viem.assertions.emitWithArgs(hash, f.provenance, "ItemsTransformed", [
        eventId,
        addressOf(merchant),
        [flour, sugar],
        [cake.itemId],
        EVIDENCE_CID,
      ]);
      assert.equal(await f.provenance.read.recorderOf([eventId]), addressOf(merchant));
      assert.equal((await f.provenance.read.itemOf([flour]))[0].status, ITEM_STATUS.Consumed);
      assert.equal((await f.provenance.read.itemOf([cake.itemId]))[0].status, ITEM_STATUS.Active);

      for (const attempt of [
        f.provenance.write.recordEvent([[flour], eventData()], by(merchant)),
        f.provenance.write.initiateHandoff([flour, carrier.account.address], by(merchant)),
        f.provenance.write.transform([[flour], [newItem("bread")], EVIDENCE_CID], by(merchant)),
        f.provenance.write.aggregate([cake.itemId, [flour], 0n], by(merchant)),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(attempt, f.provenance, "ProvenanceItemConsumed", [flour]);
      }
    });

    it("refuses a transformation by a non-merchant or of packed inputs", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a, box] = await registerItems(f, ["a", "box"]);
      await rejectsWith(
        f,
        f.provenance.write.transform([[a], [newItem("out")], EVIDENCE_CID], by(carrier)),
        "AccessManagedUnauthorized",
        [addressOf(carrier)],
      );
      await f.provenance.write.aggregate([box, [a], 0n], by(merchant));
      await rejectsWith(
        f,
        f.provenance.write.transform([[a], [newItem("out")], EVIDENCE_CID], by(merchant)),
        "ProvenanceItemContained",
        [a],
      );
    });

    it("drops a pending hand-off of an item it consumes", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await f.provenance.write.initiateHandoff([a, carrier.account.address], by(merchant));
      await f.provenance.write.transform([[a], [newItem("out")], EVIDENCE_CID], by(merchant));
      assert.equal(await f.provenance.read.pendingCustodianOf([a]), zeroAddress);
      await rejectsWith(f, f.provenance.write.acceptHandoff([a], by(carrier)), "ProvenanceNotPendingCustodian", [
        a,
        addressOf(carrier),
      ]);
      assert.equal(await holderOf(f, a), addressOf(merchant));
    });

    it("refuses to consume a container until it is unpacked, so nothing is trapped inside", async () => {
      const f = await load();
      const { merchant } = f.accounts;
      const [a, b, box] = await registerItems(f, ["a", "b", "box"]);
      await f.provenance.write.aggregate([box, [a, b], 0n], by(merchant));
      await f.provenance.write.disaggregate([box, [a]], by(merchant));
      await rejectsWith(
        f,
        f.provenance.write.transform([[box], [newItem("out")], EVIDENCE_CID], by(merchant)),
        "ProvenanceContainerNotEmpty",
        [box],
      );
      await f.provenance.write.disaggregate([box, [b]], by(merchant));
      await f.provenance.write.transform([[box], [newItem("out")], EVIDENCE_CID], by(merchant));
      assert.equal((await f.provenance.read.itemOf([box]))[0].status, ITEM_STATUS.Consumed);
    });
  });

  describe("custody hand-off", () => {
    it("hands an item from merchant to carrier to buyer in two steps", async () => {
      const f = await load();
      const { merchant, carrier, buyer } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      for (const [from, to] of [
        [merchant, carrier],
        [carrier, buyer],
      ] as const) {
        const fromAddress = addressOf(from);
        const toAddress = addressOf(to);
        await viem.assertions.emitWithArgs(
          f.provenance.write.initiateHandoff([a, toAddress], by(from)),
          f.provenance,
          "CustodyHandoffInitiated",
          [a, fromAddress, toAddress],
        );
        assert.equal(await f.provenance.read.pendingCustodianOf([a]), toAddress);
        assert.equal(await holderOf(f, a), fromAddress, "custody moves only on acceptance");
        await viem.assertions.emitWithArgs(
          f.provenance.write.acceptHandoff([a], by(to)),
          f.provenance,
          "CustodyHandoffAccepted",
          [a, fromAddress, toAddress],
        );
        assert.equal(await holderOf(f, a), toAddress);
        assert.equal(await f.provenance.read.pendingCustodianOf([a]), zeroAddress);
      }
    });

    it("lets only the offered account accept, and only once", async () => {
      const f = await load();
      const { merchant, carrier, stranger } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await f.provenance.write.initiateHandoff([a, carrier.account.address], by(merchant));
      for (const caller of [stranger, merchant]) {
        await rejectsWith(f, f.provenance.write.acceptHandoff([a], by(caller)), "ProvenanceNotPendingCustodian", [
          a,
          addressOf(caller),
        ]);
      }
      await f.provenance.write.acceptHandoff([a], by(carrier));
      await rejectsWith(f, f.provenance.write.acceptHandoff([a], by(carrier)), "ProvenanceNotPendingCustodian", [
        a,
        addressOf(carrier),
      ]);
    });

    it("replaces an earlier offer with a later one", async () => {
      const f = await load();
      const { merchant, carrier, buyer } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await f.provenance.write.initiateHandoff([a, carrier.account.address], by(merchant));
      await f.provenance.write.initiateHandoff([a, buyer.account.address], by(merchant));
      await rejectsWith(f, f.provenance.write.acceptHandoff([a], by(carrier)), "ProvenanceNotPendingCustodian", [
        a,
        addressOf(carrier),
      ]);
      await f.provenance.write.acceptHandoff([a], by(buyer));
      assert.equal(await holderOf(f, a), addressOf(buyer));
    });

    it("refuses an offer by a non-holder or to the zero address", async () => {
      const f = await load();
      const { merchant, carrier } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await rejectsWith(
        f,
        f.provenance.write.initiateHandoff([a, carrier.account.address], by(carrier)),
        "ProvenanceNotCustodian",
        [a, addressOf(carrier)],
      );
      const toNobody = f.provenance.write.initiateHandoff([a, zeroAddress], by(merchant));
      await viem.assertions.revertWithCustomError(toNobody, f.provenance, "ProvenanceZeroAddress");
    });
  });

  describe("audit", () => {
    it("records an auditor's attestation about a known item", async () => {
      const f = await load();
      const { auditor } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await viem.assertions.emitWithArgs(
        f.provenance.write.attest([a, EVIDENCE_CID], by(auditor)),
        f.provenance,
        "ItemAttested",
        [a, addressOf(auditor), EVIDENCE_CID],
      );
    });

    it("refuses attestations by non-auditors, about unknown items, or without a statement", async () => {
      const f = await load();
      const { auditor, merchant } = f.accounts;
      const [a] = await registerItems(f, ["a"]);
      await rejectsWith(f, f.provenance.write.attest([a, EVIDENCE_CID], by(merchant)), "AccessManagedUnauthorized", [
        addressOf(merchant),
      ]);
      await rejectsWith(
        f,
        f.provenance.write.attest([itemId("ghost"), EVIDENCE_CID], by(auditor)),
        "ProvenanceUnknownItem",
        [itemId("ghost")],
      );
      await rejectsWith(f, f.provenance.write.attest([a, ""], by(auditor)), "ProvenanceEmpty", ["statementCid"]);
    });
  });

  it("traces an item from origin through a shipment to the buyer, event by event", async () => {
    const f = await load();
    const { merchant, carrier, buyer } = f.accounts;
    const [M, C, B] = [merchant, carrier, buyer].map(addressOf);
    const { listingId } = await publishListing(f);
    const { orderId } = await placeNativeOrder(f, listingId, { quantity: 2n });
    const fromBlock = (await f.publicClient.getBlockNumber()) + 1n;

    const units = [newItem("unit-1", listingId), newItem("unit-2", listingId)];
    const shipment = newItem("shipment-1");
    const [u1, u2] = units.map((u) => u.itemId);
    const s = shipment.itemId;
    const origin = eventData({ bizStep: BIZ_STEP.commissioning, disposition: "urn:epcglobal:cbv:disp:active" });
    const packing = eventData({ bizStep: BIZ_STEP.packing });
    const inTransit = eventData({ bizStep: BIZ_STEP.inTransit, location: "urn:epc:id:sgln:0614141.00999.0" });
    const receipt = eventData({ bizStep: BIZ_STEP.receiving, disposition: "urn:epcglobal:cbv:disp:in_possession" });

    await f.provenance.write.registerItems([[...units, shipment]], by(merchant));
    await f.provenance.write.recordEvent([[u1, u2], origin], by(merchant));
    await f.provenance.write.recordEvent([[u1, u2], packing], by(merchant));
    await f.provenance.write.aggregate([s, [u1, u2], orderId], by(merchant));
    await handOff(f, s, merchant, carrier);
    await f.provenance.write.recordEvent([[s, u1, u2], inTransit], by(carrier));
    await handOff(f, s, carrier, buyer);
    await f.provenance.write.disaggregate([s, [u1, u2]], by(buyer));
    await f.provenance.write.recordEvent([[u1, u2], receipt], by(buyer));

    const { address, abi } = f.provenance;
    const logs = await f.publicClient.getContractEvents({ address, abi, fromBlock, strict: true });
    const trace = logs.map((log) => ({ name: log.eventName, args: log.args as Record<string, unknown> }));
    const recorded = (recorder: string, n: bigint, itemIds: string[], data: object) => ({
      name: "ProvenanceEventRecorded",
      args: { eventId: (BigInt(recorder) << 96n) | n, recorder, corrects: 0n, itemIds, data },
    });
    assert.deepEqual(trace, [
      { name: "ItemRegistered", args: { itemId: u1, listingId, custodian: M, quantity: 1n, epc: units[0].epc } },
      { name: "ItemRegistered", args: { itemId: u2, listingId, custodian: M, quantity: 1n, epc: units[1].epc } },
      {
        name: "ItemRegistered",
        args: { itemId: s, listingId: zeroHash, custodian: M, quantity: 1n, epc: shipment.epc },
      },
      recorded(M, 1n, [u1, u2], origin),
      recorded(M, 2n, [u1, u2], packing),
      { name: "ItemsAggregated", args: { containerId: s, custodian: M, orderId, childIds: [u1, u2] } },
      { name: "CustodyHandoffInitiated", args: { itemId: s, from: M, to: C } },
      { name: "CustodyHandoffAccepted", args: { itemId: s, from: M, to: C } },
      recorded(C, 1n, [s, u1, u2], inTransit),
      { name: "CustodyHandoffInitiated", args: { itemId: s, from: C, to: B } },
      { name: "CustodyHandoffAccepted", args: { itemId: s, from: C, to: B } },
      { name: "ItemsDisaggregated", args: { containerId: s, custodian: B, childIds: [u1, u2] } },
      recorded(B, 1n, [u1, u2], receipt),
    ]);
    for (const unit of [u1, u2]) assert.equal(await holderOf(f, unit), B);
  });
});
