import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { B2B, B2B_CSV, FIXTURES, PORTRAITS, runCli, tempDir } from "../helpers.js";
import { NASTY_DIR } from "../fixtures/make-nasty.mjs";

describe("portrait inspect", () => {
  it("recognises a customs export: layout, column roles, date format", async () => {
    const r = await runCli(["inspect", join(PORTRAITS, "furniture-importers.bol.csv"), "--format", "json"], { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.customs).toEqual({ layout: "us-bill-of-lading", dateFormat: "YYYY-MM-DD", dateProblem: null });
    expect(doc.columns.map((c: { name: string; customs: string | null }) => `${c.name}=${c.customs}`)).toEqual([
      "identifier=bill", "actual_arrival_date=date", "consignee_name=importer", "notify_party_name=notify", "shipper_party_name=exporter",
      "country_of_origin=origin_country", "harmonized_number=hs_code", "description_text=product", "manifest_quantity=quantity", "weight=weight",
      "weight_unit=weight_unit", "foreign_port_of_lading=port_loading",
    ]);
    expect(doc.rows).toBe(353);
  });

  it("maps a prospect list to portrait fields with fill rates, as text", async () => {
    const r = await runCli(["inspect", B2B_CSV, "-p", B2B]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("customs export: no");
    expect(r.stdout).toMatch(/11 +Monthly Web Visits +89% +12\.5k +field web_visits/);
    expect(r.stdout).toContain("fields without a column: none");
  });

  it("says when a date column is ambiguous, and handles empty files", async () => {
    const amb = await runCli(["inspect", join(FIXTURES, "customs", "dates-ambiguous.csv")], { cwd: tempDir() });
    expect(amb.stdout).toContain("dates undecided: every date fits MM/DD/YYYY and DD/MM/YYYY");
    const empty = await runCli(["inspect", join(NASTY_DIR, "empty.csv")], { cwd: tempDir() });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain("rows: 0");
  });
});
