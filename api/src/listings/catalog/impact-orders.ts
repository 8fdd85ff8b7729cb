/** A term's postings: documents in the order they were added, and how often the term occurs in each. */
export interface Posting {
  docs: Int32Array;
  counts: Uint16Array;
  size: number;
}

/** Posting entries ranked once for a one-word relevance search: positions, and how many were ranked. */
export interface ImpactOrder {
  positions: Int32Array;
  ranked: number;
}

/** At most this many ranked positions are kept (4 bytes each); the least recently used terms go first. */
const MAX_RANKED = 16_000_000;

/**
 * Each popular term's postings sorted by their relevance key (higher first, listing ids breaking ties), built on the
 * first search for the term and reused while few documents were added after it. A document's key for one term never
 * changes (its count and length are fixed; a changed product is a new document), so entries added later are the
 * only ones a cached order lacks: the caller ranks those itself.
 */
export class ImpactOrders {
  readonly #orders = new Map<Posting, ImpactOrder>();
  #kept = 0;

  of(posting: Posting, keyAt: (position: number) => number, idAt: (position: number) => string): ImpactOrder {
    const cached = this.#orders.get(posting);
    if (cached) this.#orders.delete(posting);
    if (cached && posting.size - cached.ranked <= cached.ranked / 8) {
      this.#orders.set(posting, cached);
      return cached;
    }
    if (cached) this.#kept -= cached.ranked;
    const keys = new Float64Array(posting.size);
    for (let p = 0; p < posting.size; p++) keys[p] = keyAt(p);
    const positions = Int32Array.from({ length: posting.size }, (_, p) => p);
    positions.sort((a, b) => keys[b] - keys[a] || (idAt(a) < idAt(b) ? -1 : 1));
    const order = { positions, ranked: posting.size };
    this.#orders.set(posting, order);
    this.#kept += order.ranked;
    for (const [oldest, evicted] of this.#orders) {
      if (this.#kept <= MAX_RANKED || oldest === posting) break;
      this.#orders.delete(oldest);
      this.#kept -= evicted.ranked;
    }
    return order;
  }
}
