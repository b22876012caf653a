/**
 * Numbers as people and exports write them: `1,234.5`, `1.234,5`, `12.5k`, `3M`, `$40,000`,
 * `51-200` (a band: its midpoint), `15%` (15), `(1,200)` (accounting negative), `500+`, `~2,000/mo`.
 *
 * Separator rules, applied in order:
 * - spaces, apostrophes and no-break spaces inside digits are thousands separators (`1 234`, `1'234`);
 * - with both `.` and `,`, the one that comes last is the decimal mark (`1.234,5` and `1,234.5`);
 * - a lone `,` followed by exactly three digits, after 1-3 digits that do not start with 0, groups
 *   thousands (`1,234` = 1234); any other lone `,` is a decimal comma (`1,5`, `12,50`, `0,125`);
 * - a lone `.` is a decimal point (`1.234` = 1.234); several are thousands separators (`1.234.567`);
 * - in a euro amount (`€`, `EUR`) a lone `.` before three digits groups thousands too (`€240.000` =
 *   240000, as `€1,200` = 1200), since cents have two digits (`€12.50`, `€1,5` stay decimals).
 * Thousands groups must have three digits, otherwise the text is not a number (`1,23,4`).
 * Returns null for text that is not a number; never NaN or an infinity.
 */

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["k", 1e3], ["K", 1e3], ["thousand", 1e3], ["thousands", 1e3], ["tsd", 1e3], ["ths", 1e3],
  ["m", 1e6], ["M", 1e6], ["mm", 1e6], ["MM", 1e6], ["mn", 1e6], ["mio", 1e6], ["mln", 1e6],
  ["million", 1e6], ["millions", 1e6],
  ["b", 1e9], ["B", 1e9], ["bn", 1e9], ["bln", 1e9], ["mrd", 1e9], ["billion", 1e9], ["billions", 1e9],
]);

const CURRENCY_RE = /^(?:[$€£¥₹₽₩₺₫฿]|(?:us|au|ca|hk|nz|s)\$|usd|eur|gbp|cny|rmb|jpy|inr|rub|krw|try|aud|cad|chf|sek|nok|dkk|pln|czk|huf|brl|mxn|hkd|sgd|aed|sar|zar|vnd|thb|idr|myr|php)\.?\s*/i;
const CURRENCY_END_RE = /\s*(?:[$€£¥₹₽₩₺₫฿]|usd|eur|gbp|cny|rmb|jpy|inr|rub|krw|try|aud|cad|chf|sek|nok|dkk|pln|czk|huf|brl|mxn|hkd|sgd|aed|sar|zar|vnd|thb|idr|myr|php)$/i;
const EURO_RE = /€|\beur\b/i;
const APPROX_RE = /^(?:~|≈|approx\.?|approximately|about|around|ca\.?|circa|est\.?|>=|<=|>|<|≥|≤|over|under|up to|more than|less than)\s*/i;
// A number's digits with optional grouping; the quantifiers are separated by literal characters,
// so the regular expression cannot backtrack badly.
const NUM = String.raw`(\d[\d.,'\u00a0\u202f ]*\d|\d|[.,]\d+)`;
const SUFFIX = String.raw`(?:\s*([a-zA-Z]{1,9}))?`;
const SINGLE_RE = new RegExp(`^([+-]?)${NUM}${SUFFIX}\\s*(%?)\\+?(.*)$`, "s");
const BAND_RE = new RegExp(`^${NUM}${SUFFIX}\\s*(?:-|–|—|to|bis|a)\\s*${NUM}${SUFFIX}\\s*(%?)(.*)$`, "s");
const EXPONENT_RE = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;
// What may follow a number: units and rates (`/mo`, ` visits`, ` employees`), but no digits.
const TAIL_RE = /^[\s/\p{L}.+*]*$/u;

/** Digits with an optional decimal point: what most number cells of an export hold. */
const PLAIN_NUMBER_RE = /^\d+(?:\.\d+)?$/;

/** Parses real-world number text; null when it is not a number. */
export function parseNumber(text: string): number | null {
  // Plain digits read as JavaScript reads them, which is what the rules below give them (a property test holds
  // both paths equal): a customs row has three numbers, and most are plain.
  return PLAIN_NUMBER_RE.test(text) ? finite(Number(text)) : parseNumberGeneral(text);
}

/** parseNumber without its fast path: the reference the fast path is tested against. */
export function parseNumberGeneral(text: string): number | null {
  let s = text.trim();
  if (s === "") return null;
  const euro = EURO_RE.test(s);
  let sign = 1;
  if (s.startsWith("(") && s.endsWith(")")) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (EXPONENT_RE.test(s)) return finite(sign * Number(s));
  s = s.replace(APPROX_RE, "");
  let negative = false;
  if (s.startsWith("-") || s.startsWith("−")) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  s = s.replace(CURRENCY_RE, "").replace(CURRENCY_END_RE, "").replace(APPROX_RE, "");
  if (!negative && (s.startsWith("-") || s.startsWith("−"))) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  if (negative) sign = -sign;

  const band = BAND_RE.exec(s);
  if (band && !negative) {
    const [, a, aSuffix, b, bSuffix, , tail] = band;
    if (!TAIL_RE.test(tail ?? "")) return null;
    const bMul = multiplier(bSuffix);
    const aMul = aSuffix === undefined ? bMul : multiplier(aSuffix);
    const lo = digits(a!, euro);
    const hi = digits(b!, euro);
    if (lo === null || hi === null || aMul === null || bMul === null) return null;
    return finite(sign * ((lo * aMul + hi * bMul) / 2));
  }
  const single = SINGLE_RE.exec(s);
  if (!single) return null;
  const [, plusMinus, num, suffix, , tail] = single;
  if (!TAIL_RE.test(tail ?? "")) return null;
  const mul = multiplier(suffix);
  const value = digits(num!, euro);
  if (value === null || mul === null) return null;
  return finite((plusMinus === "-" ? -sign : sign) * value * mul);
}

/** Why `text` is not a number, for reasons and messages. */
export function whyNotNumber(text: string): string {
  const t = text.trim();
  if (/^[+-]?(?:nan|inf|infinity|∞)$/i.test(t)) return `"${t}" is not a finite number`;
  if (EXPONENT_RE.test(t)) return `"${t}" is beyond the largest number (about 1.8e308)`;
  return `"${t}" is not a number`;
}

function multiplier(suffix: string | undefined): number | null {
  if (suffix === undefined) return 1;
  const exact = MULTIPLIERS.get(suffix) ?? MULTIPLIERS.get(suffix.toLowerCase());
  // An unknown word after the number is a unit (`200 employees`), not a multiplier.
  return exact ?? 1;
}

function digits(raw: string, euro = false): number | null {
  const s = raw.replace(/['\u00a0\u202f ]/g, "");
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let intPart: string;
  let frac = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const sep = dec === "." ? "," : ".";
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (frac.includes(sep)) return null;
    intPart = ungroup(intPart, sep) ?? "";
    if (intPart === "") return null;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    const parts = s.split(sep);
    if (parts.length > 2) {
      intPart = ungroup(s, sep) ?? "";
      if (intPart === "") return null;
    } else {
      const [before = "", after = ""] = parts;
      // In a euro amount a lone mark before three digits groups thousands whichever it is (`€240.000` the
      // continental way, `€1,200` the Irish way): cents have two digits.
      const thousands = (sep === "," || euro) && after.length === 3 && before.length >= 1 && before.length <= 3 && !before.startsWith("0");
      if (thousands) intPart = before + after;
      else {
        intPart = before === "" ? "0" : before;
        frac = after;
      }
    }
  } else {
    intPart = s;
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  return Number(frac === "" ? intPart : `${intPart}.${frac}`);
}

/** Removes thousands separators, checking that every group after the first has three digits. */
function ungroup(s: string, sep: string): string | null {
  const groups = s.split(sep);
  const [first = "", ...rest] = groups;
  if (first === "" || first.length > 3) return rest.length === 0 ? first : null;
  for (const g of rest) if (g.length !== 3) return null;
  return groups.join("");
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? (Object.is(n, -0) ? 0 : n) : null;
}

/**
 * Compact display of a number for reasons: 12500 -> `12.5k`, 3000000 -> `3M`, 0.25 -> `0.25`. Rounds half up in
 * double arithmetic (`Math.floor(v * 10 + 0.5)`) and prints the rounded integer with integer arithmetic, as SQL can
 * too (sql/number.ts): 1.45 -> `1.45`, 1450 -> `1.5k` (toFixed, rounding the binary value 1.4499..., gave `1.4k`).
 */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  const fmt = (v: number, unit: string) => (v >= 100 ? decimals(Math.floor(v + 0.5), 0) : decimals(Math.floor(v * 10 + 0.5), 1)) + unit;
  if (abs >= 1e9) return sign + fmt(abs / 1e9, "B");
  if (abs >= 1e6) return sign + fmt(abs / 1e6, "M");
  if (abs >= 1e3) return sign + fmt(abs / 1e3, "k");
  if (Number.isInteger(n)) return String(n);
  return sign + decimals(Math.floor(abs * 100 + 0.5), 2);
}

/** The integer `k` divided by 10^places, printed without trailing zeros (`125`, 1 -> `12.5`; `5`, 2 -> `0.05`). */
function decimals(k: number, places: number): string {
  if (!Number.isFinite(k)) return String(k);
  const unit = 10 ** places;
  const whole = Math.floor(k / unit);
  const fraction = String(k - whole * unit + unit).slice(1).replace(/0+$/, "");
  return whole.toFixed(0) + (fraction === "" ? "" : `.${fraction}`);
}
