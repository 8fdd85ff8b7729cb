import { orderShippingCost } from "../../../../sdk/metadata/listing.ts";

/** A listing's shipping as GraphQL `Listing.shipping` gives it. */
export interface ListingShipping {
  regions: { country: string; cost: string }[];
  returnPolicy: { accepted: boolean; windowDays: number; buyerPaysReturnShipping: boolean; notes: string | null };
}

export const SHIPPING_FIELDS = /* GraphQL */ `
  shipping { regions { country cost } returnPolicy { accepted windowDays buyerPaysReturnShipping notes } }
`;

/** "AT, DE and GB" */
export function countryList(countries: readonly string[]): string {
  return countries.length < 2 ? countries.join("") : `${countries.slice(0, -1).join(", ")} and ${countries.at(-1)}`;
}

/**
 * The shipping of an order of these listings to `country`, with the contract's rule the API applies (every listing
 * ships there; the highest rate is charged), or, in plain words, why it cannot go there.
 */
export function shippingTo(
  listings: readonly { title: string; shipping: ListingShipping | null }[],
  country: string,
): { cost: bigint } | { refusal: string } {
  const unknown = listings.find((listing) => !listing.shipping);
  if (unknown) return { refusal: `Where "${unknown.title}" ships is not known yet. Try again in a moment.` };
  const documents = listings.map(({ shipping }) => ({
    shippingRegions: shipping!.regions.map((region) => region.country),
    shippingCosts: Object.fromEntries(shipping!.regions.map((region) => [region.country, region.cost])),
  }));
  const result = orderShippingCost(documents, country);
  if ("cost" in result) return result;
  const { title } = listings[result.unserved];
  const regions = countryList(documents[result.unserved].shippingRegions);
  return { refusal: `"${title}" does not ship to ${country}. The merchant ships it to ${regions}.` };
}
