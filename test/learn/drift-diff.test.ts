import { describe, expect, it } from "vitest";
import { drift } from "../../src/learn/drift.js";
import { rowsDiff, structuralDiff } from "../../src/learn/diff.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { scoreRecord } from "../../src/engine/score-record.js";

describe("drift", () => {
  it("bins numbers at the baseline's deciles, blanks apart, and reports medians", () => {
    // Baseline 1..10: edges at 1.9, 2.8, ..., 9.1 (type 7 quantiles of 10 values), one value per bin.
    const baseline = Array.from({ length: 10 }, (_, i) => [String(i + 1)]);
    const current = [["1"], ["2"], ["3"], ["100"], ["200"], [""], ["n/a"], ["12.5k"], ["9"], ["10"]];
    const r = drift({ fields: ["visits"], baseline, current });
    const f = r.fields[0]!;
    expect(f.type).toBe("number");
    expect(f.bins.map((b) => b.baseline)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    // current: 1 -> bin 0, 2 -> 1, 3 -> 2, 9 -> 8, 10/100/200/12.5k -> 9 (>= 9.1), two blanks.
    expect(f.bins.map((b) => b.current)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 4, 2]);
    expect(f.bins.at(-1)!.label).toBe("(blank)");
    // Current numbers 1, 2, 3, 9, 10, 100, 200, 12,500: median (9 + 10) / 2.
    expect(f.summary).toBe("visits: median 5.5 -> 9.5; blank 0% -> 20%");
    expect(f.band).toBe("shifted");
  });

  it("compares a field with itself as PSI 0, and leaves dates out", () => {
    const rows = [["DE", "2025-01-01"], ["FR", "2025-02-01"], ["DE", "2025-03-01"]];
    const r = drift({ fields: ["country", "closed"], baseline: rows, current: rows });
    expect(r.fields).toHaveLength(1);
    expect(r.fields[0]!.psi).toBe(0);
    expect(r.notCompared).toEqual([{ field: "closed", type: "date" }]);
  });
});

describe("diff", () => {
  it("lists field aliases, rules and tiers that changed", () => {
    const a = { name: "t", fields: { country: ["Country"] }, criteria: [{ id: "c", field: "country", in: ["DE"], weight: 1 }], disqualify: [{ id: "r", field: "country", in: ["RU"], reason: "sanctions" }], tiers: { A: 50 } };
    const b = { name: "t", fields: { country: ["Country", "Land"] }, criteria: [{ id: "c", field: "country", in: ["DE"], weight: 1, missing: "neutral" as const }], tiers: { A: 60, B: 30 } };
    expect(structuralDiff(a, b)).toEqual([
      { kind: "changed", what: "field", id: "country", detail: "aliases +Land" },
      { kind: "changed", what: "criterion", id: "c", detail: "missing zero -> neutral" },
      { kind: "removed", what: "rule", id: "r", detail: "sanctions" },
      { kind: "changed", what: "tier", id: "A", detail: "50 -> 60" },
      { kind: "added", what: "tier", id: "B", detail: "- -> 30" },
    ]);
  });

  it("counts tier transitions and the points each criterion moved", () => {
    const before = compilePortrait({ name: "t", criteria: [{ id: "de", field: "country", in: ["DE"], weight: 1 }, { id: "w", field: "type", keywords: ["wholesale*"], weight: 1 }], tiers: { A: 75 } });
    const after = compilePortrait({ name: "t", criteria: [{ id: "de", field: "country", in: ["DE"], weight: 3 }, { id: "w", field: "type", keywords: ["wholesale*"], weight: 1 }], tiers: { A: 75 } });
    const rows = [["DE", "retail"], ["FR", "wholesaler"], ["DE", "wholesaler"]].map((v, i) => ({ file: "f", line: i + 2, label: `r${i}`, before: scoreRecord(before, v), after: scoreRecord(after, v) }));
    const d = rowsDiff(rows, ["A", "D", "X"]);
    // Row 1: 50 -> 75 (D -> A); row 2: 50 -> 25 (D stays); row 3: 100 -> 100.
    expect(d.transitions).toEqual([{ from: "A", to: "A", count: 1 }, { from: "D", to: "A", count: 1 }, { from: "D", to: "D", count: 1 }]);
    expect(d.tierChanged).toBe(1);
    expect(d.changes.map((c) => [c.line, c.before.score, c.after.score, c.moves])).toEqual([
      [2, 50, 75, [{ id: "de", delta: 25 }, { id: "w", delta: 0 }].filter((m) => m.delta !== 0)],
      [3, 50, 25, [{ id: "w", delta: -25 }]],
    ]);
  });
});
