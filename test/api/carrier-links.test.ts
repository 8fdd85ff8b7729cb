import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { trackingUrl } from "../../api/src/orders/carrier-links.ts";

const parcel = (carrier: string, trackingNumber: string, url?: string) => ({
  schema: "commerce-ledger/tracking@1" as const,
  carrier,
  trackingNumber,
  url,
});

describe("a parcel's tracking page", () => {
  it("fills the known carrier's template with the number, whatever the carrier's spelling", () => {
    assert.equal(trackingUrl(parcel("UPS", "1Z999")), "https://www.ups.com/track?tracknum=1Z999");
    assert.equal(trackingUrl(parcel("Fed-Ex", "1234")), "https://www.fedex.com/fedextrack/?trknbr=1234");
    assert.equal(trackingUrl(parcel("usps", "9400")), "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400");
  });

  it("escapes the number so it cannot change the address", () => {
    assert.equal(
      trackingUrl(parcel("DHL", "JD01 4600&x=1")),
      "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD01%204600%26x%3D1",
    );
  });

  it("prefers the merchant's own link, and has none for an unknown carrier without one", () => {
    assert.equal(trackingUrl(parcel("DHL", "1", "https://shop.example/t/1")), "https://shop.example/t/1");
    assert.equal(trackingUrl(parcel("Bicycle Couriers", "7")), null);
  });
});
