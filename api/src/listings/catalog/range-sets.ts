import { Bitset } from "./bitset.ts";
import { firstIndexWhere } from "./first-index.ts";

const BUCKETS = 32;
/** Values sampled to place the bucket bounds. */
const SAMPLE = 65_536;

/**
 * A numeric column's documents in value buckets, held as cumulative sets: set b holds every document of buckets
 * 0..b. A range filter keeps or drops whole buckets a word (32 documents) at a time and tests one by one only the
 * documents of the bucket its bound falls in, instead of testing every match. Bounds are quantiles of the values at
 * build time; later documents go where their value falls, so a shifted distribution costs speed, never exactness.
 */
export class RangeSets {
  /** Bucket b holds values in (bounds[b - 1], bounds[b]]; the last bound is Infinity. Unset values are -Infinity. */
  readonly #bounds: Float64Array;
  readonly #upTo: Bitset[];

  private constructor(bounds: Float64Array) {
    this.#bounds = bounds;
    this.#upTo = Array.from(bounds, () => new Bitset(0));
  }

  /** The sets of documents 0 .. size - 1 whose values are `values[doc]` (NaN for none). */
  static of(values: Float64Array, size: number): RangeSets {
    const step = Math.max(1, Math.floor(size / SAMPLE));
    const sample = Float64Array.from({ length: Math.ceil(size / step) }, (_, i) => orLowest(values[i * step])).sort();
    const bounds = Float64Array.from({ length: BUCKETS }, (_, b) =>
      b === BUCKETS - 1 || sample.length === 0 ? Infinity : sample[Math.floor(((b + 1) * sample.length) / BUCKETS)],
    );
    const sets = new RangeSets(bounds);
    for (let doc = 0; doc < size; doc++) sets.add(doc, values[doc]);
    return sets;
  }

  add(doc: number, value: number): void {
    for (let b = this.#bucketOf(orLowest(value)); b < BUCKETS; b++) {
      this.#upTo[b].grow(doc + 1);
      this.#upTo[b].add(doc);
    }
  }

  /** Keeps in `matches` the documents whose value is at most `high`; `isKept` decides those in `high`'s bucket. */
  keepAtMost(matches: Bitset, high: number, isKept: (doc: number) => boolean): void {
    const bucket = this.#bucketOf(high);
    this.#keep(matches, bucket > 0 ? this.#upTo[bucket - 1] : undefined, this.#upTo[bucket], isKept, "atMost");
  }

  /** Keeps in `matches` the documents whose value is at least `low`; `isKept` decides those in `low`'s bucket. */
  keepAtLeast(matches: Bitset, low: number, isKept: (doc: number) => boolean): void {
    const bucket = this.#bucketOf(low);
    this.#keep(matches, bucket > 0 ? this.#upTo[bucket - 1] : undefined, this.#upTo[bucket], isKept, "atLeast");
  }

  /**
   * One pass over the words of `matches`: documents of the buckets before the bound's (in `before`) are kept for
   * `atMost`, those after it (not in `through`) for `atLeast`, and those of its bucket are tested.
   */
  #keep(
    matches: Bitset,
    before: Bitset | undefined,
    through: Bitset,
    isKept: (doc: number) => boolean,
    side: "atMost" | "atLeast",
  ) {
    const { words } = matches;
    const beforeWords = before?.words;
    const throughWords = through.words;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word === 0) continue;
      const earlier = beforeWords && i < beforeWords.length ? beforeWords[i] : 0;
      const upToBound = i < throughWords.length ? throughWords[i] : 0;
      let kept = word & (side === "atLeast" ? ~upToBound : earlier);
      let near = word & upToBound & ~earlier;
      while (near !== 0) {
        const bit = near & -near;
        if (isKept(i * 32 + 31 - Math.clz32(bit))) kept |= bit;
        near ^= bit;
      }
      words[i] = kept;
    }
  }

  /** The bucket of `value`, which must not be NaN (a bound is a checked price or rating). */
  #bucketOf(value: number): number {
    return firstIndexWhere(BUCKETS, (b) => value <= this.#bounds[b]);
  }
}

/** An unset value (NaN) as the lowest, so a lower bound never keeps it. */
const orLowest = (value: number) => (Number.isNaN(value) ? -Infinity : value);
