import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { FIXTURES, PORTRAITS, runCli, tempDir } from "../helpers.js";

const C = (f: string) => join(FIXTURES, "customs", f);
type Buyer = Record<string, string | number | null>;
const buyers = async (args: string[]) => {
  const r = await runCli(["customs", ...args, "--format", "json"], { cwd: tempDir() });
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { buyers: Buyer[]; totals: Record<string, unknown>; asOf: string; sources: Array<Record<string, unknown>> };
  return { ...doc, stderr: r.stderr, byKey: (k: string, cc?: string) => doc.buyers.find((b) => b.key === k && (cc === undefined || b.country === cc))! };
};
const PORTRAIT = `name: customs test
fields:
  company: [company]
  country: [country]
  website: [website]
criteria:
  - { id: market, field: country, in: [US, DE, DK, GB], weight: 10 }
  - { id: buys-often, field: customs.shipments_12m, range: { min: 1, ideal: 3 }, weight: 20 }
  - { id: recent, field: customs.days_since_last, range: { max: 90 }, weight: 10 }
  - { id: competitor-locked, field: customs.competitor_share, range: { min: 0.5 }, weight: -5 }
customs:
  competitors: ["*everbright*"]
  fuzzy: 0.9
`;

describe("portrait customs: per-buyer aggregates", () => {
  it("matches hand-computed figures on a small export", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT });
    const { byKey, totals, asOf, stderr } = await buyers([C("small-shipments.csv"), "-p", join(dir, "p.yaml")]);
    expect(asOf).toBe("2025-04-01"); // the latest date in the data, not the clock
    expect(byKey("acme trading", "US")).toMatchObject({
      buyer: "ACME TRADING CO., LTD.", legal_form: "co ltd",
      shipments: 4, rows: 5, // bill B1 has two rows: one shipment
      first_date: "2023-06-30", last_date: "2025-03-20", days_since_last: 12, active_months: 4,
      shipments_12m: 3, shipments_prev_12m: 1, growth_12m: 200, median_days_between: 74,
      weight_kg: 6500, // 2000 + 1000 + 2204.6226 lb (1000 kg) + 1 t + 1500 kgs
      quantity: 210, value: 27000, currency: "USD", suppliers: 3,
      top_supplier: "Foshan Everbright Furniture Co Ltd", top_supplier_share: 0.5,
      supplier_countries: "CN 3; VN 1", top_hs: "940161 3; 940360 2", competitor_share: 0.5,
    });
    // TO ORDER with a notify party: the notify party is the buyer (and joins its Danish profile).
    expect(byKey("nordic living", "DK")).toMatchObject({ shipments: 2, rows: 2 });
    expect(totals).toMatchObject({ read: 10, profiled: 8, nonBuyers: { "to order": 1, forwarder: 1, bank: 0, placeholder: 0 }, notifyFallback: 1, rejected: 0 });
    expect(stderr).toContain("customs: read 10 rows (trade-platform, dates MM/DD/YYYY): 8 in 3 buyer profiles");
  });

  it("computes recency and trend against --as-of", async () => {
    const { byKey, asOf } = await buyers([C("small-shipments.csv"), "--as-of", "2026-01-15"]);
    expect(asOf).toBe("2026-01-15");
    // The last 12 months are the 365 days ending on the as-of date: B1 (2025-01-15), exactly 365 days
    // earlier, is in the 12 months before, with B3 (2024-11-02); B2 (2025-03-20) is in the last 12.
    expect(byKey("acme trading", "US")).toMatchObject({ days_since_last: 301, shipments_12m: 1, shipments_prev_12m: 2, growth_12m: -50 });
    expect(byKey("acme trading", "US").competitor_share).toBeNull(); // no competitors named without a portrait
  });

  it("detects DD/MM, Excel serial and month dates; refuses an ambiguous column unless told", async () => {
    expect((await buyers([C("dates-dd-mm.csv")])).byKey("alpha")).toMatchObject({ first_date: "2025-02-03", last_date: "2025-02-25" });
    expect((await buyers([C("dates-excel-serial.csv")])).byKey("beta")).toMatchObject({ first_date: "2025-01-01", last_date: "2025-02-01" });
    const amb = await runCli(["customs", C("dates-ambiguous.csv")], { cwd: tempDir() });
    expect(amb.code).toBe(1);
    expect(amb.stderr).toContain("cannot tell the date format: every date fits MM/DD/YYYY and DD/MM/YYYY (no day above 12); say which with --date-format");
    expect((await buyers([C("dates-ambiguous.csv"), "--date-format", "DD/MM/YYYY"])).byKey("alpha")).toMatchObject({ first_date: "2025-02-03", last_date: "2025-05-04" });
  });

  it("keeps the latest version of amended bills, drops deleted ones, reports unknown weight units, pads HS codes", async () => {
    const { byKey, totals, stderr } = await buyers([C("us-bol-amended-deleted.csv")]);
    expect(byKey("zeta home")).toMatchObject({ shipments: 2, rows: 2, weight_kg: 1200, quantity: 15, top_hs: "084713 1; 940360 1" });
    expect(totals).toMatchObject({ superseded: 3, unknownWeightUnits: { XX: 1 } });
    expect(stderr).toContain("us-bill-of-lading");
    expect(stderr).toContain('weights with unknown units left out: "XX" 1');
  });

  it("sums already-aggregated monthly exports instead of counting rows as shipments", async () => {
    const { byKey, stderr } = await buyers([C("aggregated-monthly.csv")]);
    expect(byKey("omega trading")).toMatchObject({ shipments: 6, rows: 3, value: 25000, quantity: 210, active_months: 2, median_days_between: null, first_date: "2025-01-01" });
    expect(stderr).toContain("aggregated, dates YYYY-MM");
  });

  it("never adds values in different currencies", async () => {
    expect((await buyers([C("mixed-currencies.csv")])).byKey("kappa")).toMatchObject({ value: null, currency: "", values: "EUR 900; USD 1000" });
  });

  it("refuses a file that is not customs data, naming what it needs", async () => {
    const r = await runCli(["customs", join(FIXTURES, "real", "sp500-constituents.csv")], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not a customs export I can read: it needs an importer (or consignee) column, a date and a shipment fact");
  });

  it("applies the portrait's filter: HS prefixes, products, origin, dates", async () => {
    const dir = tempDir({ "p.yaml": `${PORTRAIT}  filter: { hs: ["9401"], origin: [CN], from: 2024-01-01 }\n` });
    const { byKey, totals } = await buyers([C("small-shipments.csv"), "-p", join(dir, "p.yaml")]);
    expect(byKey("acme trading", "US")).toMatchObject({ shipments: 1, rows: 1 }); // B1's sofa line only
    expect(totals.filtered).toBe(5);
  });
});

describe("portrait score --customs: joining prospects", () => {
  const PROSPECTS = "company,country,website\nAcme Trading Inc.,United States,acme-trading.com\nAcme Trading GmbH,Germany,acme-trading.de\nMoebelhaus Kruger,DE,moebelhaus-krueger.de\nNordic Living,DK,nordicliving.dk\nDelta Home,US,https://deltahome.com\nUnknown Co,FR,\n";
  it("joins by key, domain and fuzzy pass; never across countries; lists every fuzzy pair", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT, "prospects.csv": PROSPECTS });
    const r = await runCli(["score", "prospects.csv", "-p", "p.yaml", "--customs", C("small-shipments.csv"), C("with-websites.csv")], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    const by = (c: string) => rows.find((x) => x.company === c)!;
    expect(by("Acme Trading Inc.")).toMatchObject({ customs_match: "exact", customs_buyer: "ACME TRADING CO., LTD. (US)" });
    expect(by("Acme Trading GmbH")).toMatchObject({ customs_match: "none", customs_buyer: "" }); // ACME TRADING LTD is in GB
    // Half transliterated: neither key of "Möbelhaus Krüger GmbH" (mobelhaus kruger, moebelhaus krueger) fits.
    expect(by("Moebelhaus Kruger").customs_match).toMatch(/^fuzzy 0\.9\d+$/);
    expect(by("Delta Home")).toMatchObject({ customs_match: "domain", customs_buyer: "DELTA HOME FURNISHINGS INC (US)" });
    expect(by("Unknown Co").customs_match).toBe("none");
    expect(by("Acme Trading Inc.").reasons).toBe("market (US) +25; buys-often (3) +50; recent (12) +25; competitor-locked (0.5) -12.5");
    expect(r.stderr).toContain("customs match: 4 of 6 prospects found in customs data (2 exact, 1 domain, 1 fuzzy at 0.9), 2 not found");
    expect(r.stderr).toMatch(/customs match: fuzzy 0\.9\d+: prospects\.csv:4 "Moebelhaus Kruger" ~ buyer "Möbelhaus Krüger GmbH": check it/);
    const json = JSON.parse((await runCli(["score", "prospects.csv", "-p", "p.yaml", "--customs", C("small-shipments.csv"), "--format", "json"], { cwd: dir })).stdout);
    expect(json.results[0].customs).toEqual({ how: "exact", score: 1, buyer: "ACME TRADING CO., LTD.", country: "US" });
  });

  it("without customs data, criteria on customs.* fields are reported before scoring", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT, "prospects.csv": PROSPECTS });
    const r = await runCli(["score", "prospects.csv", "-p", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Fields named customs.* come from customs data: give it with --customs FILE.");
  });

  it("scores a customs export given as the main input, one prospect per buyer", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT });
    const r = await runCli(["score", C("small-shipments.csv"), "-p", "p.yaml", "--format", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results.map((x: { record: { buyer: string; country: string } }) => `${x.record.buyer} (${x.record.country})`)).toEqual(["ACME TRADING CO., LTD. (US)", "Nordic Living ApS (DK)", "Möbelhaus Krüger GmbH (DE)"]);
    expect(doc.results[0]).toMatchObject({ score: 87.5, tier: "A" });
    expect(r.stderr).toContain("customs (main input): read 10 rows (trade-platform, dates MM/DD/YYYY)");
  });

  it("rejects bad customs rows with their lines, into the rejects file with --rejects", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT, "prospects.csv": PROSPECTS, "ship.csv": "Importer,Date,HS Code\nAcme Trading Inc,2025-01-05,940360\nAcme Trading Inc,not a date,940360\nAcme Trading Inc,2025-01-06,940360,extra\n" });
    const fail = await runCli(["score", "prospects.csv", "-p", "p.yaml", "--customs", "ship.csv"], { cwd: dir });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain('ship.csv:3: date "not a date" is not in this file\'s format YYYY-MM-DD');
    expect(fail.stderr).toContain("ship.csv:4: expected 3 fields, got 4");
    const ok = await runCli(["score", "prospects.csv", "-p", "p.yaml", "--customs", "ship.csv", "--rejects", "rej.csv"], { cwd: dir });
    expect(ok.code).toBe(0);
  });
});

describe("the shipped customs example", () => {
  it("is exactly what make-example-customs.mjs generates", async () => {
    const { readFileSync } = await import("node:fs");
    const { FILES } = await import("../fixtures/make-example-customs.mjs");
    for (const [name, text] of Object.entries(FILES as Record<string, string>)) expect(readFileSync(join(PORTRAITS, name), "utf8"), name).toBe(text);
  });

  it("joins the B2B prospects to the two exports: exact (umlauts transliterated too) and domain, counts on stderr", async () => {
    const r = await runCli(["score", join(PORTRAITS, "furniture-importers.prospects.csv"), "-p", join(PORTRAITS, "furniture-importers-customs.yaml"), "--customs", join(PORTRAITS, "furniture-importers.shipments.csv"), join(PORTRAITS, "furniture-importers.bol.csv")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("customs: read 909 rows (trade-platform, dates MM/DD/YYYY; us-bill-of-lading, dates YYYY-MM-DD): 889 in 29 buyer profiles, 0 filtered out, 0 superseded, 20 non-buyer consignees (to order 12, forwarder 8), 0 rejected; notify party used for 4; as of 2025-06-29");
    expect(r.stderr).toContain("customs match: 19 of 35 prospects found in customs data (18 exact, 1 domain, 0 fuzzy at 0.9), 16 not found");
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]).toMatchObject({ rank: "1", tier: "A", customs_match: "exact" });
    expect(rows.find((x) => x["Company Name"] === "Copenhagen Design Distribution")).toMatchObject({ customs_match: "domain", customs_buyer: "CPH DESIGN DISTRIBUTION APS (DK)" });
    // Möbelhaus Krüger GmbH = MOEBELHAUS KRUEGER GMBH: the German transliteration is an exact key.
    expect(rows.find((x) => x["Company Name"] === "Möbelhaus Krüger GmbH")).toMatchObject({ customs_match: "exact", customs_buyer: "MOEBELHAUS KRUEGER GMBH (DE)" });
  });
});
