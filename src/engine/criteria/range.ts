import { formatCompact, parseNumber, whyNotNumber } from "../parse-number.js";
import type { TestFn } from "../types.js";

export interface RangeSpec {
  readonly min?: number;
  readonly ideal?: number;
  readonly max?: number;
  readonly scale: "linear" | "log";
}

/**
 * `range`: 0 below `min` and above `max`; rises from 0 at `min` to 1 at `ideal` (straight, or on a
 * log scale where 1k -> 10k counts as much as 10k -> 100k); 1 from `ideal` (or `min` when there is
 * no ideal) up to `max`. Values are read with parseNumber, so `12.5k` and `51-200` work.
 */
export function rangeMatch(spec: RangeSpec, x: number): number {
  const { min, ideal, max } = spec;
  if (max !== undefined && x > max) return 0;
  if (min !== undefined && x < min) return 0;
  if (ideal === undefined || x >= ideal) return 1;
  if (min === undefined) return 1; // nothing to rise from: everything up to ideal fits
  if (ideal <= min) return 1;
  const f = spec.scale === "log" ? logScale : (v: number) => v;
  const span = f(ideal) - f(min);
  return span <= 0 ? 1 : Math.min(1, Math.max(0, (f(x) - f(min)) / span));
}

/** The log scale: ln(1 + v), from 0 up. Written as log(1 + v), not log1p, because SQL engines have only ln: the
 * compiled SQL (sql/compile.ts) computes the same double. */
export function logScale(v: number): number {
  return Math.log(1 + Math.max(v, 0));
}

export function rangeTest(spec: RangeSpec): TestFn {
  return (value) => {
    const x = parseNumber(value);
    if (x === null) return { unreadable: whyNotNumber(value) };
    return { match: rangeMatch(spec, x), detail: formatCompact(x) };
  };
}
