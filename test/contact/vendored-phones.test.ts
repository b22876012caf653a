// The build's one-file copy of libphonenumber-js/max (src/cli/vendor-phones.ts: patterns compiled once, not per
// call) answers as the package does, on numbers of many countries, valid or not, written in many ways.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

type Phones = typeof import("libphonenumber-js/max");
const require = createRequire(import.meta.url);
const VENDORED = join(ROOT, "dist", "vendor", "libphonenumber-max.cjs");

function answer(lib: Phones, text: string, country: string | undefined) {
  const n = lib.parsePhoneNumberFromString(text, country as Parameters<Phones["parsePhoneNumberFromString"]>[1]);
  if (n === undefined) return null;
  return { e164: n.number, country: n.country ?? null, valid: n.isValid(), possible: n.isPossible(), type: n.getType() ?? null, national: n.formatNational(), international: n.formatInternational(), ext: n.ext ?? null };
}

describe("vendored libphonenumber", () => {
  it("gives the package's answers", () => {
    expect(existsSync(VENDORED), "run npm run build").toBe(true);
    const vendored = require(VENDORED) as Phones;
    const pkg = require("libphonenumber-js/max") as Phones;
    const codes = ["1", "7", "20", "27", "31", "33", "34", "39", "44", "49", "52", "55", "61", "81", "82", "84", "86", "90", "91", "234", "353", "852", "971"];
    const countries = [undefined, "DE", "US", "GB", "FR", "CN", "VN", "IN", "BR"];
    const text = fc.tuple(
      fc.constantFrom("+", "00", "", "(0)", "tel:+"),
      fc.constantFrom(...codes),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 13 }),
      fc.constantFrom("", " ext. 12", " x7", "#", "-"),
      fc.constantFrom(" ", "", "-", "."),
    ).map(([lead, cc, digits, tail, sep]) => `${lead}${cc}${sep}${digits.join("")}${tail}`);
    fc.assert(fc.property(text, fc.constantFrom(...countries), (t, c) => {
      expect(answer(vendored, t, c), `${t} (${c})`).toEqual(answer(pkg, t, c));
    }), { numRuns: 3000 });
    for (const t of ["+49 40 1000000", "+1 212 555 0100", "+44 20 7946 0958", "+86 10 6552 9988", "030 1234567", "+84 28 3823 4567"]) {
      expect(answer(vendored, t, "DE")).toEqual(answer(pkg, t, "DE"));
    }
  });
});
