// A real company list nobody on the team wrote (S&P 500 constituents, see test/fixtures/real/SOURCE.md):
// quoted commas in headquarters, "(The)" names, a "none" headquarters, founding years like "2013 (1888)".
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli, tempDir } from "../helpers.js";

const CSV = join(FIXTURES, "real", "sp500-constituents.csv");
const PORTRAIT = `name: US food and consumer distributors
fields:
  company: [security]
  sector: [gics sector]
  industry: [gics sub-industry]
  hq: [headquarters location]
  founded: [founded]
criteria:
  - { id: staples, field: sector, in: [Consumer Staples, Consumer Discretionary], normalize: text, weight: 30 }
  - { id: distributor, field: industry, keywords: [distribut*, "food retail", wholesal*], weight: 40 }
  - { id: midwest, field: hq, keywords: [illinois, ohio, minnesota, michigan, wisconsin], weight: 20, missing: neutral }
  - { id: established, field: founded, range: { min: 1850, max: 1990 }, weight: 10, missing: neutral }
disqualify:
  - { id: bank, field: sector, in: [Financials], normalize: text, reason: not a buyer of goods }
`;

describe("real data: S&P 500 constituents", () => {
  it("scores all 503 rows, none rejected, distributors on top, banks disqualified", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT });
    const r = await runCli(["score", CSV, "-p", join(dir, "p.yaml"), "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts).toMatchObject({ read: 503, scored: 503, rejected: 0, disqualified: 76 });
    const top = doc.results.slice(0, 5).map((x: { record: Record<string, string> }) => x.record["GICS Sub-Industry"]);
    for (const industry of top) expect(industry).toMatch(/Distribut|Food Retail/);
    // "2013 (1888)" is not one number: reported as unreadable, not guessed.
    const odd = doc.results.find((x: { record: Record<string, string> }) => / \(\d{4}\)$/.test(x.record.Founded));
    expect(odd.contributions.find((c: { id: string }) => c.id === "established").status).toBe("unreadable");
    // Names pass through untouched, quoted commas included.
    const names = doc.results.map((x: { record: Record<string, string> }) => x.record.Security);
    expect(names).toContain("Coca-Cola Company (The)");
    expect(names).toContain("Block, Inc.");
  });

  it("keeps every input cell byte for byte in CSV output", async () => {
    const dir = tempDir({ "p.yaml": PORTRAIT });
    const r = await runCli(["score", CSV, "-p", join(dir, "p.yaml")]);
    const out = parse(r.stdout) as string[][];
    const input = parse((await import("node:fs")).readFileSync(CSV)) as string[][];
    const width = input[0]!.length;
    expect(out.map((row) => row.slice(0, width).join("\u0001")).sort()).toEqual(input.map((row) => row.join("\u0001")).sort());
  });
});
