import type { Hex } from "viem";
import type { demoActions, Wallet } from "./actions.ts";

type Demo = Awaited<ReturnType<typeof demoActions>>;
const BIZ = "urn:epcglobal:cbv:bizstep:";
const DISP = "urn:epcglobal:cbv:disp:";

/**
 * A coffee lot from farm to buyer: green beans registered at origin, roasted (a transformation), packed,
 * aggregated into a shipment for an order, handed to the carrier, in transit, handed to the buyer and
 * unpacked; one event corrected and the lot attested by an auditor.
 */
export async function seedProvenance(
  demo: Demo,
  parties: {
    merchant: Wallet;
    carrier: Wallet;
    buyer: Wallet;
    auditor: Wallet;
    listingId: Hex;
    orderId: bigint;
    itemIdOf: (epc: string) => Hex;
  },
) {
  const { provenance, wait, putJson } = demo;
  const { merchant, carrier, buyer, auditor, listingId, orderId, itemIdOf } = parties;
  const as = (wallet: Wallet) => ({ account: wallet.account });
  const green = {
    itemId: itemIdOf("urn:epc:id:lgtin:0614141.107346.GREEN-2026-07"),
    listingId,
    quantity: 60n,
    epc: "urn:epc:id:lgtin:0614141.107346.GREEN-2026-07",
  };
  const roasted = {
    itemId: itemIdOf("urn:epc:id:lgtin:0614141.107347.ROAST-2026-11"),
    listingId,
    quantity: 58n,
    epc: "urn:epc:id:lgtin:0614141.107347.ROAST-2026-11",
  };
  const shipment = {
    itemId: itemIdOf("urn:epc:id:sscc:0614141.1234567890"),
    listingId: `0x${"00".repeat(32)}` as Hex,
    quantity: 1n,
    epc: "urn:epc:id:sscc:0614141.1234567890",
  };
  const evidence = (step: string, description: string, country: string) =>
    putJson({
      schema: "commerce-ledger/provenance-evidence@1",
      itemId: green.epc,
      step,
      description,
      occurredAt: new Date().toISOString(),
      location: { country },
      attachments: [],
    });
  const event = async (bizStep: string, disposition: string, location: string, evidenceCid: string) => ({
    eventTime: 0,
    bizStep: BIZ + bizStep,
    disposition: DISP + disposition,
    location,
    evidenceCid,
  });

  await wait(provenance.write.registerItems([[green]], as(merchant)));
  await wait(
    provenance.write.recordEvent(
      [
        [green.itemId],
        await event(
          "commissioning",
          "active",
          "urn:epc:id:sgln:0614141.00001.YIRGA",
          await evidence("origin", "Harvested and washed at the Konga cooperative", "ET"),
        ),
      ],
      as(merchant),
    ),
  );
  await wait(
    provenance.write.transform(
      [[green.itemId], [roasted], await evidence("manufactured", "Roasted in Innsbruck, batch R-1142", "AT")],
      as(merchant),
    ),
  );
  const packing = await wait(
    provenance.write.recordEvent(
      [
        [roasted.itemId],
        await event(
          "packing",
          "in_progress",
          "urn:epc:id:sgln:0614141.00002.WRONG",
          await evidence("inspected", "Packed in 1 kg valve bags", "AT"),
        ),
      ],
      as(merchant),
    ),
  );
  const [packed] = await provenance.getEvents.ProvenanceEventRecorded(
    {},
    { fromBlock: packing.blockNumber, toBlock: packing.blockNumber },
  );
  await wait(
    provenance.write.correctEvent(
      [
        packed.args.eventId!,
        [roasted.itemId],
        await event(
          "packing",
          "in_progress",
          "urn:epc:id:sgln:0614141.00002.INNSBRUCK",
          await evidence("inspected", "Correction: packed at the Innsbruck roastery, not the warehouse", "AT"),
        ),
      ],
      as(merchant),
    ),
  );
  await wait(provenance.write.registerItems([[shipment]], as(merchant)));
  await wait(provenance.write.aggregate([shipment.itemId, [roasted.itemId], orderId], as(merchant)));
  await wait(provenance.write.initiateHandoff([shipment.itemId, carrier.account.address], as(merchant)));
  await wait(provenance.write.acceptHandoff([shipment.itemId], as(carrier)));
  await wait(
    provenance.write.recordEvent(
      [
        [shipment.itemId],
        await event(
          "departing",
          "in_transit",
          "urn:epc:id:sgln:4012345.00010.MUC-HUB",
          await evidence("shipped", "Left the Munich hub", "DE"),
        ),
      ],
      as(carrier),
    ),
  );
  await wait(provenance.write.initiateHandoff([shipment.itemId, buyer.account.address], as(carrier)));
  await wait(provenance.write.acceptHandoff([shipment.itemId], as(buyer)));
  await wait(provenance.write.disaggregate([shipment.itemId, [roasted.itemId]], as(buyer)));
  await wait(
    provenance.write.attest(
      [roasted.itemId, await evidence("certified", "Organic certificate checked against the lot", "AT")],
      as(auditor),
    ),
  );
  return { itemId: roasted.itemId, shipmentId: shipment.itemId, originId: green.itemId };
}
