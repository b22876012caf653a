import { describe, expect, it } from "vitest";
import { planOutreach } from "../../src/engine/channels.js";
import { scoreIfMet, whatWouldMoveUp } from "../../src/engine/explain.js";
import { scoreRecord } from "../../src/engine/score-record.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import type { PortraitSpec } from "../../src/portrait/schema.js";

const BASE: PortraitSpec = {
  name: "t",
  fields: { company: ["company"], type: ["type"], country: ["country"], visits: ["visits"], website: ["website"], email: ["email"], phone: ["phone"], linkedin: ["linkedin"] },
  criteria: [
    { id: "market", field: "country", in: ["DE", "NL"], weight: 40 },
    { id: "trade", field: "type", keywords: ["wholesal*", "distribut*"], weight: 40 },
    { id: "traffic", field: "visits", range: { min: 1000, ideal: 10000 }, weight: 20 },
  ],
  tiers: { A: 80, B: 50 },
};

/** Values in the compiled field order from a plain record. */
function values(p: ReturnType<typeof compilePortrait>, rec: Record<string, string>): (string | undefined)[] {
  return p.fields.map((f) => rec[f]);
}

describe("segments", () => {
  const spec: PortraitSpec = {
    ...BASE,
    segments: [
      { id: "wholesale", when: [{ field: "type", keywords: ["wholesal*"] }], weights: { traffic: 0 } },
      { id: "german", when: [{ field: "country", in: ["DE"] }], criteria: [{ id: "big", field: "visits", range: { min: 50000 }, weight: 60 }] },
    ],
  };

  it("places a prospect in the first segment that fits, flags the others it fits, and scores it with that segment's weights", () => {
    const p = compilePortrait(spec);
    const r = scoreRecord(p, values(p, { type: "Wholesaler", country: "Germany", visits: "500" }));
    expect(r.segment).toEqual({ id: "wholesale", label: "wholesale", why: "type wholesaler", also: ["german"] });
    // traffic weighs 0 here: 40 + 40 of 80.
    expect(r.score).toBe(100);
  });

  it("with segment_rule best, takes the segment it scores best in", () => {
    const p = compilePortrait({ ...spec, segment_rule: "best" });
    // wholesale: market 40 + trade 40 of 80 = 100; german: (40 + 40 + 0) of 160 = 50. Best is wholesale.
    expect(scoreRecord(p, values(p, { type: "Wholesaler", country: "DE", visits: "500" })).segment?.id).toBe("wholesale");
    // With 60k visits: german gives (40 + 40 + 20 + 60) / 160 = 100 too; a tie keeps the first in file order.
    expect(scoreRecord(p, values(p, { type: "Wholesaler", country: "DE", visits: "60000" })).segment?.id).toBe("wholesale");
    // A distributor in DE fits only german.
    const r = scoreRecord(p, values(p, { type: "distributor", country: "DE", visits: "60000" }));
    expect(r.segment?.id).toBe("german");
    expect(r.contributions.map((c) => c.id)).toEqual(["market", "trade", "traffic", "big"]);
  });

  it("puts prospects no segment takes in unassigned, scored with the portrait's own criteria; a blank never fits", () => {
    const p = compilePortrait(spec);
    const r = scoreRecord(p, values(p, { type: "retailer", country: "FR", visits: "" }));
    expect(r.segment).toEqual({ id: "unassigned", label: "unassigned", why: "no segment's rule fits", also: [] });
    expect(r.contributions).toHaveLength(3);
    expect(scoreRecord(p, values(p, { type: "", country: "" })).segment?.id).toBe("unassigned");
  });

  it("reports confidence: the share of the weight with data to judge", () => {
    const p = compilePortrait(BASE);
    // market (40) and trade (40) judged, traffic (20) blank: 0.8.
    expect(scoreRecord(p, values(p, { type: "wholesale", country: "DE" })).confidence).toBe(0.8);
    expect(scoreRecord(p, values(p, {})).confidence).toBe(0);
  });
});

describe("the channel plan", () => {
  const spec: PortraitSpec = {
    ...BASE,
    segments: [{ id: "social", when: [{ field: "type", keywords: ["retail*"] }], channels: ["linkedin", "email"] }],
    channels: {
      use: [
        { id: "email", label: "email", needs: "email", content: "catalogue" },
        { id: "phone", label: "phone", needs: "phone", content: "call script" },
        { id: "linkedin", label: "LinkedIn", needs: "linkedin", content: "case study" },
        { id: "show", label: "trade show", needs: "none", content: "booth meeting" },
      ],
      activities: [{ id: "fair", label: "Canton Fair", from: "2026-04-15", to: "2026-05-05", channels: ["email", "show"], content: "fair invitation" }],
    },
  };
  const p = compilePortrait(spec);
  const plan = (rec: Record<string, string>, asOf: string | null = null) => {
    const v = values(p, { website: "acme.de", ...rec });
    return planOutreach(p, v, scoreRecord(p, v).segment?.id, asOf);
  };

  // Each combination of the contact data present: email, phone (a German number), LinkedIn.
  it.each([
    [{}, "show", "trade show: booth meeting"],
    [{ email: "anna@acme.de" }, "email", "email: catalogue; then trade show: booth meeting"],
    [{ phone: "+49 40 3344 5566" }, "phone", "phone: call script; then trade show: booth meeting"],
    [{ linkedin: "linkedin.com/in/anna" }, "linkedin", "LinkedIn: case study; then trade show: booth meeting"],
    [{ email: "anna@acme.de", phone: "+49 40 3344 5566" }, "email", "email: catalogue; then phone: call script"],
    [{ email: "anna@acme.de", linkedin: "linkedin.com/in/anna" }, "email", "email: catalogue; then LinkedIn: case study"],
    [{ phone: "+49 40 3344 5566", linkedin: "linkedin.com/in/anna" }, "phone", "phone: call script; then LinkedIn: case study"],
    [{ email: "anna@acme.de", phone: "+49 40 3344 5566", linkedin: "linkedin.com/in/anna" }, "email", "email: catalogue; then phone: call script"],
  ])("with %j the first channel is %s", (rec, channel, next) => {
    expect(plan({ type: "wholesaler", country: "DE", ...rec })).toEqual({ channel, nextStep: next, activity: null });
  });

  it("checks the data rather than trusting it: malformed email, invalid phone, free-mail marked", () => {
    expect(plan({ email: "anna@", phone: "12345" })?.channel).toBe("show");
    expect(plan({ email: "anna.k@gmail.com" })?.nextStep).toBe("email: catalogue (free-mail address); then trade show: booth meeting");
    // A national number is read with the prospect's country.
    expect(plan({ phone: "040 3344 5566", country: "Germany" })?.channel).toBe("phone");
  });

  it("follows the segment's channel preference", () => {
    expect(plan({ type: "retail store", email: "a@acme.de", linkedin: "https://www.linkedin.com/company/acme" })?.nextStep).toBe("LinkedIn: case study; then email: catalogue");
  });

  it("puts research first when the official website is missing or is not one", () => {
    expect(plan({ website: "", email: "a@acme.de" })).toEqual({ channel: "research", nextStep: "research: find the official website; then email: catalogue", activity: null });
    expect(plan({ website: "https://www.linkedin.com/company/acme", email: "a@acme.de" })?.channel).toBe("research");
  });

  it("applies an activity only inside its dates (both ends included), to the first step that can carry it", () => {
    const rec = { email: "anna@acme.de" };
    expect(plan(rec, "2026-04-14")?.nextStep).toBe("email: catalogue; then trade show: booth meeting");
    expect(plan(rec, "2026-04-15")).toEqual({ channel: "email", nextStep: "email: fair invitation (Canton Fair, 15 Apr-5 May); then trade show: booth meeting", activity: "Canton Fair" });
    expect(plan(rec, "2026-05-05")?.activity).toBe("Canton Fair");
    expect(plan(rec, "2026-05-06")?.activity).toBeNull();
    expect(plan({ linkedin: "linkedin.com/in/anna" }, "2026-04-20")?.nextStep).toBe("LinkedIn: case study; then trade show: fair invitation (Canton Fair, 15 Apr-5 May)");
  });

  it("gives no plan when the portrait has no channels", () => {
    const q = compilePortrait(BASE);
    expect(planOutreach(q, values(q, {}), undefined, null)).toBeNull();
  });
});

describe("what would move a prospect up a tier", () => {
  const p = compilePortrait(BASE);

  it("finds the smallest set of unmet or unknown criteria that reaches the next tier", () => {
    // DE, no type, 1k visits: market 40, traffic 0 of 100 -> 40 (D). B needs 50: trade alone gives 80 (A even);
    // traffic alone gives 60. Both reach B with one criterion; the higher score wins: trade.
    const r = scoreRecord(p, values(p, { country: "DE", type: "", visits: "1000" }));
    expect(r.score).toBe(40);
    expect(whatWouldMoveUp(p, r)).toEqual({ tier: { name: "B", min: 50 }, criteria: ["trade"], score: 80, note: null });
  });

  it("needs two criteria when one is not enough, and knows the top tier", () => {
    // FR, retailer, 1k visits: 0 -> B (50) needs market + trade (80) or market + traffic (60); the best pair is market + trade.
    const r = scoreRecord(p, values(p, { country: "FR", type: "retailer", visits: "1000" }));
    expect(whatWouldMoveUp(p, r).criteria).toEqual(["market", "trade"]);
    const top = scoreRecord(p, values(p, { country: "DE", type: "wholesale", visits: "20000" }));
    expect(whatWouldMoveUp(p, top)).toEqual({ tier: null, criteria: [], score: 100, note: "already in the top tier" });
  });

  it("counts an excluded criterion back in when it is met", () => {
    const q = compilePortrait({ ...BASE, criteria: BASE.criteria.map((c) => (c.id === "traffic" ? { ...c, missing: "exclude" as const } : c)) });
    const r = scoreRecord(q, values(q, { country: "FR", type: "wholesale" }));
    // 40 of 80 = 50; meeting traffic: (40 + 20) of 100 = 60; meeting market: 80 of 80 = 100.
    expect(r.score).toBe(50);
    expect(scoreIfMet(r.contributions, new Set([2]))).toBe(60);
    expect(whatWouldMoveUp(q, r)).toMatchObject({ tier: { name: "A", min: 80 }, criteria: ["market"], score: 100 });
  });

  it("says a disqualified prospect cannot move up", () => {
    const q = compilePortrait({ ...BASE, disqualify: [{ id: "sanctioned", field: "country", in: ["IR"], reason: "sanctions" }] });
    const r = scoreRecord(q, values(q, { country: "Iran" }));
    expect(whatWouldMoveUp(q, r).note).toBe("disqualified (sanctioned): no criterion moves it up while that rule applies");
  });
});
