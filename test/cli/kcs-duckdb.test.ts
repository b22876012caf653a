// Korean import declarations (a customs authority's layout, KRW values, coded importers) through
// `portrait customs` with only a column mapping, checked against the same aggregates in DuckDB.
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { FIXTURES, PORTRAITS, runCli, tempDir } from "../helpers.js";

const KCS = join(FIXTURES, "real", "kcs-import-declarations.csv");

describe("KCS import declarations", () => {
  it("per-importer figures equal DuckDB's on the same file", async () => {
    const r = await runCli(["customs", KCS, "-p", join(PORTRAITS, "kcs-importers.yaml"), "--format", "json"], { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.asOf).toBe("2021-03-31");
    const ours = new Map<string, Record<string, number | string | null>>(doc.buyers.map((b: Record<string, string>) => [b.buyer, b]));

    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const reader = await con.runAndReadAll(`
      with d as (select * from read_csv('${KCS}', header = true, all_varchar = true))
      select "Importer ID" as importer,
             count(distinct "Declaration ID") as shipments, count(*) as rows,
             min("Date") as first_date, max("Date") as last_date,
             date_diff('day', max("Date"::date), (select max("Date"::date) from d)) as days_since_last,
             count(distinct substr("Date", 1, 7)) as active_months,
             round(sum("Net Mass"::double), 2) as weight_kg,
             round(sum("Item Price"::double), 2) as value,
             count(distinct "Seller ID") as suppliers
      from d group by 1`);
    const theirs = reader.getRowObjects();
    expect(theirs.length).toBe(5344);
    expect(ours.size).toBe(theirs.length);
    for (const t of theirs) {
      const o = ours.get(String(t.importer))!;
      expect(o, String(t.importer)).toBeDefined();
      expect({ shipments: o.shipments, rows: o.rows, first: o.first_date, last: o.last_date, since: o.days_since_last, months: o.active_months, suppliers: o.suppliers, currency: o.currency })
        .toEqual({ shipments: Number(t.shipments), rows: Number(t.rows), first: t.first_date, last: t.last_date, since: Number(t.days_since_last), months: Number(t.active_months), suppliers: Number(t.suppliers), currency: "KRW" });
      expect(Math.abs(Number(o.weight_kg) - Number(t.weight_kg))).toBeLessThan(0.02);
      expect(Math.abs(Number(o.value) - Number(t.value))).toBeLessThan(0.02);
    }
  }, 60_000);

  it("scores the declarations as one prospect per importer", async () => {
    const r = await runCli(["score", KCS, "-p", join(PORTRAITS, "kcs-importers.yaml"), "--format", "json", "--top", "3"], { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts.scored).toBe(5344);
    expect(doc.results).toHaveLength(3);
    for (const x of doc.results) {
      expect(x.tier).toBe("A");
      expect(Number(x.record.shipments)).toBeGreaterThanOrEqual(2);
    }
    expect(doc.counts.tiers.A).toBeGreaterThan(0);
  }, 60_000);
});
