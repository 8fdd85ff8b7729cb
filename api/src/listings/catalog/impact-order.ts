/** A term's documents (ascending) and how often it occurs in each. */
export interface Posting {
  docs: Int32Array;
  counts: Uint16Array;
  size: number;
}

/**
 * The positions of a posting's entries in relevance order for a search of that term alone: by `keyAt(position)`
 * (higher first), then by document number, which the index numbers in listing id order when it is built. Entries
 * added to the posting later are not in it (they follow its length).
 *
 * Sorts by counting: a term's keys take few distinct values (an occurrence count and a text length make one), so
 * after sorting the keys alone (a native sort of floats) each entry is placed by its key's rank, and ties keep their
 * posting (document) order.
 */
export function impactOrder(posting: Posting, keyAt: (position: number) => number): Int32Array {
  const size = posting.size;
  const keys = new Float64Array(size);
  for (let p = 0; p < size; p++) keys[p] = keyAt(p);
  const distinct = distinctDescending(keys);
  const ranks = new Int32Array(size);
  const next = new Int32Array(distinct.length + 1);
  for (let p = 0; p < size; p++) next[(ranks[p] = rankIn(distinct, keys[p])) + 1]++;
  for (let rank = 1; rank <= distinct.length; rank++) next[rank] += next[rank - 1];
  const positions = new Int32Array(size);
  for (let p = 0; p < size; p++) positions[next[ranks[p]]++] = p;
  return positions;
}

function distinctDescending(keys: Float64Array): Float64Array {
  const sorted = keys.slice().sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++)
    if (count === 0 || sorted[i] !== sorted[count - 1]) sorted[count++] = sorted[i];
  return sorted.subarray(0, count).reverse();
}

/** The position of `key` in `distinct` (descending), by binary search. */
function rankIn(distinct: Float64Array, key: number): number {
  let low = 0;
  let high = distinct.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (distinct[middle] > key) low = middle + 1;
    else high = middle;
  }
  return low;
}
