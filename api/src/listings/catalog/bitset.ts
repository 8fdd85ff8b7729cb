/** A set of small non-negative integers (document numbers) as bits: unions, intersections and counts in bulk. */
export class Bitset {
  words: Uint32Array;

  constructor(capacity: number) {
    this.words = new Uint32Array(Math.ceil(capacity / 32));
  }

  static copyOf(other: Bitset): Bitset {
    const copy = new Bitset(0);
    copy.words = other.words.slice();
    return copy;
  }

  /** Makes this set a copy of `other`, in place when they have as many words. */
  copy(other: Bitset): this {
    if (this.words.length === other.words.length) this.words.set(other.words);
    else this.words = other.words.slice();
    return this;
  }

  /** Empties this set and sizes it to `words` words (in place when it has as many). */
  clear(words: number): this {
    if (this.words.length === words) this.words.fill(0);
    else this.words = new Uint32Array(words);
    return this;
  }

  /** Makes room for documents below `capacity` (at least doubling, so adding in order stays linear). */
  grow(capacity: number): void {
    const needed = Math.ceil(capacity / 32);
    if (needed <= this.words.length) return;
    const words = new Uint32Array(Math.max(needed, this.words.length * 2));
    words.set(this.words);
    this.words = words;
  }

  /** The set of `docs`. */
  static of(docs: Int32Array, size: number, capacity: number): Bitset {
    const set = new Bitset(capacity);
    for (let i = 0; i < size; i++) set.add(docs[i]);
    return set;
  }

  add(doc: number): void {
    this.words[doc >>> 5] |= 1 << (doc & 31);
  }

  delete(doc: number): void {
    this.words[doc >>> 5] &= ~(1 << (doc & 31));
  }

  has(doc: number): boolean {
    return (this.words[doc >>> 5] & (1 << (doc & 31))) !== 0;
  }

  /** Keeps only members of `other` (a shorter set counts as empty beyond its end). */
  intersect(other: Bitset): this {
    const { words } = this;
    const theirs = other.words;
    for (let i = 0; i < words.length; i++) words[i] &= i < theirs.length ? theirs[i] : 0;
    return this;
  }

  /** Adds the members of `other` (within this set's capacity). */
  unite(other: Bitset): this {
    const { words } = this;
    const theirs = other.words;
    for (let i = 0; i < Math.min(words.length, theirs.length); i++) words[i] |= theirs[i];
    return this;
  }

  /** Removes the members of `other`. */
  subtract(other: Bitset): this {
    const { words } = this;
    const theirs = other.words;
    for (let i = 0; i < Math.min(words.length, theirs.length); i++) words[i] &= ~theirs[i];
    return this;
  }

  /** How many members this set shares with `other`. */
  countShared(other: Bitset): number {
    const { words } = this;
    const theirs = other.words;
    let total = 0;
    for (let i = 0; i < Math.min(words.length, theirs.length); i++) total += bitCount(words[i] & theirs[i]);
    return total;
  }

  count(): number {
    // An indexed loop: `for of` over the words allocated an iterator result per word (a search's largest garbage).
    const { words } = this;
    let total = 0;
    for (let i = 0; i < words.length; i++) total += bitCount(words[i]);
    return total;
  }

  /**
   * Writes the members in ascending order into `into`, at most its length, and returns how many it wrote: hot loops
   * then read a typed array instead of calling a closure per member (a call site that sees many closures).
   */
  collect(into: Int32Array): number {
    const { words } = this;
    let written = 0;
    for (let i = 0; i < words.length && written < into.length; i++) {
      let word = words[i];
      while (word !== 0 && written < into.length) {
        const low = word & -word;
        into[written++] = i * 32 + 31 - Math.clz32(low);
        word ^= low;
      }
    }
    return written;
  }
}

function bitCount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
