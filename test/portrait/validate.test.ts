import { describe, expect, it } from "vitest";
import { validatePortraitText } from "../../src/portrait/validate.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { formatDiagnostic } from "../../src/report/diagnostic.js";
import { readFileSync } from "node:fs";
import { B2B, B2C, SMALL_PORTRAIT } from "../helpers.js";

const errorsOf = (text: string, file = "p.yaml") => {
  const v = validatePortraitText(text, file);
  return v.ok ? [] : v.errors.map((e) => ({ code: e.code, at: `${e.line}:${e.col}`, path: e.path, message: e.message }));
};
const warningsOf = (text: string) => validatePortraitText(text, "p.yaml").warnings.map((w) => ({ code: w.code, path: w.path }));

const crit = (extra: string) => `name: t\ncriteria:\n  - id: a\n    field: country\n${extra}`;

describe("validatePortraitText", () => {
  it("accepts the shipped portraits and the small test portrait", () => {
    for (const text of [readFileSync(B2B, "utf8"), readFileSync(B2C, "utf8"), SMALL_PORTRAIT]) {
      const v = validatePortraitText(text, "x.yaml");
      expect(v.ok, JSON.stringify(v)).toBe(true);
    }
  });

  it("places a type error at the value, with expected and got", () => {
    const text = `name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: 1 }\n  - { id: b, field: f, present: true, weight: 1 }\n  - id: c\n    field: f\n    present: true\n    weight: high\n`;
    const [e] = errorsOf(text, "portrait.yaml");
    expect(e).toEqual({ code: "invalid-type", at: "8:13", path: "criteria[2].weight", message: 'expected a number, got "high"' });
    const d = validatePortraitText(text, "portrait.yaml");
    expect(d.ok ? "" : formatDiagnostic(d.errors[0]!)).toBe('portrait.yaml:8:13: criteria[2].weight: expected a number, got "high"');
  });

  it("reports every error at once, in file order", () => {
    const text = `name: t\ncriteria:\n  - id: a\n    field: f\n    present: true\n    wieght: 3\n  - id: b\n    field: f\n    range: { min: 1, scale: logarithmic }\n    weight: x\n`;
    expect(errorsOf(text).map((e) => `${e.at} ${e.path} ${e.code}`)).toEqual([
      "3:5 criteria[0].weight invalid-type",
      "6:5 criteria[0].wieght unknown-key",
      "9:29 criteria[1].range.scale invalid-value",
      "10:13 criteria[1].weight invalid-type",
    ]);
  });

  it("says did-you-mean for unknown keys at every level", () => {
    expect(errorsOf(`name: t\ncritera: []\n`).find((e) => e.code === "unknown-key")?.message).toBe('unknown key "critera"; did you mean "criteria"?');
    expect(errorsOf(crit(`    weight: 1\n    range: { minimum: 3 }\n`))[0]?.message).toBe('unknown key "minimum"; did you mean "min"?');
    expect(errorsOf(crit(`    weight: 1\n    present: true\n    mising: zero\n`))[0]).toMatchObject({ at: "7:5", message: 'unknown key "mising"; did you mean "missing"?' });
  });

  it("gives positions in JSON portraits too", () => {
    const text = `{\n  "name": "j",\n  "criteria": [\n    {"id": "a", "field": "x", "present": true, "weight": "high"}\n  ]\n}\n`;
    expect(errorsOf(text, "p.json")[0]).toMatchObject({ at: "4:58", path: "criteria[0].weight" });
  });

  it("reports YAML syntax errors with a position", () => {
    const [e] = errorsOf(`name: x\ncriteria:\n  - id: a\n    field: [unclosed\n`);
    expect(e?.code).toBe("syntax");
    expect(e?.at).toMatch(/^\d+:\d+$/);
    expect(errorsOf(`name: a\nname: b\ncriteria: []\n`)[0]).toMatchObject({ code: "syntax", at: "2:1" });
  });

  it("refuses alias bombs", () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(errorsOf(bomb)[0]?.code).toBe("syntax");
  });

  it("needs exactly one kind per criterion", () => {
    expect(errorsOf(crit(`    weight: 1\n`))[0]).toMatchObject({ code: "criterion-kind", message: "needs exactly one of in, not_in, keywords, range, present; has none" });
    expect(errorsOf(crit(`    weight: 1\n    in: [DE]\n    present: true\n`))[0]?.message).toMatch(/has in and present/);
  });

  it("checks options belong to the kind", () => {
    expect(errorsOf(crit(`    weight: 1\n    present: true\n    match: all\n`))[0]).toMatchObject({ code: "option-without-kind", path: "criteria[0].match" });
  });

  it("checks range order and log scales", () => {
    expect(errorsOf(crit(`    weight: 1\n    range: { min: 10, ideal: 5 }\n`))[0]).toMatchObject({ code: "range-order", message: "min (10) is above ideal (5)" });
    expect(errorsOf(crit(`    weight: 1\n    range: { min: -1, scale: log }\n`))[0]?.code).toBe("range-log-negative");
    expect(errorsOf(crit(`    weight: 1\n    range: {}\n`))[0]?.code).toBe("range-empty");
  });

  it("checks countries and suggests", () => {
    const [e] = errorsOf(crit(`    weight: 1\n    in: [DE, Germny]\n`));
    expect(e).toMatchObject({ code: "unknown-country", path: "criteria[0].in[1]", at: "6:14" });
    expect(e?.message).toContain("did you mean Germany (DE)?");
    expect(errorsOf(crit(`    weight: 1\n    in: [Germny]\n    normalize: text\n`))).toEqual([]);
  });

  it("checks ids, weights, tiers and keywords", () => {
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: 1 }\n  - { id: a, field: g, present: true, weight: 1 }\n`)[0]?.code).toBe("duplicate-id");
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: -1 }\n`)[0]?.code).toBe("no-positive-weight");
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: 1 }\ntiers: { A: 50, B: 50 }\n`)[0]?.code).toBe("tier-duplicate");
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: 1 }\ntiers: { X: 50 }\n`)[0]?.code).toBe("tier-reserved");
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, keywords: ["*", "ok"], weight: 1 }\n`)[0]).toMatchObject({ code: "empty-keyword", path: "criteria[0].keywords[0]" });
    expect(errorsOf(`name: t\ncriteria:\n  - { id: "bad id!", field: f, present: true, weight: 1 }\n`)[0]?.code).toBe("invalid-format");
  });

  it("rejects absurd numbers", () => {
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: .inf }\n`)[0]?.code).toBe("invalid-type");
    expect(errorsOf(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: .nan }\n`)[0]?.code).toBe("invalid-type");
  });

  it("warns about zero weights and near-miss field names", () => {
    expect(warningsOf(`name: t\nfields: { country: [land] }\ncriteria:\n  - { id: a, field: contry, present: true, weight: 1 }\n  - { id: b, field: country, present: true, weight: 0 }\n`)).toEqual([
      { code: "undeclared-field", path: "criteria[0].field" },
      { code: "zero-weight", path: "criteria[1].weight" },
    ]);
  });

  it("refuses a document that is not a mapping", () => {
    expect(errorsOf(`- a\n- b\n`)[0]?.code).toBe("not-a-portrait");
  });
});

describe("compilePortrait", () => {
  it("numbers fields, fills defaults and sorts tiers", () => {
    const v = validatePortraitText(`name: t\nfields: { company: [Company Name] }\ncriteria:\n  - { id: a, field: country, in: [de], weight: 2 }\n`, "p.yaml");
    if (!v.ok) throw new Error("invalid");
    const c = compilePortrait(v.spec);
    expect(c.fields).toEqual(["company", "country"]);
    expect(c.fieldKeys).toEqual([["company", "companyname"], ["country"]]);
    expect(c.criteria[0]).toMatchObject({ label: "a", missing: "zero", fieldIndex: 1, kind: "in" });
    expect(c.tiers.map((t) => t.name)).toEqual(["A", "B", "C"]);
    expect(c.restTier).toBe("D");
  });
  it("uses a tier at 0 as the rest tier", () => {
    const v = validatePortraitText(`name: t\ncriteria:\n  - { id: a, field: f, present: true, weight: 2 }\ntiers: { hot: 70, warm: 40, cold: 0 }\n`, "p.yaml");
    if (!v.ok) throw new Error("invalid");
    expect(compilePortrait(v.spec).restTier).toBe("cold");
  });
});
