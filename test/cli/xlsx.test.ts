import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { makeXlsx } from "../fixtures/make-xlsx.mjs";
import { runCli, SMALL_PORTRAIT, tempDir } from "../helpers.js";

let files: Record<string, string>;
beforeAll(async () => {
  files = await makeXlsx(tempDir());
});

describe("xlsx input", () => {
  it("reads a customs export with a title block: header found, date cells read, blank rows skipped, stray cells rejected", async () => {
    const r = await runCli(["customs", files["customs-title-block.xlsx"]!, "--format", "json", "--rejects", join(tempDir(), "rej.csv")], { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("header found on sheet row 6; 5 row(s) above it (a title block) skipped");
    expect(r.stderr).toContain("dates excel");
    const doc = JSON.parse(r.stdout);
    const acme = doc.buyers.find((b: { key: string }) => b.key === "acme trading");
    expect(acme).toMatchObject({ shipments: 2, rows: 3, first_date: "2025-01-15", last_date: "2025-03-20", weight_kg: 4000, value: 18000, currency: "USD", top_hs: "940360 2; 940161 1" });
    expect(doc.buyers.find((b: { key: string }) => b.key === "delta home")).toMatchObject({ shipments: 1 });
    expect(doc.totals).toMatchObject({ read: 5, rejected: 1 });
  });

  it("scores prospects from a spreadsheet like from CSV", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    const r = await runCli(["score", files["prospects.xlsx"]!, "-p", join(dir, "p.yaml")]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout) as string[][];
    expect(rows[0]).toEqual(["company", "country", "business type", "monthly visits", "website", "rank", "score", "confidence", "tier", "reasons"]);
    expect(rows[1]!.slice(0, 5)).toEqual(["Alpha GmbH", "DE", "wholesale", "12000", "alpha.de"]);
    expect(rows[1]![9]).toBe("market (DE) +40; trade (wholesale) +30; traffic (12k) +20; site (present) +10");
  });
});
