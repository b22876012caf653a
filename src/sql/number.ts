/**
 * engine/parse-number.ts as SQL: parseNumber as a few stages of columns, whyNotNumber and formatCompact as
 * expressions, equal to the JavaScript on every input of the text domain below, in the four dialects.
 *
 * How the regular expressions stay exact. JavaScript, RE2 (DuckDB, BigQuery) and Java (Spark) take the first
 * alternative that matches; Postgres takes the longest match and splits it by its own rules. So every pattern
 * here either is only asked whether it matches (any engine answers that alike), or has one way to match (the
 * number is the longest run of digits and separators that ends in a digit; the suffix the letters, at most 9,
 * after it), which is also the way JavaScript picks. APPROX_RE's `approximately` is left out: JavaScript never
 * reaches it (`approx` comes first and matches), and Postgres would take the longer word. Case-insensitive words
 * are spelt `[Ee][Uu][Rr]`: RE2's `(?i)` also folds `ſ` to `s` and the Kelvin sign to `k`, JavaScript's /i does not.
 *
 * Text domain. Postgres has no `\p{L}`, so the tail after a number (`/mo`, ` employees`) takes the letters of
 * LETTER_BLOCKS (Latin, IPA, Greek, Cyrillic, Latin Extended Additional, letterlike symbols such as the Kelvin
 * sign), computed from JavaScript's `\p{L}`. The
 * SQL equals parseNumber on text whose letters (`\p{L}`) all lie in those blocks, that has no NUL and no lone
 * surrogate (SQL text cannot hold them) and is shorter than 10^8 characters; elsewhere a tail with other letters
 * (`5 人`) gives NULL where JavaScript gives 5. One more limit: a number whose significant digits, more than 40 of
 * them, start with the first 40 digits of 2^1024 - 2^970 (the overflow boundary, ~1.797e308) or of 2^-1075 (the
 * underflow boundary, ~2.47e-324) is decided by those 40 digits.
 */
import type { Dialect } from "./dialect.js";
import { caseless, JS_SPACE_CLASS, jsTrimSql } from "./text.js";

/** JavaScript's `\s` and trim(): the characters of a bracket class (with one range). */
const WS = JS_SPACE_CLASS;
const W = `[${WS}]`;

/** The blocks whose letters the tail class holds. */
export const LETTER_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x052f],
  [0x1e00, 0x1eff],
  [0x2100, 0x214f],
];

/** Every `\p{L}` code point of LETTER_BLOCKS, as bracket-class ranges of literal characters. */
function letterClass(): string {
  const letter = /^\p{L}$/u;
  let out = "";
  for (const [lo, hi] of LETTER_BLOCKS) {
    let start = -1;
    for (let cp = lo; cp <= hi + 1; cp++) {
      const is = cp <= hi && letter.test(String.fromCodePoint(cp));
      if (is && start < 0) start = cp;
      if (!is && start >= 0) {
        const a = String.fromCodePoint(start);
        const b = String.fromCodePoint(cp - 1);
        out += start === cp - 1 ? a : start + 1 === cp - 1 ? a + b : `${a}-${b}`;
        start = -1;
      }
    }
  }
  return out;
}

/** True when every `\p{L}` letter of `s` lies in LETTER_BLOCKS (the SQL's text domain; for tests). */
export function inNumberDomain(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (/\p{L}/u.test(ch) && !LETTER_BLOCKS.some(([lo, hi]) => cp >= lo && cp <= hi)) return false;
  }
  return true;
}


const APPROX_WORDS = [
  "~", "≈", `${caseless("approx")}[.]?`, caseless("about"), caseless("around"), `${caseless("ca")}[.]?`, caseless("circa"), `${caseless("est")}[.]?`,
  ">=", "<=", ">", "<", "≥", "≤", caseless("over"), caseless("under"), caseless("up to"), caseless("more than"), caseless("less than"),
];
const SYMBOLS = "[$€£¥₹₽₩₺₫฿]";
const CODES = "usd eur gbp cny rmb jpy inr rub krw try aud cad chf sek nok dkk pln czk huf brl mxn hkd sgd aed sar zar vnd thb idr myr php"
  .split(" ")
  .map(caseless)
  .join("|");
const DOLLARS = ["us", "au", "ca", "hk", "nz", "s"].map(caseless).join("|");

/** A number's digits with optional grouping (parse-number.ts NUM). */
const NUM = "[0-9](?:[0-9.,'\u00a0\u202f ]*[0-9])?|[.,][0-9]+";
const SUFFIX = "[A-Za-z]{1,9}";
const BAND_SEP = "-|–|—|to|bis|a";

const MULTIPLIER_WORDS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1e3, ["k", "thousand", "thousands", "tsd", "ths"]],
  [1e6, ["m", "mm", "mn", "mio", "mln", "million", "millions"]],
  [1e9, ["b", "bn", "bln", "mrd", "billion", "billions"]],
];

/** The first 40 significant digits of 2^1024 - 2^970 (from 1e308 up, the least number that rounds to Infinity)
 * and of 2^-1075 (from 1e-324 up, the greatest that rounds to 0). */
const OVERFLOW_DIGITS = ((1n << 1024n) - (1n << 970n)).toString().slice(0, 40);
const UNDERFLOW_DIGITS = (5n ** 1075n).toString().slice(0, 40);

interface Patterns {
  euro: string;
  exponent: string;
  approx: string;
  approxThenMinus: string;
  currency: string;
  currencyEnd: string;
  minus: string;
  bandHead: string;
  bandOk: string;
  singleOk: string;
  single: string;
  band: string;
  whole: string;
  euroWhole: string;
  decimal: string;
}

function patterns(d: Dialect): Patterns {
  const end = d.end;
  const tail = `(?:${W}*(?:${SUFFIX})?${W}*%)?[${letterClass()}${WS}/.+*]*${end}`;
  const approxWord = `(?:${APPROX_WORDS.join("|")})`;
  const bandHead = `^(?:${NUM})(?:${W}*${SUFFIX})?${W}*(?:${BAND_SEP})${W}*(?:${NUM})`;
  return {
    euro: `€|(?:^|[^A-Za-z0-9_])${caseless("eur")}(?:[^A-Za-z0-9_]|${end})`,
    exponent: `^[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+${end}`,
    approx: `^${approxWord}${W}*`,
    approxThenMinus: `^(?:${approxWord}${W}*)?[-−]`,
    currency: `^(?:${SYMBOLS}|(?:${DOLLARS})[$]|${CODES})[.]?${W}*`,
    currencyEnd: `${W}*(?:${SYMBOLS}|${CODES})${end}`,
    minus: `^[-−]${W}*`,
    bandHead,
    bandOk: bandHead + tail,
    singleOk: `^[+-]?(?:${NUM})${tail}`,
    single: `^[+-]?(${NUM})(?:${W}*(${SUFFIX}))?`,
    band: `^(?:${NUM})(?:${W}*(${SUFFIX}))?${W}*(?:${BAND_SEP})${W}*(${NUM})(?:${W}*(${SUFFIX}))?`,
    whole: `^(?:[0-9]+|[1-9][0-9]{0,2},[0-9]{3}|[0-9]{1,3}(?:,[0-9]{3}){2,}|[0-9]{1,3}(?:[.][0-9]{3}){2,})${end}`,
    euroWhole: `^[1-9][0-9]{0,2}[.][0-9]{3}${end}`,
    decimal: `^(?:[0-9]*[.,][0-9]+|[0-9]{1,3}(?:,[0-9]{3})+[.][0-9]+|[0-9]{1,3}(?:[.][0-9]{3})+,[0-9]+)${end}`,
  };
}

/**
 * parseNumber(input) as stages of columns (see the module comment for the text domain): each stage's columns read
 * `input` and the columns of earlier stages; the last defines `prefix`, the number as a double, NULL where
 * parseNumber gives null. Columns are named `${prefix}_...`:
 * 1. `_t` the trimmed text;
 * 2. `_euro` a euro amount, `_sign` -1 in accounting parentheses, `_s1` the text inside them;
 * 3. `_exp` an exponent number (`1e5`), `_neg1` a leading minus after `~`/`ca.`..., `_s4` the text without
 *    approximation words, currency signs and codes;
 * 4. `_neg` negative, `_s` the number text as parseNumber's regular expressions read it;
 * 5. `_kind` 'exp', 'band' or 'single' (NULL: not a number), `_xc`/`_yc` the first/second number's digits and
 *    marks, `_xe` an exponent, `_sw`/`_aw`/`_bw` the suffixes (`k`, `mio`) in lower case;
 * 6. `_xsig`/`_ysig` the significant digits, `_xp`/`_yp` the decimal exponent (value = 0.sig × 10^p; NULL: the
 *    separators do not read as a number), `_xm`/`_ym` the multipliers, `_sgn` the sign;
 * 7. `_x`/`_y` the two numbers as doubles (NULL: beyond the largest double), `_xmul` the first one's multiplier;
 * 8. `prefix`: the result, NULL where the multiplied number is beyond the largest double.
 */
export function numberStages(d: Dialect, input: string, prefix: string): Array<Array<{ name: string; expr: string }>> {
  const p = patterns(d);
  const c = (part: string) => `${prefix}_${part}`;
  const s = d.str.bind(d);
  const num = d.num.bind(d);
  const col = (part: string, expr: string) => ({ name: c(part), expr });

  const t = c("t");
  const stage1 = [col("t", jsTrimSql(d, input))];

  const paren = `${d.matches(t, "^[(]")} AND ${d.matches(t, `[)]${d.end}`)}`;
  const stage2 = [
    col("euro", d.matches(t, p.euro)),
    col("sign", `CASE WHEN ${paren} THEN ${num(-1)} ELSE ${num(1)} END`),
    col("s1", `CASE WHEN ${paren} THEN ${d.replaceAll(t, `^[(]${W}*|${W}*[)]${d.end}`, "")} ELSE ${t} END`),
  ];

  const s1 = c("s1");
  const stripped = d.replaceAll(d.replaceAll(s1, p.approx, ""), p.minus, "");
  const stage3 = [
    col("exp", d.matches(s1, p.exponent)),
    col("neg1", d.matches(s1, p.approxThenMinus)),
    col("s4", d.replaceAll(d.replaceAll(d.replaceAll(stripped, p.currency, ""), p.currencyEnd, ""), p.approx, "")),
  ];

  const s4 = c("s4");
  const neg1 = c("neg1");
  const stage4 = [
    col("neg", `(${neg1} OR ${d.matches(s4, "^[-−]")})`),
    col("s", `CASE WHEN ${neg1} THEN ${s4} ELSE ${d.replaceAll(s4, p.minus, "")} END`),
  ];

  const str = c("s");
  const spacers = (e: string) => d.translate(e, s("'\u00a0\u202f "), s(""));
  const stage5 = [
    col(
      "kind",
      `CASE WHEN ${c("exp")} THEN 'exp' WHEN NOT ${c("neg")} AND ${d.matches(str, p.bandHead)} THEN CASE WHEN ${d.matches(str, p.bandOk)} THEN 'band' END WHEN ${d.matches(str, p.singleOk)} THEN 'single' END`,
    ),
    col("xc", `CASE WHEN ${c("exp")} THEN ${d.extract(s1, "^[+-]?([0-9]+(?:[.][0-9]+)?)[Ee]", 1)} ELSE ${spacers(d.extract(str, p.single, 1))} END`),
    col("xe", `CASE WHEN ${c("exp")} THEN ${d.extract(s1, `[Ee]([+-]?[0-9]+)${d.end}`, 1)} END`),
    col("yc", spacers(d.extract(str, p.band, 2))),
    col("sw", `lower(${d.extract(str, p.single, 2)})`),
    col("aw", `lower(${d.extract(str, p.band, 1)})`),
    col("bw", `lower(${d.extract(str, p.band, 3)})`),
  ];

  // 0.sig × 10^p: sig the digits without leading and trailing zeros; p counts the digits before the decimal mark
  // (less the zeros after it), plus the exponent. `fraction` is the number of digits after the decimal mark, NULL
  // when the separators do not read as a number (parse-number.ts digits()).
  const digitsOf = (e: string) => d.replaceAll(e, "[.,]", "");
  const fraction = (e: string) =>
    `CASE WHEN ${d.matches(e, p.whole)} OR (${c("euro")} AND ${d.matches(e, p.euroWhole)}) THEN 0 WHEN ${d.matches(e, p.decimal)} THEN ${d.length(d.replaceAll(e, "^[0-9.,]*[.,]", ""))} END`;
  const place = (e: string, exponent: string) => `${d.length(d.replaceAll(digitsOf(e), "^0+", ""))} + ${exponent} - ${fraction(e)}`;
  const xe = c("xe");
  const exponent = `coalesce(CASE WHEN ${d.matches(xe, "[1-9][0-9]{9}")} THEN CASE WHEN ${d.matches(xe, "^-")} THEN -1000000000 ELSE 1000000000 END ELSE CAST(${xe} AS ${d.int}) END, 0)`;
  const multiplier = (w: string, absent: string) =>
    `CASE WHEN coalesce(${w}, '') = '' THEN ${absent} ${MULTIPLIER_WORDS.map(([m, ws]) => `WHEN ${w} IN (${ws.map(s).join(", ")}) THEN ${num(m)}`).join(" ")} ELSE ${num(1)} END`;
  const sign = c("sign");
  const kind = c("kind");
  const stage6 = [
    col("xsig", d.replaceAll(digitsOf(c("xc")), "^0+|0+$", "")),
    col("xp", place(c("xc"), exponent)),
    col("ysig", d.replaceAll(digitsOf(c("yc")), "^0+|0+$", "")),
    col("yp", place(c("yc"), "0")),
    col("xm", `CASE ${kind} WHEN 'band' THEN ${multiplier(c("aw"), "NULL")} WHEN 'single' THEN ${multiplier(c("sw"), num(1))} ELSE ${num(1)} END`),
    col("ym", multiplier(c("bw"), num(1))),
    col(
      "sgn",
      `CASE ${kind} WHEN 'exp' THEN CASE WHEN ${d.matches(s1, "^-")} THEN -${sign} ELSE ${sign} END WHEN 'band' THEN ${sign} ELSE CASE WHEN ${c("neg")} <> ${d.matches(str, "^-")} THEN -${sign} ELSE ${sign} END END`,
    ),
  ];

  // Number(text), with the cases where the cast would fail or round to Infinity or 0 decided on the digits.
  const toDouble = (sig: string, at: string) =>
    `CASE WHEN ${at} IS NULL THEN NULL WHEN ${sig} = '' THEN ${num(0)} WHEN ${at} > 309 OR (${at} = 309 AND ${sig} > ${s(OVERFLOW_DIGITS)}) THEN NULL WHEN ${at} < -323 OR (${at} = -323 AND ${sig} <= ${s(UNDERFLOW_DIGITS)}) THEN ${num(0)} ELSE ${d.toDouble(`'0.' || ${sig} || 'e' || ${d.toText(at)}`)} END`;
  const stage7 = [
    col("x", toDouble(c("xsig"), c("xp"))),
    col("y", toDouble(c("ysig"), c("yp"))),
    col("xmul", `coalesce(${c("xm")}, ${c("ym")})`),
  ];

  // The JavaScript's arithmetic, without the operations Postgres refuses (a result that overflows to Infinity or
  // underflows to 0). x * m (m >= 1) is Infinity exactly when x * 2^-64 * m reaches 2^960: scaling by 2^-64 is exact
  // for x >= 1, and below 1 no product overflows (greatest(x, 1) keeps the scaled product tiny there). The same holds
  // for the band's sum x * m + y * m'. Halving it underflows only from the least double, 2^-1074, to 0.
  const x = c("x");
  const y = c("y");
  const xmul = c("xmul");
  const ym = c("ym");
  const sgn = c("sgn");
  const scaled = (v: string, m: string) => `greatest(${v}, ${num(1)}) * ${num(2 ** -64)} * ${m}`;
  const limit = num(2 ** 960);
  const sum = `${x} * ${xmul} + ${y} * ${ym}`;
  const stage8 = [
    {
      name: prefix,
      expr: `CASE WHEN ${kind} = 'band' THEN CASE WHEN ${scaled(x, xmul)} + ${scaled(y, ym)} >= ${limit} THEN NULL WHEN ${sum} = ${num(Number.MIN_VALUE)} THEN ${num(0)} ELSE ${sgn} * ((${sum}) / ${num(2)}) + ${num(0)} END WHEN ${kind} IS NOT NULL THEN CASE WHEN ${scaled(x, xmul)} >= ${limit} THEN NULL ELSE ${sgn} * ${x} * ${xmul} + ${num(0)} END END`,
    },
  ];
  return [stage1, stage2, stage3, stage4, stage5, stage6, stage7, stage8];
}

/** whyNotNumber(input) as an expression. */
export function whyNotNumberSql(d: Dialect, input: string): string {
  const t = d.replaceAll(input, `^${W}+|${W}+${d.end}`, "");
  const infinite = `^${W}*[+-]?(?:${caseless("nan")}|${caseless("inf")}|${caseless("infinity")}|∞)${W}*${d.end}`;
  const exponent = `^${W}*[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+${W}*${d.end}`;
  return `'"' || ${t} || CASE WHEN ${d.matches(input, infinite)} THEN '" is not a finite number' WHEN ${d.matches(input, exponent)} THEN '" is beyond the largest number (about 1.8e308)' ELSE '" is not a number' END`;
}

/**
 * formatCompact(n) as an expression, for a double `n`: the same double operations (floor(v * 10 + 0.5)...), the
 * rounded integer printed with integer arithmetic. Equal to the JavaScript for finite n below 1e24 in magnitude
 * (Postgres prints doubles from 1e15 up with 15 significant digits only) and, in DuckDB and Postgres, from 1e30 up
 * (`1e+21B`); never an error.
 */
export function formatCompactSql(d: Dialect, n: string): string {
  const num = d.num.bind(d);
  const a = `abs(${n})`;
  const sign = `CASE WHEN ${n} < ${num(0)} THEN '-' ELSE '' END`;
  // k / 10^places, without trailing zeros (`12.5`, `12`, `0.05`).
  const decimals = (k: string, places: number) => {
    const unit = num(10 ** places);
    const whole = `floor(${k} / ${unit})`;
    return `${d.intText(whole)} || ${d.replaceAll(`'.' || substr(${d.intText(`${k} - ${whole} * ${unit} + ${unit}`)}, 2)`, `[.]?0+${d.end}`, "")}`;
  };
  // From 1e21 up JavaScript prints the exponent form (`1e+21`), as the engines' double to text does.
  const whole = (k: string) => `CASE WHEN ${k} < ${num(1e21)} THEN ${d.intText(k)} ELSE ${d.toText(k)} END`;
  const scaled = (v: string, unit: string) =>
    `CASE WHEN ${v} >= ${num(100)} THEN ${(unit === "B" ? whole : d.intText)(`floor(${v} + ${num(0.5)})`)} ELSE ${decimals(`floor(${v} * ${num(10)} + ${num(0.5)})`, 1)} END || '${unit}'`;
  const units: Array<[number, string]> = [[1e9, "B"], [1e6, "M"], [1e3, "k"]];
  return `CASE ${units.map(([u, name]) => `WHEN ${a} >= ${num(u)} THEN ${sign} || ${scaled(`${a} / ${num(u)}`, name)}`).join(" ")} WHEN ${n} = floor(${n}) THEN ${d.intText(n)} ELSE ${sign} || ${decimals(`floor(${a} * ${num(100)} + ${num(0.5)})`, 2)} END`;
}
