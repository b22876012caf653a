/**
 * The compiled SQL and the JavaScript engine agree: random portraits (every kind of test the compiler takes,
 * segments, disqualify rules, missing policies, negative and fractional weights) and random messy rows give the
 * same score, confidence, tier, reasons, segment and rank on DuckDB and on Postgres (PGlite) as scoreRecord.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { scoreRecord } from "../../src/engine/score-record.js";
import { formatReasons } from "../../src/engine/reasons.js";
import { rankOrder } from "../../src/engine/rank.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { validatePortraitText } from "../../src/portrait/validate.js";
import type { PortraitSpec } from "../../src/portrait/schema.js";
import { compileSql } from "../../src/sql/compile.js";
import { DIALECT, type DialectName } from "../../src/sql/dialect.js";
import { inFoldedDomain } from "../../src/sql/text.js";
import { inNumberDomain } from "../../src/sql/number.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const FIELDS = ["country", "kind", "size", "phone", "notes"] as const;

const words = ["wholesale", "Wholesaler", "distributor", "Großhändler", "GROSSHANDEL", "import", "importer", "Importeur", "cash and carry", "Cash & Carry", "e-commerce", "möbel", "MÖBEL", "meubles", "ΟΔΟΣ", "οδος", "café", "naïve", "łódź", "ﬁne", "retail", "store", "hotel", "table", "tables", "chairs", "sofa", "manufacturer", "家具", "가구", "x", "a", "the"];
const countries = ["Germany", "germany", "DE", "de", "DEU", "Deutschland", "Allemagne", "the Netherlands", "Holland", "NL", "UK", "uk", "United Kingdom", "Côte d'Ivoire", "ivory coast", "USA", "U.S.A.", "United States", "ıt", "IT", "Italia", "xx", "Atlantis", "KP", "North Korea", "Iran", "Россия", "中国", "Türkiye", "  France  "];
const blanks = ["", " ", "n/a", "N/A", "-", "—", "null", "None", "unknown", "?", "#N/A", "NULL ", "\u00a0"];
const numbers = ["12.5k", "1.234,5", "1,234", "51-200", "10 - 50", "$3.5M", "€240.000", "(1,200)", "15%", "500+", "~2,000/mo", "abc", "1e400", "1e3", "0", "-5", "3 M", "1'234", "12,50", "4.5", "49.99", "nan", "999.95", "1 234 567", "2bn", "7"];
const phones = ["+49 30 1234567", "(617) 555-0142", "tel:+1 212 555 0100", "12345", "555-CALL-NOW", "+44 (0)20 7946 0958 x12", "0049.30.123.4567"];

const piece = fc.constantFrom(...words, ...countries, ...numbers, ...phones, ",", ";", "/", "&", "-", " ", "→", "★", "🇩🇪", "Germany 🇩🇪", "Buyer→Importer", "unknown\u00a0\u00a0\u00a0", "n/a\u3000\u3000\u3000\u3000\u3000\u3000\u3000");
const messy = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.constantFrom(" ", "", ", ", " / ")).map(([ps, sep]) => ps.join(sep));
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...words, ...countries, ...numbers, ...phones) },
  { weight: 2, arbitrary: fc.constantFrom(...blanks) },
  { weight: 2, arbitrary: messy },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."aAéÉßøK İı-,. /1234567890kM€$'’\u00a0\u2013ΣςЖж家→★✓\ufe0f", "🇩🇪", "😀") , maxLength: 10 }) },
);

const keywordArb = fc.oneof(fc.constantFrom(...words), fc.constantFrom("wholesal*", "*sale*", "distribut*", "im*er", "cash and carry", "e-commerce", "möb*", "t*e", "*", "--", "table*", "groß*"));
const setValues = fc.array(fc.constantFrom(...words, ...countries.slice(0, 20)), { minLength: 1, maxLength: 4 });
const weight = fc.oneof(fc.integer({ min: -20, max: 40 }), fc.constantFrom(0, 7.5, 0.3, 33.3, 12.25));
const rangeArb = fc.record(
  { min: fc.constantFrom(1, 10, 50, 1000, 0.5), ideal: fc.constantFrom(5, 100, 2000, 50000, 33.3), max: fc.constantFrom(200, 5000, 1e6), scale: fc.constantFrom("linear", "log") },
  { requiredKeys: ["scale"] },
);
const test = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), in: setValues }),
  fc.record({ field: fc.constantFrom(...FIELDS), not_in: setValues }),
  fc.record({ field: fc.constantFrom("country", "notes"), in: setValues, normalize: fc.constantFrom("country", "text") }),
  fc.record({ field: fc.constantFrom(...FIELDS), keywords: fc.array(keywordArb, { minLength: 1, maxLength: 4 }), match: fc.constantFrom("any", "all") }),
  fc.record({ field: fc.constantFrom(...FIELDS), range: rangeArb }),
  fc.record({ field: fc.constantFrom("phone", "notes", "kind"), present: fc.constantFrom(true, false, "any", "phone") }),
);
const criterionArb = fc.tuple(test, weight, fc.constantFrom("zero", "neutral", "exclude", undefined)).map(([t, w, m]) => ({ ...t, weight: w, ...(m && { missing: m }) }));

const portraitArb = fc
  .record({
    criteria: fc.array(criterionArb, { minLength: 1, maxLength: 7 }),
    disqualify: fc.array(test, { maxLength: 2 }),
    segments: fc.array(fc.record({ when: fc.array(test, { maxLength: 2 }), own: fc.array(criterionArb, { maxLength: 2 }), w: fc.option(weight, { nil: undefined }) }), { maxLength: 3 }),
    rule: fc.constantFrom("first", "best"),
    tiers: fc.constantFrom(undefined, { A: 80, B: 60, C: 40 }, { hot: 50, cold: 0 }, { top: 33.3 }),
  })
  .map((g) => {
    const criteria = g.criteria.map((c, i) => ({ id: `c${i}`, label: i % 2 ? `crit ${i}` : undefined, ...c }));
    const spec: Record<string, unknown> = {
      name: "generated",
      criteria: criteria.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))),
      ...(g.disqualify.length > 0 && { disqualify: g.disqualify.map((t, i) => ({ id: `q${i}`, reason: `reason ${i}`, ...t })) }),
      ...(g.segments.length > 0 && {
        segments: g.segments.map((s, si) => ({
          id: `s${si}`,
          ...(s.when.length > 0 && { when: s.when }),
          ...(s.w !== undefined && { weights: { c0: s.w } }),
          ...(s.own.length > 0 && { criteria: s.own.map((c, i) => ({ id: `s${si}o${i}`, ...c })) }),
        })),
        segment_rule: g.rule,
      }),
      ...(g.tiers && { tiers: g.tiers }),
    };
    const v = validatePortraitText(JSON.stringify(spec), "generated.json");
    return v.ok ? v.spec : null;
  })
  .filter((s): s is PortraitSpec => s !== null);

const rowsArb = fc.array(fc.array(cell, { minLength: FIELDS.length, maxLength: FIELDS.length }), { minLength: 1, maxLength: 25 });

interface Out { id: string; rank: number; score: number; confidence: number; tier: string; reasons: string; segment: string | null }

function expected(spec: PortraitSpec, rows: string[][]): Out[] {
  const portrait = compilePortrait(spec);
  const results = rows.map((r) => {
    const values = portrait.fields.map((f) => {
      const i = (FIELDS as readonly string[]).indexOf(f);
      return i < 0 ? undefined : r[i];
    });
    return scoreRecord(portrait, values);
  });
  const cells = rows.map((r, i) => [String(i).padStart(3, "0"), ...r]);
  const order = rankOrder(results.map((res, i) => ({ score: res.score, disqualified: res.disqualified !== null, cells: cells[i]! })));
  const rank = new Array<number>(rows.length);
  order.forEach((i, k) => (rank[i] = k + 1));
  return results.map((res, i) => ({
    id: cells[i]![0]!, rank: rank[i]!, score: res.score, confidence: res.confidence, tier: res.tier, reasons: formatReasons(res), segment: res.segment?.id ?? null,
  }));
}

/** The fields some range test reads. */
function rangeFields(spec: PortraitSpec): string[] {
  const tests = [...spec.criteria, ...(spec.disqualify ?? []), ...(spec.segments ?? []).flatMap((s) => [...(s.when ?? []), ...(s.criteria ?? [])])];
  return tests.filter((t) => t.range !== undefined).map((t) => t.field);
}

function tableSql(dialect: DialectName, rows: string[][]): string {
  const d = DIALECT[dialect];
  const cols = ["id", ...FIELDS];
  const values = rows.map((r, i) => `(${[String(i).padStart(3, "0"), ...r].map((v) => d.str(v)).join(", ")})`).join(",\n");
  return `CREATE TABLE prospects AS SELECT * FROM (VALUES ${values}) AS v(${cols.map((c) => d.ident(c)).join(", ")})`;
}

async function actual(dialect: DialectName, spec: PortraitSpec, rows: string[][]): Promise<Out[]> {
  const run = dialect === "duckdb" ? duckdbQuery : postgresQuery;
  const { sql, outputs } = compileSql(spec, compilePortrait(spec), { dialect, columns: ["id", ...FIELDS], allowMissingFields: true });
  await run("DROP TABLE IF EXISTS prospects");
  await run(tableSql(dialect, rows));
  const got = await run(sql);
  return got
    .map((r) => ({
      id: String(r.id), rank: Number(r[outputs.rank]), score: Number(r[outputs.score]), confidence: Number(r[outputs.confidence]), tier: String(r[outputs.tier]),
      reasons: String(r[outputs.reasons]), segment: outputs.segment ? String(r[outputs.segment]) : null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** SQL_RUNS=N runs more (a few hundred find what a release should not ship). */
const runs = (dialect: string) => Number(process.env.SQL_RUNS ?? (dialect === "duckdb" ? 60 : 30));

for (const dialect of ["duckdb", "postgres"] as const) {
  describe(`compiled SQL on ${dialect}`, () => {
    it("gives every row the engine's score, confidence, tier, reasons, segment and rank", async () => {
      await fc.assert(
        fc.asyncProperty(portraitArb, rowsArb, async (spec, rows) => {
          // The text the SQL is exact on (sql/text.ts, sql/number.ts): generated rows rarely leave it.
          const numeric = new Set(rangeFields(spec));
          fc.pre(rows.every((r) => r.every((v, i) => inFoldedDomain(v) && (!numeric.has(FIELDS[i]!) || inNumberDomain(v)))));
          const want = expected(spec, rows);
          const got = await actual(dialect, spec, rows);
          expect(got).toEqual(want);
        }),
        { numRuns: runs(dialect) },
      );
    }, Math.max(120_000, runs(dialect) * 500));
  });
}
