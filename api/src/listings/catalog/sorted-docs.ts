import { firstIndexWhere } from "./first-index.ts";

/** Documents kept in one order (a comparator over the index's columns) as they are added and removed. */
export class SortedDocs {
  #docs = new Int32Array(1024);
  #size = 0;
  readonly compare: (a: number, b: number) => number;

  constructor(compare: (a: number, b: number) => number) {
    this.compare = compare;
  }

  get size(): number {
    return this.#size;
  }

  at(position: number): number {
    return this.#docs[position];
  }

  /** Replaces the contents with `docs`, sorted. */
  reset(docs: number[]): void {
    docs.sort(this.compare);
    this.#docs = new Int32Array(Math.max(1024, Math.ceil(docs.length * 1.25)));
    this.#docs.set(docs);
    this.#size = docs.length;
  }

  insert(doc: number): void {
    if (this.#size === this.#docs.length) {
      const docs = new Int32Array(this.#docs.length * 2);
      docs.set(this.#docs);
      this.#docs = docs;
    }
    const position = this.firstWhere((other) => this.compare(other, doc) > 0);
    this.#docs.copyWithin(position + 1, position, this.#size);
    this.#docs[position] = doc;
    this.#size++;
  }

  /** Removes `doc`, which must still compare as it did when inserted. */
  remove(doc: number): void {
    const position = this.firstWhere((other) => this.compare(other, doc) >= 0);
    if (this.#docs[position] !== doc || position >= this.#size) throw new Error(`document ${doc} is not in order`);
    this.#docs.copyWithin(position, position + 1, this.#size);
    this.#size--;
  }

  /** The first position whose document satisfies `after` (which must hold for a suffix of the order). */
  firstWhere(after: (doc: number) => boolean): number {
    return firstIndexWhere(this.#size, (position) => after(this.#docs[position]));
  }
}
