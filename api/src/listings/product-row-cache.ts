import { BoundedMap } from "../common/bounded-map.ts";
import type { CachedEntity, Eviction } from "../common/eviction.ts";
import { RecentEvictions } from "../common/recent-evictions.ts";
import type { ListingRow } from "./listing-query.ts";

/** What the index's change log names for a change under a product's row (indexer: `productChanges`). */
export const productEntity = (row: Pick<ListingRow, "merchant" | "sku">): CachedEntity => ({
  typename: "Product",
  id: `${row.merchant}:${row.sku}`,
});

/**
 * Current product rows by current listing id, kept until the change log reports a change under that product (a new
 * version, stock, status, its document, its rating), or a reorg, and at most `maxAgeMs`: a block that changes other
 * products leaves them. A row whose read such a change overtook is not kept; callers take `position` before reading.
 * The oldest rows go first past `capacity`.
 */
export class ProductRowCache {
  readonly #rows: BoundedMap<string, { row: ListingRow; at: number }>;
  readonly #idsByProduct = new Map<string, Set<string>>();
  readonly #evictions = new RecentEvictions();
  readonly #maxAgeMs: number;

  constructor(capacity: number, maxAgeMs: number) {
    this.#rows = new BoundedMap(capacity, (listingId, { row }) => this.#unlink(listingId, row));
    this.#maxAgeMs = maxAgeMs;
  }

  /** Where the change log stood: read it before reading a row to `remember`. */
  get position(): number {
    return this.#evictions.position;
  }

  get size(): number {
    return this.#rows.size;
  }

  get(listingId: string, now = Date.now()): ListingRow | undefined {
    const kept = this.#rows.get(listingId);
    if (kept && now - kept.at < this.#maxAgeMs) return kept.row;
    if (kept) this.#forget(listingId, kept.row);
    return undefined;
  }

  /** Keeps `row`, read after the change log stood at `readAt`, unless a change of its product came since. */
  remember(readAt: number, row: ListingRow, now = Date.now()): void {
    const product = productEntity(row);
    if (this.#evictions.concernSince(readAt, [product])) return;
    const previous = this.#rows.get(row.listingId);
    if (previous) this.#forget(row.listingId, previous.row);
    this.#rows.set(row.listingId, { row, at: now });
    this.#idsByProduct.set(product.id!, (this.#idsByProduct.get(product.id!) ?? new Set()).add(row.listingId));
  }

  evict(eviction: Eviction): void {
    this.#evictions.record(eviction);
    if (eviction === "all") {
      this.#rows.clear();
      this.#idsByProduct.clear();
      return;
    }
    for (const entity of eviction) {
      if (entity.typename !== "Product" || entity.id === undefined) continue;
      for (const listingId of this.#idsByProduct.get(entity.id) ?? []) this.#rows.delete(listingId);
      this.#idsByProduct.delete(entity.id);
    }
  }

  #forget(listingId: string, row: ListingRow): void {
    this.#rows.delete(listingId);
    this.#unlink(listingId, row);
  }

  #unlink(listingId: string, row: ListingRow): void {
    const product = productEntity(row).id!;
    const ids = this.#idsByProduct.get(product);
    ids?.delete(listingId);
    if (ids?.size === 0) this.#idsByProduct.delete(product);
  }
}
