// The generated catalog (scripts/bench/catalog.ts) as the API's catalog index reads it from storefront_products.
import type { CatalogProduct } from "../../api/src/listings/catalog/catalog-index.ts";
import { listingIdOf, merchantsFor } from "./api-seed.ts";
import { generateCatalog } from "./catalog.ts";

/** A string as a database driver hands it over: flat, not the concatenation a template literal makes. */
const flat = (text: string) => Buffer.from(text).toString();

/**
 * `count` products of the bench's catalog, with the listing ids api-seed gives them, in listing id order as the API
 * loads them (its strings allocated in that order too, as a driver's are: the heap's layout sets a full garbage
 * collection's cost).
 */
export function* catalogProducts(count: number): Generator<CatalogProduct> {
  const listings = [...generateCatalog(count, merchantsFor(count))].map((listing) => ({
    listing,
    id: listingIdOf(listing.index),
  }));
  listings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { listing, id } of listings) {
    const merchant = flat(`merchant-${listing.merchantIndex}`);
    yield {
      id: flat(id),
      key: flat(`${merchant}:${listing.index}`),
      merchant,
      token: listing.token,
      price: flat(listing.price.toString()),
      inStock: listing.remaining > 0,
      publishedBlock: 10 + listing.index,
      categoryPath: listing.categoryPath,
      searchText: flat(`${listing.title} ${listing.description} ${listing.material}`),
      rating: listing.rating ? listing.rating.sum / listing.rating.count : null,
    };
  }
}
