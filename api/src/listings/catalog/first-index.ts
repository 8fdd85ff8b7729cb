/** The first index below `length` at which `after` holds, for a predicate that holds on a suffix (binary search). */
export function firstIndexWhere(length: number, after: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
