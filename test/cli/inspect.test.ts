import { readdirSync } from "node:fs";
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
    expect(r.stdout).toMatch(/11 +Monthly Web Visits +89% +number +12\.5k +field web_visits/);
    expect(r.stdout).toMatch(/ 8 +Email +100% +email +j\.krueger@moebel-krueger\.de +field email/);
    expect(r.stdout).toMatch(/ 9 +Phone +89% +phone /);
    expect(r.stdout).toMatch(/10 +LinkedIn +11% +social /);
    expect(r.stdout).toMatch(/13 +Notes +94% +text /);
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

describe("portrait inspect on every fixture and on the real data", () => {
  const dirs = [join(FIXTURES), join(FIXTURES, "nasty"), join(FIXTURES, "customs"), join(FIXTURES, "real"), PORTRAITS];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(csv|tsv|xlsx)$/.test(f)).map((f) => join(d, f)));

  it.each(files)("%s", async (file) => {
    const r = await runCli(["inspect", file, "--format", "json"], { cwd: tempDir() });
    if (r.code !== 0) {
      // Only files that are not tables may be refused, and with a message that says what they are.
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/binary|spreadsheet|xlsx|zip|record longer/i);
      return;
    }
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toBeGreaterThanOrEqual(0);
    for (const c of doc.columns) {
      expect(["number", "date", "email", "url", "social", "phone", "country", "hs code", "category", "identifier", "text", "empty"]).toContain(c.type);
      expect(c.filled).toBeLessThanOrEqual(doc.rows);
    }
  });

  it("tells the types of the real data's columns", async () => {
    const hs = JSON.parse((await runCli(["inspect", join(FIXTURES, "real", "harmonized-system.csv"), "--format", "json"], { cwd: tempDir() })).stdout);
    expect(hs.rows).toBe(6940);
    expect(hs.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual(["section:category", "hscode:hs code", "description:text", "parent:number", "level:number"]);
    const sp = JSON.parse((await runCli(["inspect", join(FIXTURES, "real", "sp500-constituents.csv"), "--format", "json"], { cwd: tempDir() })).stdout);
    expect(sp.columns.find((c: { name: string }) => c.name === "Date added").type).toBe("date");
    expect(sp.columns.find((c: { name: string }) => c.name === "GICS Sector").type).toBe("category");
    const kcs = JSON.parse((await runCli(["inspect", join(FIXTURES, "real", "kcs-import-declarations.csv"), "-p", join(PORTRAITS, "kcs-importers.yaml"), "--format", "json"], { cwd: tempDir() })).stdout);
    expect(kcs.customs.layout).toBe("mapped");
    expect(kcs.columns.find((c: { name: string }) => c.name === "HS6 Code")).toMatchObject({ type: "hs code", customs: "hs_code" });
    expect(kcs.columns.find((c: { name: string }) => c.name === "Country of Origin").type).toBe("country");
  });
});
