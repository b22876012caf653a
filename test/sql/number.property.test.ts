/**
 * sql/number.ts equals engine/parse-number.ts on real engines: parseNumber, whyNotNumber and formatCompact of messy
 * number text (and of doubles), each batch in one query, on DuckDB and on Postgres (PGlite). Text is generated from
 * the SQL's domain: letters only from LETTER_BLOCKS (see sql/number.ts).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatCompact, parseNumber, whyNotNumber } from "../../src/engine/parse-number.js";
import { DIALECT, type Dialect } from "../../src/sql/dialect.js";
import { formatCompactSql, inNumberDomain, LETTER_BLOCKS, numberStages, whyNotNumberSql } from "../../src/sql/number.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const ENGINES = [
  ["duckdb", duckdbQuery],
  ["postgres", postgresQuery],
] as const;

/** `SELECT i, <exprs> FROM <values>` through the stages: one query for the whole batch. */
function stagedQuery(d: Dialect, values: readonly (string | null)[], stages: Array<Array<{ name: string; expr: string }>>, select: string): string {
  const rows = values.map((v, i) => `(${i}, ${v === null ? "NULL" : d.str(v)})`).join(",\n  ");
  const ctes = [`q0 AS (SELECT i, CAST(v AS ${d.text}) AS v FROM (VALUES\n  ${rows}) AS input(i, v))`];
  stages.forEach((cols, k) => ctes.push(`q${k + 1} AS (SELECT *, ${cols.map((c) => `${c.expr} AS ${c.name}`).join(", ")} FROM q${k})`));
  return `WITH ${ctes.join(",\n")}\nSELECT i, ${select} FROM q${stages.length} ORDER BY i`;
}

async function sqlParse(engine: (typeof ENGINES)[number], values: readonly (string | null)[]): Promise<unknown[]> {
  const d = DIALECT[engine[0]];
  const rows = await engine[1](stagedQuery(d, values, numberStages(d, "v", "n"), "n AS r"));
  return rows.map((r) => r.r);
}

async function sqlWhy(engine: (typeof ENGINES)[number], values: readonly string[]): Promise<unknown[]> {
  const d = DIALECT[engine[0]];
  const rows = await engine[1](stagedQuery(d, values, [], `${whyNotNumberSql(d, "v")} AS r`));
  return rows.map((r) => r.r);
}

async function sqlFormat(engine: (typeof ENGINES)[number], values: readonly number[]): Promise<unknown[]> {
  const d = DIALECT[engine[0]];
  const rows = values.map((n, i) => `SELECT ${i} AS i, ${d.toDouble(d.str(String(n)))} AS x`).join(" UNION ALL ");
  const out = await engine[1](`SELECT i, ${formatCompactSql(d, "x")} AS r FROM (${rows}) AS t ORDER BY i`);
  return out.map((r) => r.r);
}

/** The inputs whose SQL answer differs from the JavaScript's, with both answers. */
function mismatches<T>(values: readonly T[], got: readonly unknown[], want: (v: T) => unknown): Array<{ input: T; js: unknown; sql: unknown }> {
  expect(got.length).toBe(values.length);
  const out: Array<{ input: T; js: unknown; sql: unknown }> = [];
  values.forEach((v, i) => {
    const js = want(v);
    if (!Object.is(js, got[i])) out.push({ input: v, js, sql: got[i] });
  });
  return out;
}

const ALL = (n: number) => n;
const T40 = "1797693134862315807937289714053034150799";
const U40 = "2470328229206232720882843964341106861825";

// The engine's own examples, then the corners of each rule.
const TRICKY: Array<string | null> = [
  null, "", " ", "\u00a0", "1234", "1,234.5", "1.234,5", "1.000.000,50", "1,234,567", "1.234.567", "1 234", "1\u00a0234,75",
  "1'234", "1,5", "12,50", "0,125", "1.234", ".5", "12.5k", "12.5K visits/mo", "3M", "1.5 mln", "2bn", "$1.5B", "€1.2M",
  "€240.000", "240.000 €", "EUR 1.500", "€ 1,200", "€12.50", "€1,5", "€0.500", "$40,000", "USD 40,000", "40 000 EUR",
  "US$ 2,500", "51-200", "1-10", "10 to 50", "10k-50k", "10-50k", "5,000+", "500+", "15%", "(1,200)", "-5", "−5", "-0",
  "~2,000/mo", "ca. 300", "> 1000", "200 employees", "1e3", "abc", "n/a", "1,23,4", "1.2.3", "2024-05-01", "Q3 2024",
  "1e309", "NaN", "Infinity",
  // approximation words: `approximately` loses to `approx`; `ca` eats the start of `CAD`
  "approximately 5", "approx 5", "approx.5", "Approx. 5", "CAD 500", "cad500", "ca.-5", ">=-5", "≥5", "≤ 5", "up to 10k",
  "more than 500", "less than 1,000", "UNDER 5", "est. 12", "circa 3", "about -3", "around 7", "ca 5 usd", "ca-usd",
  // signs
  "--5", "- -5", "-−5", "−−5", "- 5", "+5", "+-5", "(-5)", "(−5)", "-(5)", "( 5 )", "()", "(", ")", "(5", "5)", "((5))",
  "(-5-10)", "(5-10)", "-5-10", "−5 - 10", "- $5", "$-5", "-$5", "($5)", "(1e3)", "(-1e3)", "-1e3", "−1e3",
  // suffixes and bands
  "5kto10", "5bbis10", "5 TO 10", "5 to10", "5to10", "5 k to 10", "5mioa10", "5 a 10", "5a10", "5ka10", "10 5 a 7",
  "5 to - 10", "5 a - 10", "5 - 10 %", "5 - 10%x", "5-10+", "5 kilometers", "5 abcdefghij%", "5 abc%", "5 k%", "5%%",
  "5+%", "5%+", "5 %", "5.", "5.x", "5,x", "1,000.", "$.5", "€.5", "€,5", ",5", "5 ſek", "5 \u212a", "5\u212a",
  "5 eur", "5eur", "5 euro", "5 EURO", "eur5", "xeur 1.500", "€1.500.000", "EUR1.234,5", "(€240.000)", "5 ₫", "₹ 1,00,000",
  "1 000 - 2 000", "1.000-2.000", "1,5-2,5", "0,5-1,5k", ".5-.7", "5–10", "5—10", "5 bis 10", "5 Bis 10", "5 -10 k",
  "12.5k/mo", "12.5k /mo", "12.5 k*", "100 employees.", "100 Mitarbeiter", "100 сотрудников", "100 ΟΔΟΣ", "100 日本",
  "100\u3000", "\ufeff100", "100\n", "1\t000", "1 000 000", "1'000'000.5", "1\u202f000,5", "0,000", "0.000", "00,123",
  "0,123,456", "1.23.456", "12,345,6", "1,2345.6", "0,123.5", "1.2,345.6", "1.5,3.2", "123,456.789,0", "1,234.567,8",
  // exponents and the ends of the doubles
  "1E3", "+1.5e-3", "-2.5E+2", "1.e5", "1e", "e5", "1e5k", "0e999", "0.0e-999", "1e99999999999", "1e-99999999999",
  "1e0000000000000000005", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1e309",
  "5e-324", "3e-324", "2.5e-324", "2e-324", "1e-400", "2.4703282292062327e-324", "2.4703282292062328e-324",
  `${T40}e269`, `0.${T40}e309`, `0.${"1797693134862315807937289714053034150800"}e309`,
  `${T40}${"0".repeat(269)}`, `1797693134862315807937289714053034150800${"0".repeat(269)}`, `1${"0".repeat(308)}`,
  `1${"0".repeat(309)}`, `0.${"0".repeat(323)}${U40}`, `0.${"0".repeat(323)}2470328229206232720882843964341106861826`,
  `0.${"0".repeat(330)}1`, `1${"0".repeat(306)} bn`, `1${"0".repeat(299)} bn`, `1${"0".repeat(308)}-1${"0".repeat(308)}`,
  `9${"9".repeat(307)} - 9${"9".repeat(307)}`, `8${"9".repeat(307)} - 8${"9".repeat(307)}`, `1${"0".repeat(304)}k-1${"0".repeat(304)}k`,
  `0.${"0".repeat(322)}5 k`, "9007199254740993", "123456789012345678901234567890", "0.1", "0.30000000000000004",
];

const digitRun = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 6 });
const groupSep = fc.constantFrom(",", ".", "'", " ", "\u00a0", "\u202f", ",", ".", "");
const core = fc
  .tuple(fc.constantFrom("", "", "", ".", ","), digitRun, fc.array(fc.tuple(groupSep, fc.oneof(digitRun, fc.constantFrom("000", "500", "250"))), { maxLength: 3 }))
  .map(([lead, first, rest]) => lead + first + rest.map(([s, g]) => s + g).join(""));
const before = fc.constantFrom(
  "", "", "", "$", "€", "£", "¥", "₹", "฿", "US$", "S$ ", "usd ", "USD", "EUR ", "eur", "Eur.", "CHF ", "€ ", "~", "≈", "approx ",
  "approx. ", "Approximately ", "about ", "ca. ", "ca", "circa ", "est. ", "EST", ">", ">= ", "<", "≥ ", "≤", "over ", "up to ",
  "more than ", "less than ", "-", "−", "- ", "+", "(", "x", "ſ", "€-", "-€", "~-", "ca. $", "Q",
);
const suffix = fc.constantFrom(
  "", "", "", "k", "K", "M", "m", "mm", "MM", "mn", "mio", "Mio", "MIO", "mln", "bn", "B", "b", "bln", "mrd", "thousand", "Thousands", "tsd",
  "ths", "million", "Millions", "billion", " k", " mio", " M", "\u00a0k", "kilometers", "abcdefghij", "e", "E5", "x", "to", "a",
);
const after = fc.constantFrom(
  "", "", "", "%", "+", " %", "%+", "+%", "/mo", " / mo", " employees", " visits/mo", " €", " EUR", "usd", "$", ")", " )", ".", "*",
  " per year", " żółw", " ΟΔΟΣ", " Ω", " ƒ", " ǅ", " ỹ", " 5", "-", " - ", "!", " 人", "?", "%%", " .5", " USD/yr", "\u2028", " ʰ",
);
const sep = fc.constantFrom("-", " - ", "–", " — ", " to ", "to", " bis ", " a ", "a", "TO", " -", "- ", "~");
const pad = fc.constantFrom("", "", "", " ", "  ", "\t", "\u00a0", "\u2003", "\ufeff", "\n", "\u3000", "\u2028", "\u205f");
const single = fc.tuple(before, core, suffix, after).map((xs) => xs.join(""));
const band = fc.tuple(before, core, suffix, sep, core, suffix, after).map((xs) => xs.join(""));
const exponent = fc
  .tuple(fc.constantFrom("", "-", "+", "(", "-(", "$"), digitRun, fc.constantFrom("", ".5", ".25", "."), fc.constantFrom("e", "E", "e+", "e-", "E-"), fc.oneof(digitRun, fc.constantFrom("308", "309", "324", "323", "400")), fc.constantFrom("", "", ")", "k", " "))
  .map((xs) => xs.join(""));
const JUNK = [..."0123456789.,'  -−+()%$€£~≈<>≥≤/*kKmMbBeEaAtoTOxyz żółwΩπДжʰ\t\n\u00a0\u202f\u2003\u3000\ufeff\u2028!?#&_:;\"[]{}^|\\@€₫人、。😀\u0301"];
const junk = fc.string({ unit: fc.constantFrom(...JUNK), maxLength: 12 });
const PIECES = [
  ..."0123456789", "000", "1", "5", ",", ".", "'", " ", "\u00a0", "\u202f", "\t", "-", "−", "+", "(", ")", "%", "$", "€", "eur", "EUR", "usd",
  "US$", "ca", "ca.", "~", ">=", "approx", "k", "K", "M", "mio", "bn", "b", "e", "E", "to", "a", "bis", "–", "/mo", "*", "x", "ΟΔΟΣ", "\u2003",
];
const soup = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((ps) => ps.join(""));
const messy = fc
  .tuple(pad, fc.oneof({ weight: 4, arbitrary: single }, { weight: 3, arbitrary: band }, { weight: 1, arbitrary: exponent }, { weight: 1, arbitrary: junk }, { weight: 2, arbitrary: soup }), pad)
  .map(([a, s, b]) => a + s + b)
  .filter(inNumberDomain);

const halves = fc.oneof(
  fc.integer({ min: -200000, max: 200000 }).map((k) => k / 200),
  fc.integer({ min: -200000, max: 200000 }).map((k) => k / 20),
  fc.integer({ min: 1, max: 9999 }).chain((k) => fc.constantFrom(1, 1e3, 1e6, 1e9).map((u) => ((k + 0.5) / 10) * u)),
  fc.integer({ min: 1, max: 99999 }).map((k) => (k + 0.5) / 100),
  fc.double({ min: -1e22, max: 1e22, noNaN: true }),
  fc.double({ min: -2000, max: 2000, noNaN: true }),
  fc.constantFrom(0, -0, 0.15, 1.45, -1.45, 999.95, 999.995, 1e3 - 0.05, 1e3 - 0.005, 99950, 999500, 1450, 0.001, -0.001, 0.005, 0.015, 1e6 - 50, 1e9 - 500, 1e23, -1e23, 123456789012345),
);

describe.each(ENGINES)("sql/number.ts on %s", (name, run) => {
  const engine = [name, run] as const;

  it("parses the tricky cases as parseNumber does", async () => {
    expect(TRICKY.filter((x) => x !== null && !inNumberDomain(x))).toEqual(["100 日本"]);
    const values = TRICKY.filter((x) => x === null || inNumberDomain(x));
    expect(mismatches(values, await sqlParse(engine, values), (v) => (v === null ? null : parseNumber(v)))).toEqual([]);
  });

  it("parses messy number text as parseNumber does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(messy, { minLength: 200, maxLength: 200 }), async (values) => {
        expect(mismatches(values, await sqlParse(engine, values), parseNumber)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });

  it("explains text that is not a number as whyNotNumber does", async () => {
    const fixed = ["nan", " -NaN ", "+inf", "Infinity", "infinit", "∞", "-∞ ", "1e309", " 1E999\t", "1e", "abc", "", " ", "\u00a0x\u00a0", "'quoted'", "(1e400)"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(messy, fc.constantFrom(...fixed)), { minLength: 200, maxLength: 200 }), async (values) => {
        const all = [...fixed, ...values];
        expect(mismatches(all, await sqlWhy(engine, all), whyNotNumber)).toEqual([]);
      }),
      { numRuns: 2 },
    );
  });

  it("formats numbers as formatCompact does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(halves, { minLength: 200, maxLength: 200 }), async (values) => {
        expect(mismatches(values, await sqlFormat(engine, values), formatCompact)).toEqual([]);
      }),
      { numRuns: 3 },
    );
  });

  it("formats what it parses", async () => {
    const values = TRICKY.filter((x): x is string => x !== null && inNumberDomain(x));
    const d = DIALECT[name];
    const rows = await run(stagedQuery(d, values, numberStages(d, "v", "n"), `${formatCompactSql(d, "n")} AS r`));
    const want = (v: string) => {
      const n = parseNumber(v);
      return n === null || (Math.abs(n) >= 1e24 && Math.abs(n) < 1e30) ? null : formatCompact(n);
    };
    const got = rows.map((r, i) => (want(values[i]!) === null ? null : r.r));
    expect(mismatches(values, got, want)).toEqual([]);
  });
});

describe("sql/number.ts text", () => {
  it("writes every dialect, with each stage reading only earlier ones", () => {
    for (const d of Object.values(DIALECT)) {
      const stages = numberStages(d, "v", "n");
      expect(stages.length).toBeGreaterThanOrEqual(3);
      expect(stages.length).toBeLessThanOrEqual(8);
      expect(stages.at(-1)!.map((c) => c.name)).toContain("n");
      const defined: string[] = [];
      for (const cols of stages) {
        for (const c of cols) {
          expect(c.name.startsWith("n")).toBe(true);
          expect(c.expr.length).toBeGreaterThan(0);
          const names = new Set(cols.map((x) => x.name));
          for (const used of c.expr.match(/\bn_[a-z0-9]+\b/g) ?? []) expect(names.has(used) && !defined.includes(used)).toBe(false);
          for (const used of c.expr.match(/\bn_[a-z0-9]+\b/g) ?? []) expect(defined).toContain(used);
        }
        defined.push(...cols.map((c) => c.name));
      }
      expect(whyNotNumberSql(d, "v").length).toBeGreaterThan(0);
      expect(formatCompactSql(d, "x").length).toBeGreaterThan(0);
    }
  });

  it("knows JavaScript's white space and letters", () => {
    const ws: number[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) if (/\s/.test(String.fromCharCode(cp))) ws.push(cp);
    expect(ws.map((c) => c.toString(16))).toEqual(["9", "a", "b", "c", "d", "20", "a0", "1680", ...Array.from({ length: 11 }, (_, k) => (0x2000 + k).toString(16)), "2028", "2029", "202f", "205f", "3000", "feff"]);
    expect(LETTER_BLOCKS.length).toBeGreaterThan(0);
    expect(inNumberDomain("5 ΟΔΟΣ/mo")).toBe(true);
    expect(inNumberDomain("5 人")).toBe(false);
  });
});
