import type { TestFn } from "./types.js";

/**
 * Remembers a test's result per distinct value: lead lists repeat the same countries, business
 * types and titles thousands of times. Bounded: the memory is cleared when it holds `limit` values,
 * so a column of unique values costs a lookup, never unbounded memory. Results are the same with or
 * without it (tests are pure).
 */
export function memoize(test: TestFn, limit = 4096): TestFn {
  let memo = new Map<string, ReturnType<TestFn>>();
  return (value) => {
    let r = memo.get(value);
    if (r === undefined) {
      r = test(value);
      if (memo.size >= limit) memo = new Map();
      memo.set(value, r);
    }
    return r;
  };
}
