// Fast paths for the common shapes, each held equal to the general path it stands in for, on any value: the
// website and email checks answer plainly written values (`acme.com`, `buyer@acme.com`) without the URL parser and
// the general clean-up; parseNumber reads plain digits as JavaScript does.
import fc from "fast-check";
import { getDomain, getDomainWithoutSuffix, parse as parseDomain } from "tldts";
import { describe, expect, it } from "vitest";
import { checkEmail, checkEmailGeneral, checkWebsite, checkWebsiteGeneral } from "../../src/contact/check.js";
import { parseNumber, parseNumberGeneral } from "../../src/engine/parse-number.js";
import { formatDay, monthOf } from "../../src/customs/dates.js";
import { top } from "../../src/customs/accumulate.js";
import { compareText } from "../../src/engine/rank.js";

// Labels that reach every branch: brands (social, marketplace, free-mail), reserved and public suffixes,
// punycode, digits (IP-like hosts), hyphens at the ends, upper case, a 64-letter label.
const LABELS = [
  "acme", "company12", "a", "x-y", "-bad", "bad-", "co", "uk", "com", "de", "io", "example", "test", "localhost", "invalid",
  "linkedin", "facebook", "alibaba", "en", "gmail", "yahoo", "gmx", "xn--mller-kva", "xn--", "ACME", "Com", "192", "168", "1", "0x1f",
  "blogspot", "github", "a".repeat(64), "müller", "ab--cd", "www",
];
const label = fc.constantFrom(...LABELS);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("."));
const noise = fc.constantFrom("", "", "", ".", "-", " ", "/", "https://", "@", "..", "_", "\u200b", ":8080", "/x?y#z");
const site = fc.tuple(noise, host, noise).map(([a, h, b]) => a + h + b);
const local = fc.constantFrom("buyer", "info", "j.doe", "a+b", "x_y", "%", ".dot", "dot.", "Sales", "o'brien", "");
const mail = fc.tuple(noise, local, fc.constantFrom("@", "@", "@@", ""), host, noise).map(([a, l, at, h, b]) => a + l + at + h + b);

describe("contact check fast paths", () => {
  it("checkWebsite = its general path, on host-like values", () => {
    fc.assert(fc.property(site, (v) => {
      expect(checkWebsite(v)).toEqual(checkWebsiteGeneral(v));
    }), { numRuns: 3000 });
  });
  it("checkEmail = its general path, on address-like values", () => {
    fc.assert(fc.property(mail, (v) => {
      expect(checkEmail(v)).toEqual(checkEmailGeneral(v));
    }), { numRuns: 3000 });
  });
  it("one pass of the public suffix list gives the domain and brand that two passes gave", () => {
    // The checks read both from tldts' parse(); they read getDomain, then getDomainWithoutSuffix of its answer.
    // Wildcard (*.kawasaki.jp, *.ck) and exception (!city.kawasaki.jp, !www.ck) rules included.
    const suffixLabel = fc.constantFrom(...LABELS, "kawasaki", "jp", "city", "ck", "www", "b", "blogspot");
    const anyHost = fc.array(suffixLabel, { minLength: 1, maxLength: 5 }).map((ls) => ls.join(".").toLowerCase());
    const icann = { allowPrivateDomains: false } as const;
    const same = (h: string) => {
      const once = parseDomain(h, icann);
      const domain = getDomain(h, icann);
      expect(once.domain, h).toBe(domain);
      if (domain !== null) expect(once.domainWithoutSuffix, h).toBe(getDomainWithoutSuffix(domain, icann));
    };
    for (const h of ["a.city.kawasaki.jp", "a.b.kawasaki.jp", "b.kawasaki.jp", "www.ck", "a.b.ck", "x.blogspot.com", "shop.acme.co.uk"]) same(h);
    fc.assert(fc.property(anyHost, same), { numRuns: 3000 });
  });
  it("the plain shapes do take the fast path's answers", () => {
    // Not a timing test: these are the values the fast path exists for, checked to be judged as before.
    expect(checkWebsite("company12.com")).toEqual({ ok: true, domain: "company12.com" });
    expect(checkWebsite("acme.co.uk")).toEqual({ ok: true, domain: "acme.co.uk" });
    expect(checkWebsite("en.alibaba.com").reason).toBe("a marketplace storefront");
    expect(checkWebsite("gmail.com").reason).toBe("a free-mail provider, not the company's website");
    expect(checkWebsite("shop.localhost").reason).toBe("not a public domain");
    expect(checkEmail("buyer12@company12.com")).toEqual({ ok: true, address: "buyer12@company12.com", domain: "company12.com", freeMail: false });
    expect(checkEmail("x@example.com").reason).toBe("a reserved example domain");
    // Past the length bound both paths refuse the value unread.
    for (const v of [`${"a".repeat(2100)}@acme.com`, `${"a".repeat(250)}.com`, `${"a".repeat(3000)}.com`]) {
      expect(checkEmail(v)).toEqual(checkEmailGeneral(v));
      expect(checkWebsite(v)).toEqual(checkWebsiteGeneral(v));
    }
  });
});

describe("parseNumber fast path", () => {
  it("= the general rules, on digit strings with and without a point", () => {
    const digitText = fc.array(fc.constantFrom("0", "1", "5", "9", "00", "123", "9".repeat(40)), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(""));
    const text = fc.oneof(digitText, fc.tuple(digitText, digitText).map(([a, b]) => `${a}.${b}`), fc.string({ unit: fc.constantFrom("1", "2", "0", ".", ",", " ", "-", "k", "e") }));
    fc.assert(fc.property(text, (t) => {
      expect(parseNumber(t)).toBe(parseNumberGeneral(t));
    }), { numRuns: 3000 });
    expect(parseNumber("9".repeat(400))).toBeNull(); // not finite
    expect(parseNumber("0012.50")).toBe(12.5);
  });
});

describe("customs profile shortcuts", () => {
  it("monthOf = the month formatDay writes, over 1900-2199", () => {
    fc.assert(fc.property(fc.integer({ min: -25567, max: 84000 }), (day) => {
      const [y, m] = formatDay(day).split("-").map(Number) as [number, number];
      expect(monthOf(day)).toBe(y * 12 + m - 1);
    }), { numRuns: 3000 });
  });
  it("top = the first n of every entry sorted by count, then by code point", () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ unit: fc.constantFrom("a", "B", "é", "😀", " ", "1"), maxLength: 4 }), fc.integer({ min: 1, max: 4 })), { selector: (e) => e[0], maxLength: 40 });
    fc.assert(fc.property(entries, fc.integer({ min: 1, max: 6 }), (es, n) => {
      const reference = [...es].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, n).map(([k, c]) => `${k} ${c}`).join("; ");
      expect(top(new Map(es), n)).toBe(reference);
    }), { numRuns: 2000 });
  });
});
