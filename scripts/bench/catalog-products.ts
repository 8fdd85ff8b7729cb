// The generated catalog (scripts/bench/catalog.ts) as the API's catalog index reads it from storefront_products.
import type { CatalogProduct } from "../../api/src/listings/catalog/catalog-index.ts";
import { listingIdOf, merchantsFor } from "./api-seed.ts";
import { generateCatalog } from "./catalog.ts";

/** A string as a database driver hands it over: flat, not the concatenation a template literal makes. */
const flat = (text: string) => Buffer.from(text).toString();

/** `count` products of the bench's catalog, with the listing ids api-seed gives them. */
export function* catalogProducts(count: number): Generator<CatalogProduct> {
  for (const listing of generateCatalog(count, merchantsFor(count))) {
    const merchant = flat(`merchant-${listing.merchantIndex}`);
    yield {
      id: flat(listingIdOf(listing.index)),
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
