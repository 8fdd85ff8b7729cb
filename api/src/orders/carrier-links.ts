import type { TrackingDocument } from "#sdk/metadata/tracking.ts";

/** Tracking pages of the carriers the storefront knows, by the carrier's name in lower case letters and digits. */
const TRACKING_PAGES: Readonly<Record<string, (trackingNumber: string) => string>> = {
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  posti: (n) => `https://www.posti.fi/en/tracking#/lahetys/${n}`,
};

/** The parcel's tracking page: the merchant's own link if it gave one, else the known carrier's, else none. */
export function trackingUrl(tracking: TrackingDocument): string | null {
  if (tracking.url) return tracking.url;
  const page = TRACKING_PAGES[tracking.carrier.toLowerCase().replace(/[^a-z0-9]/g, "")];
  return page ? page(encodeURIComponent(tracking.trackingNumber)) : null;
}
