/**
 * Remembers a test's result per distinct value: lead lists repeat the same countries, business
 * types and titles thousands of times. Bounded: the memory is cleared when it holds `limit` values,
 * so a column of unique values costs a lookup, never unbounded memory. A column that is mostly
 * unique (fewer hits than misses while the memory filled) is not remembered for the next
 * 16 x `limit` values, then tried again: remembering it only made garbage that outlives young
 * collections. Results are the same with or without it (tests are pure, and so must `test` be).
 */
export function memoize<T>(test: (value: string) => T, limit = 4096): (value: string) => T {
  let memo = new Map<string, T>();
  let hits = 0;
  let skip = 0;
  return (value) => {
    if (skip > 0) {
      skip--;
      return test(value);
    }
    let r = memo.get(value);
    if (r !== undefined) {
      hits++;
      return r;
    }
    r = test(value);
    if (memo.size >= limit) {
      if (hits < limit) skip = 16 * limit;
      memo = new Map();
      hits = 0;
    }
    memo.set(value, r);
    return r;
  };
}
