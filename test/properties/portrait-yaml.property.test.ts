// The quick reading of a portrait (js-yaml, no source ranges) held to the located one (yaml's document model):
// wherever the quick one answers, it reads the same values, and a portrait validates to the same spec.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { dump } from "js-yaml";
import { parseDocument, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { locatedValidation, quickData, validatePortraitText } from "../../src/portrait/validate.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PORTRAITS = readdirSync(join(ROOT, "portraits")).filter((f) => /\.ya?ml$/.test(f)).map((f) => readFileSync(join(ROOT, "portraits", f), "utf8"));

/** yaml's reading, as the located validation does it; undefined when yaml reports an error. */
function located(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
}

// Scalars that YAML resolves in different ways: numbers in every notation, null and boolean spellings, dates,
// strings with YAML's indicators, quotes, comments, tabs, line breaks and non-ASCII letters.
const tricky = fc.constantFrom(
  "0x1F", "0o17", "012", "1_000", "+12", "-0", "1e3", ".5", "1.", ".inf", "-.Inf", ".NaN", "~", "null", "Null", "NULL", "true", "True", "FALSE",
  "yes", "off", "2025-01-31", "2025-01-31T10:00:00Z", "12:30", "a: b", "- x", "# c", "x #c", "'q'", '"d"', "[a]", "{k: v}", "*x", "&a", "!t", "%", "@",
  "`", "|", ">", "? k", "a\tb", "line\nbreak", "trailing ", " leading", "", "  ", "Großhandel", "möbel ü", "日本", "wholesal*", "\\", "\u00a0", "\u2028",
);
const scalar = fc.oneof(tricky, fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom("name", "criteria", "id", "weight", "in", "keywords", "1", "true", "0x10", "a b", "ü", "-", "?", "k:"), fc.string({ minLength: 1, maxLength: 8 }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("list"), tie("map")),
  list: fc.array(tie("node"), { maxLength: 4 }),
  map: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
})).map;
/** The ways a person or a tool writes the same values. */
const write = fc.constantFrom<(v: unknown) => string>(
  (v) => stringify(v),
  (v) => stringify(v, { defaultStringType: "QUOTE_DOUBLE" }),
  (v) => stringify(v, { defaultStringType: "QUOTE_SINGLE" }),
  (v) => stringify(v, { defaultStringType: "BLOCK_LITERAL", lineWidth: 20 }),
  (v) => stringify(v, { defaultStringType: "BLOCK_FOLDED", lineWidth: 20, minContentWidth: 5 }),
  (v) => stringify(v, { collectionStyle: "flow" }),
  (v) => stringify(v, { indent: 4, indentSeq: false }),
  (v) => dump(v, { lineWidth: 16 }),
  (v) => dump(v, { flowLevel: 1 }),
  (v) => JSON.stringify(v, null, 2),
  (v) => stringify(v, { defaultStringType: "BLOCK_FOLDED", lineWidth: 20 }).replace(/\n/g, "\r\n"),
  (v) => `# a comment\n${stringify(v)}\n# the end\n`,
);

describe("the quick portrait reading", () => {
  it("reads what yaml reads, wherever it answers", () => {
    let answered = 0;
    fc.assert(fc.property(value, write, (v, w) => {
      const text = w(v);
      const quick = quickData(text);
      if (quick === null) return;
      answered++;
      expect(quick).toEqual(located(text));
    }), { numRuns: 3000 });
    expect(answered).toBeGreaterThan(1000); // the comparison ran, not only the refusals
  });

  it("reads hand-written scalars as yaml does, wherever it answers", () => {
    fc.assert(fc.property(fc.array(fc.tuple(key, tricky), { minLength: 1, maxLength: 6 }), (pairs) => {
      const text = pairs.map(([k, s], i) => `${JSON.stringify(k + i)}: ${s}`).join("\n");
      const quick = quickData(text);
      if (quick !== null) expect(quick).toEqual(located(text));
    }), { numRuns: 2000 });
  });

  it("gives up on what it does not guard: anchors, aliases, tags, __proto__, null keys, duplicates, several documents", () => {
    // An alias bomb written with every alias right after a quoted key's colon (no space before it); 2^20 leaves when
    // expanded, few enough that a reading which let it through fails here rather than hangs.
    const bomb = `{"l0":&a0 "x"${Array.from({ length: 20 }, (_, i) => `, "l${i + 1}":&a${i + 1} {"p":*a${i},"q":*a${i}}`).join("")}}`;
    expect(validatePortraitText(bomb, "p.yaml").ok).toBe(false);
    for (const text of [bomb, '{"a":&x 1, "b":*x}', '{"a":!!str 1}', "a: &x 1\nb: *x", "a: !!str 1", "__proto__: 1", "~: 1", "null: 1", "a: 1\na: 2", "a: 1\n---\nb: 2", "- 1", "", "a: [1, {b: [[[", "[a, b]: 1"]) {
      expect(quickData(text), text).toBeNull();
    }
  });

  it("validates every shipped portrait, written every way, to the spec the located validation gives, and answers for them", () => {
    for (const original of PORTRAITS) {
      const data = located(original);
      for (const text of [original, JSON.stringify(data), stringify(data), stringify(data, { collectionStyle: "flow" }), dump(data)]) {
        expect(quickData(text)).not.toBeNull();
        expect(validatePortraitText(text, "p.yaml")).toEqual(locatedValidation(text, "p.yaml"));
      }
    }
  });
});
