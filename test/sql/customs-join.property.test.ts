/**
 * Portraits that score customs evidence, compiled to SQL with a customs table, give every prospect what portrait
 * score --customs gives: the same buyer (customs_match, customs_buyer), score, confidence, tier, reasons and rank, on
 * DuckDB and on Postgres (PGlite). Shipments, customs sections and prospects are random; prospects are named as the
 * buyers are (and not), in their countries, in others and in none.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { rankOrder } from "../../src/engine/rank.js";
import { formatReasons } from "../../src/engine/reasons.js";
import { scoreRecord } from "../../src/engine/score-record.js";
import { buildJoin, customsFieldPlan, joinProspect } from "../../src/pipeline/customs-join.js";
import { buyerProfiles } from "../../src/pipeline/customs-run.js";
import { matchedBuyer, matchLabel } from "../../src/pipeline/rank-run.js";
import { compileCustoms } from "../../src/portrait/compile-customs.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import type { PortraitSpec } from "../../src/portrait/schema.js";
import { validatePortraitText } from "../../src/portrait/validate.js";
import { compileSql } from "../../src/sql/compile.js";
import { DIALECT, type DialectName } from "../../src/sql/dialect.js";
import { aggregate, buyers, caseArb, countries, shipmentSource, type Case } from "./customs-gen.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const PROSPECT_COLUMNS = ["id", "Company Name", "Country", "Business Type"];

const customsCriterion = fc.oneof(
  fc.record({ field: fc.constant("customs.shipments_12m"), range: fc.constantFrom({ min: 1, ideal: 10 }, { min: 0, ideal: 4, scale: "log" }) }),
  fc.record({ field: fc.constant("customs.shipments"), range: fc.constantFrom({ min: 1, ideal: 5 }) }),
  fc.record({ field: fc.constant("customs.days_since_last"), range: fc.constantFrom({ max: 365 }, { min: 0, ideal: 0, max: 200 }) }),
  fc.record({ field: fc.constant("customs.growth_12m"), range: fc.constantFrom({ min: -50, ideal: 50 }) }),
  fc.record({ field: fc.constant("customs.suppliers"), range: fc.constantFrom({ min: 1, ideal: 4 }) }),
  fc.record({ field: fc.constant("customs.competitor_share"), range: fc.constantFrom({ min: 0.1, ideal: 0.6 }) }),
  fc.record({ field: fc.constantFrom("customs.value", "customs.weight_kg", "customs.quantity"), range: fc.constantFrom({ min: 10, ideal: 5000, scale: "log" }) }),
  fc.record({ field: fc.constantFrom("customs.active_months", "customs.rows", "customs.shipments_prev_12m"), range: fc.constantFrom({ min: 1, ideal: 3 }) }),
  fc.record({ field: fc.constant("customs.match"), in: fc.constantFrom(["exact"], ["none"]) }),
  fc.record({ field: fc.constant("customs.country"), in: fc.constantFrom(["US", "DE"], ["PL"]) }),
  fc.record({ field: fc.constant("customs.currency"), in: fc.constantFrom(["USD"], ["EUR", "KRW"]) }),
  fc.record({ field: fc.constant("customs.buyer"), keywords: fc.constantFrom(["acme"], ["*moebel*", "gulf"]) }),
  // Numbers read as text: JavaScript writes 30, not 30.0.
  fc.record({ field: fc.constantFrom("customs.days_since_last", "customs.weight_kg", "customs.median_days_between", "customs.growth_12m", "customs.value"), keywords: fc.constantFrom(["0"], ["1*"], ["5"]) }),
  fc.record({ field: fc.constant("customs.median_days_between"), range: fc.constantFrom({ max: 60 }, { min: 0, ideal: 10, max: 400 }) }),
  fc.record({ field: fc.constant("customs.top_supplier_share"), range: fc.constantFrom({ max: 0.5 }) }),
  fc.record({ field: fc.constantFrom("customs.supplier_countries", "customs.top_hs", "customs.top_supplier", "customs.top_products", "customs.first_date", "customs.last_date"), keywords: fc.constantFrom(["cn"], ["vn", "se"], ["940161*"], ["everbright"], ["2024*", "2025*"], ["sofa*", "chair*"]) }),
);
const plain = fc.oneof(
  fc.record({ field: fc.constant("country"), in: fc.constantFrom(["US", "Germany"], ["PL", "DK"]) }),
  fc.record({ field: fc.constant("business_type"), keywords: fc.constantFrom(["wholesal*"], ["import*", "distributor"]) }),
);
const criterion = fc.tuple(fc.oneof({ weight: 3, arbitrary: customsCriterion }, { weight: 1, arbitrary: plain }), fc.integer({ min: -5, max: 30 }), fc.constantFrom("zero", "neutral", "exclude", undefined))
  .map(([t, w, m]) => ({ ...t, weight: w, ...(m && { missing: m }) }));

const portraitArb = fc.tuple(fc.array(criterion, { minLength: 1, maxLength: 6 }), caseArb).map(([criteria, c]) => {
  const spec = { name: "generated", fields: { company: "Company Name", business_type: "Business Type" }, customs: c.spec, criteria: criteria.map((x, i) => ({ id: `c${i}`, ...x })) };
  const v = validatePortraitText(JSON.stringify(spec), "generated.json");
  return v.ok ? { spec: v.spec, shipments: c } : null;
}).filter((x): x is { spec: PortraitSpec; shipments: Case } => x !== null);

const prospectName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...buyers) },
  { weight: 1, arbitrary: fc.constantFrom("Unknown Furniture Ltd", "ACME TRADING", "Möbelhaus Krüger", "Moebelhaus Krueger GmbH", "", "TO ORDER", "Gulf Coast Hospitality") },
);
const prospects = fc.array(fc.tuple(prospectName, fc.constantFrom(...countries), fc.constantFrom("wholesaler", "Importer", "", "retail")), { minLength: 1, maxLength: 20 })
  .map((rows) => rows.map(([n, c, k], i) => [String(i).padStart(3, "0"), n, c, k]));

interface Out { id: string; rank: number; score: number; confidence: number; tier: string; reasons: string; match: string; buyer: string }

function expected(spec: PortraitSpec, c: Case, rows: string[][]): Out[] {
  const portrait = compilePortrait(spec);
  const customs = compileCustoms(spec.customs);
  const state = aggregate(c, customs);
  const join = buildJoin(state, buyerProfiles(state, c.asOf, customs), customs.fuzzy);
  const plan = customsFieldPlan(portrait);
  const byField: Record<string, number> = { company: 1, country: 2, business_type: 3 };
  const results = rows.map((r, i) => {
    const values = portrait.fields.map((f) => (byField[f] === undefined ? undefined : r[byField[f]!]));
    const m = joinProspect(join, plan, values, { file: "p.csv", line: i + 2 });
    return { res: scoreRecord(portrait, values), m };
  });
  const order = rankOrder(results.map(({ res }, i) => ({ score: res.score, disqualified: res.disqualified !== null, cells: rows[i]! })));
  const rank = new Array<number>(rows.length);
  order.forEach((i, k) => (rank[i] = k + 1));
  return results.map(({ res, m }, i) => ({
    id: rows[i]![0]!, rank: rank[i]!, score: res.score, confidence: res.confidence, tier: res.tier, reasons: formatReasons(res), match: matchLabel(m), buyer: matchedBuyer(m),
  }));
}

async function actual(dialect: DialectName, spec: PortraitSpec, c: Case, rows: string[][]): Promise<Out[]> {
  const d = DIALECT[dialect];
  const run = dialect === "duckdb" ? duckdbQuery : postgresQuery;
  const customs = compileCustoms(spec.customs);
  const from = `(VALUES\n    ${rows.map((r) => `(${r.map((v) => d.str(v)).join(", ")})`).join(",\n    ")}) AS p(${PROSPECT_COLUMNS.map((h) => d.ident(h)).join(", ")})`;
  const { sql, outputs } = compileSql(spec, compilePortrait(spec), {
    dialect, from, columns: PROSPECT_COLUMNS,
    customs: { sources: [shipmentSource(d, c, customs)], asOf: c.asOf },
  });
  const got = await run(sql);
  return got
    .map((r) => ({
      id: String(r.id), rank: Number(r[outputs.rank]), score: Number(r[outputs.score]), confidence: Number(r[outputs.confidence]), tier: String(r[outputs.tier]),
      reasons: String(r[outputs.reasons]), match: String(r[outputs.customsMatch!]), buyer: String(r[outputs.customsBuyer!]),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

const runs = Number(process.env.SQL_RUNS ?? 8);
const seen = { prospects: 0, matched: 0 };

for (const dialect of ["duckdb", "postgres"] as const) {
  describe(`customs compiled to SQL on ${dialect}`, () => {
    it("joins prospects to buyers and scores them as portrait score --customs does", async () => {
      await fc.assert(
        fc.asyncProperty(portraitArb, prospects, async ({ spec, shipments }, rows) => {
          const want = expected(spec, shipments, rows);
          seen.prospects += want.length;
          seen.matched += want.filter((w) => w.match === "exact").length;
          expect(await actual(dialect, spec, shipments, rows)).toEqual(want);
        }),
        { numRuns: runs },
      );
      // A property that never joins anyone proves nothing about the join.
      expect(seen.matched).toBeGreaterThan(seen.prospects / 20);
    }, 300_000);
  });
}
