import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreRecord, scoreSummary, summarize } from "../../src/engine/score-record.js";
import { formatReasons } from "../../src/engine/reasons.js";
import { rankOrder } from "../../src/engine/rank.js";
import { parseNumber } from "../../src/engine/parse-number.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { validatePortraitText } from "../../src/portrait/validate.js";
import { stringify } from "csv-stringify/sync";
import { parse } from "csv-parse/sync";

// Random portraits: up to six criteria of every kind with random weights (some negative) and policies.
const criterion = fc.record({
  kind: fc.constantFrom("in", "not_in", "keywords", "range", "present"),
  weight: fc.integer({ min: -30, max: 50 }),
  missing: fc.constantFrom("zero", "neutral", "exclude"),
  field: fc.constantFrom("a", "b", "c"),
});
const portraitArb = fc.array(criterion, { minLength: 1, maxLength: 6 }).map((cs) => {
  const lines = cs.map((c, i) => {
    const kind = { in: "in: [x, y]", not_in: "not_in: [x]", keywords: "keywords: [wh*, import]", range: "range: { min: 1, ideal: 100, max: 1000, scale: log }", present: "present: true" }[c.kind];
    return `  - { id: c${i}, field: ${c.field}, ${kind}, weight: ${c.weight}, missing: ${c.missing} }`;
  });
  lines.push("  - { id: anchor, field: a, present: true, weight: 1 }");
  const v = validatePortraitText(`name: p\ncriteria:\n${lines.join("\n")}\n`, "p.yaml");
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return compilePortrait(v.spec);
});
const value = fc.oneof(fc.constantFrom("", "x", "Y", "wholesale", "importer", "12.5k", "51-200", "n/a", "-5", "1e309", "abc"), fc.string({ maxLength: 12 }));
const record = fc.array(value, { minLength: 3, maxLength: 3 });

describe("engine properties", () => {
  it("scores are in 0..100 and points plus floor add up to the score", () => {
    fc.assert(fc.property(portraitArb, record, (p, r) => {
      const res = scoreRecord(p, r);
      expect(res.score).toBeGreaterThanOrEqual(0);
      expect(res.score).toBeLessThanOrEqual(100);
      const sum = res.contributions.reduce((a, c) => a + c.points * 10, 0) + res.floor * 10;
      expect(Math.round(sum)).toBe(Math.round(res.score * 10));
      for (const c of res.contributions) if (c.match !== null) expect(c.match).toBeGreaterThanOrEqual(0);
      expect(formatReasons(res)).not.toBe("");
    }), { numRuns: 300 });
  });

  it("the ranking summary is exactly scoreRecord's score, tier and segment", () => {
    // With segments too: two segments on field b, first or best rule, weight overrides and an extra criterion.
    const segmented = fc.tuple(portraitArb, fc.constantFrom("first", "best"), fc.integer({ min: 0, max: 40 })).map(([p, rule, w]) => {
      const spec = {
        name: "s",
        criteria: p.criteria.map((c) => ({ id: c.id, field: c.field, present: true, weight: c.weight, missing: c.missing })),
        segments: [
          { id: "s1", when: [{ field: "b", keywords: ["wh*", "x"] }], weights: { anchor: w } },
          { id: "s2", when: [{ field: "b", in: ["x", "importer"] }], criteria: [{ id: "extra", field: "c", range: { min: 1, ideal: 50 }, weight: w + 1 }] },
        ],
        segment_rule: rule as "first" | "best",
      };
      return [p, compilePortrait(spec)] as const;
    });
    fc.assert(fc.property(segmented, record, ([plain, seg], r) => {
      for (const p of [plain, seg]) {
        const full = scoreRecord(p, r);
        const sum = scoreSummary(p, r);
        expect(sum).toEqual({
          score: full.score, tier: full.tier, disqualified: full.disqualified !== null,
          ...(full.segment && { segment: full.segment.id }), fitsSeveral: (full.segment?.also.length ?? 0) > 0,
        });
        expect(summarize(full)).toEqual(sum); // what a streamed row keeps, read from its full result
      }
    }), { numRuns: 400 });
  });

  it("scoring is a function: same input, same output", () => {
    fc.assert(fc.property(portraitArb, record, (p, r) => {
      expect(JSON.stringify(scoreRecord(p, r))).toBe(JSON.stringify(scoreRecord(p, [...r])));
    }), { numRuns: 100 });
  });

  it("ranking is a permutation that does not depend on the input order of distinct records", () => {
    const item = fc.record({ score: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10), disqualified: fc.boolean() });
    fc.assert(fc.property(fc.array(item, { maxLength: 40 }), (items) => {
      const order = rankOrder(items);
      expect([...order].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
      const key = (i: number) => `${items[i]!.disqualified ? 1 : 0}:${(1000 - items[i]!.score * 10).toString().padStart(5, "0")}`;
      const keys = order.map(key);
      expect(keys).toEqual([...keys].sort());
      const reversed = [...items].reverse();
      expect(rankOrder(reversed).map((i) => key(items.length - 1 - i))).toEqual(keys);
    }));
  });

  it("ranking with cells asked for only among equal scores is the one-comparator order (score, cells, input order)", () => {
    const item = fc.record({
      score: fc.integer({ min: 0, max: 30 }).map((x) => x / 10),
      disqualified: fc.boolean(),
      cells: fc.array(fc.constantFrom("", "a", "b", "ab", "é", "Z"), { minLength: 0, maxLength: 3 }),
    });
    fc.assert(fc.property(fc.array(item, { maxLength: 60 }), (items) => {
      const cmp = (a: readonly string[], b: readonly string[]) => {
        for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
        return a.length - b.length;
      };
      const expected = items.map((_, i) => i).sort((a, b) => {
        const x = items[a]!;
        const y = items[b]!;
        if (x.disqualified !== y.disqualified) return x.disqualified ? 1 : -1;
        return y.score - x.score || cmp(x.cells, y.cells) || a - b;
      });
      const asked: number[] = [];
      const bare = items.map(({ score, disqualified }) => ({ score, disqualified }));
      expect(rankOrder(bare, (i) => (asked.push(i), items[i]!.cells))).toEqual(expected);
      expect(new Set(asked).size).toBe(asked.length); // each record's cells asked for at most once
      asked.length = 0;
      expect(rankOrder(bare, (i) => (asked.push(i), items[i]!.cells), (i) => items[i]!.cells[0] ?? "")).toEqual(expected);
      expect(new Set(asked).size).toBe(asked.length);
    }), { numRuns: 500 });
  });

  it("parseNumber never returns NaN or an infinity, and reads back what it formats", () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
      const n = parseNumber(s);
      if (n !== null) expect(Number.isFinite(n)).toBe(true);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
      expect(parseNumber(String(n))).toBe(n);
      expect(parseNumber(n.toLocaleString("en-US"))).toBe(n);
    }));
  });

  it("CSV write-then-read round-trips any cells", () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: "binary", maxLength: 8 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 10 }), (rows) => {
      expect(parse(stringify(rows), { relax_column_count: true })).toEqual(rows.map((r) => r.map((c) => c)));
    }));
  });
});

describe("ranking and scoring properties through the CLI", () => {
  const HEADER = "company,country,business type,monthly visits,website";
  const rowArb = fc.tuple(
    fc.constantFrom("Acme", "Beta", "Gamma", "Delta", "Acme"),
    fc.constantFrom("DE", "Germany", "FR", "US", "", "KP"),
    fc.constantFrom("wholesale", "distributor", "retail", "", "Wholesaler"),
    fc.constantFrom("12k", "500", "", '"3,000"', "n/a"),
    fc.constantFrom("a.de", "", "bad"),
  ).map((cells) => cells.join(","));

  it("shuffling the input rows does not change the output", async () => {
    const { runCli, SMALL_PORTRAIT, tempDir } = await import("../helpers.js");
    const p = `${tempDir({ "p.yaml": SMALL_PORTRAIT })}/p.yaml`;
    await fc.assert(fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 25 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), async ([rows, shuffled]) => {
      const a = await runCli(["score", "-", "-p", p], { stdin: [HEADER, ...rows].join("\n") });
      const b = await runCli(["score", "-", "-p", p], { stdin: [HEADER, ...shuffled].join("\n") });
      expect(a.code).toBe(0);
      expect(a.stdout.split("\n")).toHaveLength(rows.length + 2);
      expect(b.stdout).toBe(a.stdout);
    }), { numRuns: 40 });
  });

  it("a row scored alone or inside a file gets the same score, tier and reasons", async () => {
    const { runCli, SMALL_PORTRAIT, tempDir } = await import("../helpers.js");
    const p = `${tempDir({ "p.yaml": SMALL_PORTRAIT })}/p.yaml`;
    await fc.assert(fc.asyncProperty(fc.array(rowArb, { minLength: 2, maxLength: 10 }), async (rows) => {
      const all = JSON.parse((await runCli(["score", "-", "-p", p, "--format", "json"], { stdin: [HEADER, ...rows].join("\n") })).stdout).results;
      for (const [i, row] of rows.entries()) {
        const alone = JSON.parse((await runCli(["score", "-", "-p", p, "--format", "json"], { stdin: `${HEADER}\n${row}` })).stdout).results[0];
        const inFile = all.find((r: { source: { line: number } }) => r.source.line === i + 2);
        expect({ score: alone.score, tier: alone.tier, reasons: alone.reasons }).toEqual({ score: inFile.score, tier: inFile.tier, reasons: inFile.reasons });
      }
    }), { numRuns: 15 });
  });
});

describe("weights and tiers", () => {
  it("the tier is the first whose threshold the score reaches, else the rest tier", () => {
    fc.assert(fc.property(portraitArb, record, (p, r) => {
      const res = scoreRecord(p, r);
      if (res.disqualified) return;
      const expected = p.tiers.find((t) => res.score >= t.min)?.name ?? p.restTier;
      expect(res.tier).toBe(expected);
    }), { numRuns: 200 });
  });

  it("raising the weight of a criterion a record fully matches never lowers its score", () => {
    fc.assert(fc.property(portraitArb, record, fc.integer({ min: 1, max: 100 }), (p, r, delta) => {
      const before = scoreRecord(p, r);
      before.contributions.forEach((c, i) => {
        if (c.match !== 1) return;
        const criteria = p.criteria.map((k, j) => (j === i ? { ...k, weight: k.weight + delta } : k));
        const after = scoreRecord({ ...p, criteria }, r);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      });
    }), { numRuns: 300 });
  });
});
