/** Binary searches over ascending number arrays (the search grid's lines, the free lines). */

/** Index of `value` in `sorted`, or -1. */
export function binaryIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the first element strictly greater than value (length if none). */
export function firstAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first element greater than or equal to value (length if none). */
export function firstAtLeastIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function lastAtMost(sorted: readonly number[], value: number): number | undefined {
  const k = firstAbove(sorted, value) - 1;
  return k >= 0 ? sorted[k] : undefined;
}

export function firstAtLeast(sorted: readonly number[], value: number): number | undefined {
  return sorted[firstAtLeastIndex(sorted, value)];
}
