import { describe, expect, it } from "vitest";
import { rangeMatch, rangeTest } from "../../src/engine/criteria/range.js";
import { defaultCheck, isEmail, isPhone, isWebsite, presentTest } from "../../src/engine/criteria/present.js";
import { setTest } from "../../src/engine/criteria/in-set.js";
import { phraseKey } from "../../src/engine/text.js";

describe("range", () => {
  it("is 0 below min and above max, 1 between ideal and max", () => {
    const spec = { min: 10, ideal: 50, max: 500, scale: "linear" as const };
    expect(rangeMatch(spec, 5)).toBe(0);
    expect(rangeMatch(spec, 10)).toBe(0);
    expect(rangeMatch(spec, 30)).toBeCloseTo(0.5);
    expect(rangeMatch(spec, 50)).toBe(1);
    expect(rangeMatch(spec, 500)).toBe(1);
    expect(rangeMatch(spec, 501)).toBe(0);
  });
  it("rises on a log scale: each tenfold step counts the same", () => {
    const spec = { min: 1000, ideal: 100000, scale: "log" as const };
    expect(rangeMatch(spec, 10000)).toBeCloseTo(0.5, 2);
    expect(rangeMatch(spec, 1_000_000)).toBe(1);
  });
  it("without ideal is a plain window; min or max alone is a threshold", () => {
    expect(rangeMatch({ min: 10, max: 20, scale: "linear" }, 15)).toBe(1);
    expect(rangeMatch({ min: 10, scale: "linear" }, 9.99)).toBe(0);
    expect(rangeMatch({ max: 17, scale: "linear" }, 16)).toBe(1);
    expect(rangeMatch({ max: 17, scale: "linear" }, 18)).toBe(0);
    expect(rangeMatch({ ideal: 100, scale: "linear" }, 1)).toBe(1);
  });
  it("reads real-world number text and says when it cannot", () => {
    const t = rangeTest({ min: 1000, ideal: 10000, scale: "linear" });
    expect(t("12.5k")).toEqual({ match: 1, detail: "12.5k" });
    expect(t("51-200")).toEqual({ match: 0, detail: "125.5" });
    expect(t("lots")).toEqual({ unreadable: '"lots" is not a number' });
  });
});

describe("present", () => {
  it("checks emails", () => {
    for (const ok of ["a@b.de", "first.last+tag@sub.example.co.uk", "mailto:x@y.com", "jürgen@müller.de"]) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ["a@", "@b.de", "a b@c.de", "a@b", "lars@cphdesign", "a@@b.com", "x@y.c"]) expect(isEmail(bad), bad).toBe(false);
  });
  it("checks websites", () => {
    for (const ok of ["acme.de", "www.acme.co.uk", "https://acme.com/en?x=1", "http://müller-möbel.de"]) expect(isWebsite(ok), ok).toBe(true);
    for (const bad of ["acme", "pacificrimdecor", "http://", "ftp://acme.com", "acme .com", "localhost", "1.2.3.4"]) expect(isWebsite(bad), bad).toBe(false);
  });
  it("checks phones", () => {
    for (const ok of ["+49 40 3344 5566", "(617) 555-0142", "07700 900123"]) expect(isPhone(ok), ok).toBe(true);
    for (const bad of ["12345", "call me", "+49 40 abc"]) expect(isPhone(bad), bad).toBe(false);
  });
  it("guesses the check from the field name", () => {
    expect(defaultCheck("contact_email")).toBe("email");
    expect(defaultCheck("website")).toBe("url");
    expect(defaultCheck("mobile")).toBe("phone");
    expect(defaultCheck("linkedin")).toBe("social");
    expect(defaultCheck("notes")).toBe("any");
  });
  it("uses the contact checks: a social profile is not a website, a profile link is social", () => {
    expect(presentTest("url")("https://www.linkedin.com/company/acme")).toEqual({ match: 0, detail: "malformed url" });
    expect(presentTest("url")("acme.de")).toEqual({ match: 1, detail: "present" });
    expect(presentTest("social")("de.linkedin.com/in/juergen-krueger")).toEqual({ match: 1, detail: "present" });
    expect(presentTest("social")("www.acme.de")).toEqual({ match: 0, detail: "malformed social" });
  });
  it("gives 1 for a well-formed value and 0 with the reason otherwise", () => {
    expect(presentTest("email")("x@y.com")).toEqual({ match: 1, detail: "present" });
    expect(presentTest("email")("x@y")).toEqual({ match: 0, detail: "malformed email" });
    expect(presentTest("any")("anything")).toEqual({ match: 1, detail: "present" });
  });
});

describe("in / not_in", () => {
  const keys = new Set(["wholesale", "cash and carry"]);
  it("compares normalised text", () => {
    const t = setTest({ keys, normalize: phraseKey, negate: false });
    expect(t("Cash & Carry")).toEqual({ match: 0, detail: "cash carry" });
    expect(t("Cash-and-Carry")).toEqual({ match: 1, detail: "cash and carry" });
    expect(t("WHOLESALE")).toEqual({ match: 1, detail: "wholesale" });
  });
  it("not_in inverts", () => {
    const t = setTest({ keys, normalize: phraseKey, negate: true });
    expect(t("retail")).toEqual({ match: 1, detail: "retail" });
    expect(t("wholesale")).toEqual({ match: 0, detail: "wholesale" });
  });
  it("reports values the normaliser cannot read", () => {
    const t = setTest({ keys: new Set(["DE"]), normalize: () => null, negate: false });
    expect(t("Atlantis")).toEqual({ unreadable: '"Atlantis" not recognised' });
  });
});
