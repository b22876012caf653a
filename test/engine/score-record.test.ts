import { describe, expect, it } from "vitest";
import { apportion, scoreRecord } from "../../src/engine/score-record.js";
import { formatReasons } from "../../src/engine/reasons.js";
import { rankOrder } from "../../src/engine/rank.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { validatePortraitText } from "../../src/portrait/validate.js";
import type { CompiledPortrait } from "../../src/engine/types.js";
import { SMALL_PORTRAIT } from "../helpers.js";

export function compile(text: string): CompiledPortrait {
  const v = validatePortraitText(text, "test.yaml");
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`).join("\n"));
  return compilePortrait(v.spec);
}

const small = compile(SMALL_PORTRAIT);
// fields: company, country, type, visits, website
const rec = (country?: string, type?: string, visits?: string, website?: string) => ["Acme", country, type, visits, website];

describe("scoreRecord", () => {
  it("gives 100 for a record that meets every criterion", () => {
    const r = scoreRecord(small, rec("Deutschland", "Wholesaler", "12.5k", "acme.de"));
    expect(r.score).toBe(100);
    expect(r.tier).toBe("A");
    expect(r.contributions.map((c) => c.points)).toEqual([40, 30, 20, 10]);
    expect(formatReasons(r)).toBe("market (DE) +40; trade (wholesaler) +30; traffic (12.5k) +20; site (present) +10");
  });

  it("normalises by the positive weights and rounds points so they add up to the score", () => {
    const p = compile(`name: t\ncriteria:\n  - { id: a, field: a, present: true, weight: 1 }\n  - { id: b, field: b, present: true, weight: 1 }\n  - { id: c, field: c, present: true, weight: 1 }\n`);
    const r = scoreRecord(p, ["x", "y", ""]);
    expect(r.score).toBe(66.7);
    const pts = r.contributions.map((c) => c.points);
    expect(pts).toEqual([33.4, 33.3, 0]);
    expect(pts.reduce((a, b) => a + b, 0)).toBeCloseTo(r.score, 10);
  });

  it("treats a missing value as 0 (zero), half (neutral) or leaves the criterion out (exclude)", () => {
    const base = `name: t\nfields: {}\ncriteria:\n  - { id: a, field: a, present: true, weight: 50 }\n  - { id: b, field: b, present: true, weight: 50, missing: POLICY }\n`;
    const score = (policy: string) => scoreRecord(compile(base.replace("POLICY", policy)), ["yes", ""]);
    expect(score("zero").score).toBe(50);
    expect(score("neutral").score).toBe(75);
    expect(score("exclude").score).toBe(100);
    expect(score("exclude").contributions[1]).toMatchObject({ match: null, status: "missing", points: 0 });
    expect(score("zero").missing).toEqual(["b"]);
  });

  it("treats unreadable numbers like missing values, with the reason", () => {
    const r = scoreRecord(small, rec("DE", "wholesale", "lots", "acme.de"));
    expect(r.contributions[2]).toMatchObject({ status: "unreadable", match: 0.5, detail: '"lots" is not a number' });
  });

  it("subtracts negative weights and floors the score at 0, saying so", () => {
    const p = compile(`name: t\ncriteria:\n  - { id: good, field: a, present: true, weight: 10 }\n  - { id: bad, field: b, keywords: [dropship*], weight: -30 }\n`);
    const r = scoreRecord(p, ["", "Dropshipping store"]);
    expect(r.score).toBe(0);
    expect(r.contributions[1]!.points).toBe(-300);
    expect(r.floor).toBe(300);
    expect(formatReasons(r)).toBe("bad (dropshipping) -300; floor at 0 +300");
    const mixed = scoreRecord(p, ["x", "dropship"]);
    expect(mixed.score).toBe(0);
    const partial = scoreRecord(compile(`name: t\ncriteria:\n  - { id: good, field: a, present: true, weight: 10 }\n  - { id: bad, field: b, keywords: [dropship*], weight: -3 }\n`), ["x", "dropship"]);
    expect(partial.score).toBe(70);
    expect(formatReasons(partial)).toBe("good (present) +100; bad (dropship) -30");
  });

  it("disqualifies on a full match, keeps the score, never on a blank", () => {
    const r = scoreRecord(small, rec("North Korea", "wholesale", "", ""));
    expect(r.tier).toBe("X");
    expect(r.disqualified).toEqual({ id: "embargo", reason: "embargoed", detail: "KP" });
    expect(formatReasons(r)).toMatch(/^DISQUALIFIED embargo: embargoed \(KP\); trade/);
    expect(scoreRecord(small, rec("", "wholesale", "", "")).disqualified).toBeNull();
  });

  it("gives tiers by threshold, the rest tier below all", () => {
    expect(scoreRecord(small, rec("FR", "", "", ""))).toMatchObject({ score: 50, tier: "B" }); // 40 + neutral traffic 10
    expect(scoreRecord(small, rec("FR", "", "500", ""))).toMatchObject({ score: 40, tier: "C" });
    expect(scoreRecord(small, rec("US", "", "500", "acme.com"))).toMatchObject({ score: 10, tier: "D" });
    expect(scoreRecord(small, rec("DE", "wholesale", "500", ""))).toMatchObject({ score: 70, tier: "B" });
    expect(scoreRecord(small, rec("DE", "wholesale", "", "x.de"))).toMatchObject({ score: 90, tier: "A" });
  });

  it("gives zero with no criterion counted instead of dividing by zero", () => {
    const p = compile(`name: t\ncriteria:\n  - { id: a, field: a, present: true, weight: 5, missing: exclude }\n`);
    expect(scoreRecord(p, [""])).toMatchObject({ score: 0, tier: "D" });
  });

  it("is deterministic", () => {
    const values = rec("fr", "Distributor / wholesaler", "3,500", "www.x.fr");
    expect(JSON.stringify(scoreRecord(small, values))).toBe(JSON.stringify(scoreRecord(small, [...values])));
  });
});

describe("apportion", () => {
  it("rounds to integers that sum to the target, largest remainders first, ties to the earlier", () => {
    expect(apportion([333.33, 333.33, 333.34], 1000)).toEqual([333, 333, 334]);
    expect(apportion([0.5, 0.5], 1)).toEqual([1, 0]);
    expect(apportion([-75.5, 175.6], 100)).toEqual([-76, 176]);
    expect(apportion([], 0)).toEqual([]);
  });
});

describe("rankOrder", () => {
  it("puts qualified first, then higher score, then input order", () => {
    const items = [
      { score: 50, disqualified: false },
      { score: 90, disqualified: true },
      { score: 70, disqualified: false },
      { score: 50, disqualified: false },
    ];
    expect(rankOrder(items)).toEqual([2, 0, 3, 1]);
  });
});
