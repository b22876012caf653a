import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { B2B, PORTRAITS, runCli, tempDir } from "../helpers.js";
import { headerKey } from "../../src/engine/text.js";
import { auc, hashUnit } from "../../src/learn/stats.js";

const LEADS = join(PORTRAITS, "furniture-importers.leads.csv");
const CUSTOMERS_2025 = join(PORTRAITS, "furniture-importers.customers-2025.csv");

interface DraftCriterion {
  id: string;
  field: string;
  weight: number;
  in?: string[];
  range?: { min?: number; max?: number };
}

describe("the shipped learn example", () => {
  it("is exactly what make-learn-example.mjs generates", async () => {
    const { FILES } = await import("../fixtures/make-learn-example.mjs");
    for (const [name, text] of Object.entries(FILES as Record<string, string>)) expect(readFileSync(join(PORTRAITS, name), "utf8"), name).toBe(text);
  });
});

describe("portrait learn", () => {
  it("recovers the planted pattern: wholesalers in DE/NL with 5k+ monthly visits, and nothing else", async () => {
    const dir = tempDir();
    const r = await runCli(["learn", CUSTOMERS_2025, "--population", LEADS, "-p", B2B, "-o", "draft.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "draft.yaml"), "utf8");
    const draft = parseYaml(text) as { criteria: DraftCriterion[]; tiers: Record<string, number> };
    expect(draft.criteria.map((c) => c.field).sort()).toEqual(["business_type", "country", "web_visits"]);
    const byField = Object.fromEntries(draft.criteria.map((c) => [c.field, c]));
    // Ids carry over from the base portrait's criteria on the same fields, so diff shows changes.
    expect(draft.criteria.map((c) => c.id).sort()).toEqual(["target-market", "trade-buyer", "web-traffic"]);
    expect(byField.country!.in).toEqual(["DE", "NL"]);
    expect(byField.business_type!.in!.map((v) => headerKey(v)).every((v) => /wholesal|grosshandel/.test(v))).toBe(true);
    expect(byField.business_type!.in!.length).toBeGreaterThanOrEqual(3);
    const min = byField.web_visits!.range!.min!;
    expect(min).toBeGreaterThanOrEqual(3500);
    expect(min).toBeLessThanOrEqual(7000);
    // Comments say where each number came from; noise fields are listed as not used, with why.
    expect(text).toMatch(/- DE {3}# \d+ of 412 customers \(\d+%\), \d+% of all 3,000, lift \d\.\d/);
    expect(text).toMatch(/#\s+employees \(number\): (not clear of chance|separation)/);
    expect(text).toMatch(/#\s+title \(category\): no value with lift >= 1\.5/);
    // Tiers are placed on the population: about 10% reach A.
    expect(Object.keys(draft.tiers)).toEqual(["A", "B", "C"]);
    const a = /A: [\d.]+ {3}# wanted the top 10%: [\d,]+ of 3,000 \((\d+)%\)/.exec(text);
    expect(Number(a?.[1])).toBeGreaterThanOrEqual(5);
    expect(Number(a?.[1])).toBeLessThanOrEqual(15);
    // The draft is an ordinary portrait: it validates and scores.
    const v = await runCli(["validate", "draft.yaml"], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    expect(r.stderr).toContain("learn: 3 criteria from 412 customers against 3,000 rows");
  });

  it("is deterministic: the same files give the same bytes, whatever the row order", async () => {
    const lines = readFileSync(CUSTOMERS_2025, "utf8").trimEnd().split("\n");
    const reversed = `${[lines[0], ...lines.slice(1).reverse()].join("\n")}\n`;
    const dir = tempDir({ "rev.csv": reversed });
    const a = await runCli(["learn", CUSTOMERS_2025, "--population", LEADS, "-p", B2B]);
    const b = await runCli(["learn", join(dir, "rev.csv"), "--population", LEADS, "-p", B2B]);
    expect(a.code).toBe(0);
    const body = (t: string) => t.split("\n").filter((l) => !l.startsWith("# customers:")); // that line names the file
    expect(body(b.stdout)).toEqual(body(a.stdout));
  });

  it("without a base portrait learns from every column and flags outcome columns", async () => {
    const r = await runCli(["learn", CUSTOMERS_2025, "--population", LEADS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("learn: warning: won: every customer matches (100%) against 22% of all: if this column records the outcome, leave it out with --exclude won");
    expect(r.stdout).toContain("# WARNING: every customer matches");
    const clean = await runCli(["learn", CUSTOMERS_2025, "--population", LEADS, "--exclude", "won", "Deal Value (EUR)"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).not.toContain("warning");
    const draft = parseYaml(clean.stdout) as { criteria: DraftCriterion[] };
    expect(draft.criteria.map((c) => c.field).sort()).toEqual(["business_type", "country", "monthly_web_visits"]);
    expect(clean.stdout).toMatch(/#\s+segment \(category\): no value with lift >= 1\.5/); // Trade: lift 1.3
    expect(clean.stdout).toMatch(/#\s+closed \(date\): dates: not learned from/);
  });

  it("learns one segment per value of the segment column, each against that segment's own population", async () => {
    const dir = tempDir({ "few.csv": `${readFileSync(CUSTOMERS_2025, "utf8").trimEnd()}\nLone Co GmbH,DE,Solo,Wholesaler,,,,,,,,2025-05-05,yes,1000\n` });
    const r = await runCli(["learn", "few.csv", "--population", LEADS, "-p", B2B, "-o", "draft.yaml", "--segment-by", "Segment"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/learn: segment Trade \(299 customers\): web_visits \d+, country \d+, business_type \d+/);
    expect(r.stderr).toContain("learn: segment Solo: 1 customers, under the minimum support of 13: not drafted");
    const text = readFileSync(join(dir, "draft.yaml"), "utf8");
    const draft = parseYaml(text) as { fields: Record<string, string[]>; segments: Array<{ id: string; when: unknown[]; weights: Record<string, number>; criteria: DraftCriterion[] }> };
    expect(draft.fields.segment).toEqual(["Segment"]);
    expect(draft.segments.map((s) => s.id)).toEqual(["projects", "retail", "trade"]);
    const trade = draft.segments.find((s) => s.id === "trade")!;
    expect(trade.when).toEqual([{ field: "segment", in: ["Trade"], normalize: "text" }]);
    expect(Object.values(trade.weights)).toEqual([0, 0, 0]);
    // Within Trade, wholesalers still beat distributors and importers: the planted effect, not the segment's own definition.
    const tradeBuyer = trade.criteria.find((c) => c.field === "business_type")!;
    expect(tradeBuyer.in!.every((v) => /wholesal|großhandel/i.test(v))).toBe(true);
    expect(text).toContain("segments:                # one per value of Segment with enough customers");
    expect(text).not.toContain("WARNING");
    // The draft validates and scores: prospects go to their segment.
    const v = await runCli(["validate", "draft.yaml"], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    const scored = await runCli(["score", LEADS, "-p", "draft.yaml", "--format", "json"], { cwd: dir });
    const segs = new Set((JSON.parse(scored.stdout).results as Array<{ segment: { id: string } }>).map((x) => x.segment.id));
    expect([...segs].sort()).toEqual(["projects", "retail", "trade"]);
  });

  it("learns from customers alone, with equal weights, and says so", async () => {
    const r = await runCli(["learn", CUSTOMERS_2025, "-p", B2B, "--tiers", "20,30"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("no population (no lift; equal weights)");
    const draft = parseYaml(r.stdout) as { criteria: DraftCriterion[]; tiers: Record<string, number> };
    expect(new Set(draft.criteria.map((c) => c.weight)).size).toBe(1);
    expect(Object.keys(draft.tiers)).toEqual(["A", "B"]);
  });

  it("refuses bad options and missing files with a clear message", async () => {
    const cases: Array<[string[], number, string]> = [
      [["learn", CUSTOMERS_2025, "--tiers", "60,50"], 2, "--tiers: the shares add up to more than 100%"],
      [["learn", CUSTOMERS_2025, "--tiers", "10,x"], 2, '--tiers: expected a number from 0.01 to 100, got "x"'],
      [["learn", CUSTOMERS_2025, "--exclude", "nope"], 2, '--exclude: no field or column "nope"'],
      [["learn", "missing.csv"], 1, "missing.csv: no such file"],
      [["learn", CUSTOMERS_2025, "--min-lift", "0.5"], 2, "--min-lift: expected a number from 1 to 1000"],
    ];
    for (const [argv, code, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(code);
      expect(r.stderr).toContain(message);
    }
  });

  it("reports rows it cannot read and fails, or sets them aside with --rejects", async () => {
    const dir = tempDir({ "c.csv": "Country,Business Type\nDE,Wholesaler\nNL,Wholesaler,extra\nDE,Wholesaler\nDE,Wholesaler\nDE,Wholesaler\nDE,Wholesaler\n" });
    const r = await runCli(["learn", "c.csv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("c.csv:3: expected 2 fields, got 3");
    const ok = await runCli(["learn", "c.csv", "--rejects", "rej.csv"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, "rej.csv"), "utf8")).toContain("c.csv,3,");
  });
});

describe("portrait backtest", () => {
  it("judges the shipped portrait and a draft learned on held-out rows; the draft comes near the planted optimum", async () => {
    const r = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Won", "--split", "0.3", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const [given, learned] = doc.portraits;
    expect(given.role).toBe("given");
    expect(learned.role).toBe("learned");
    expect(given.rows).toBe(learned.rows);

    // The optimum: ranking the same held-out rows by the generator's true probability.
    const { attributesOf, plantedProbability } = await import("../fixtures/make-learn-example.mjs");
    const rows = parse(readFileSync(LEADS, "utf8"), { columns: true }) as Array<Record<string, string>>;
    const held = rows.filter((row) => hashUnit(headerKey(row["Company Name"]!)) < 0.3);
    expect(held.length).toBe(learned.rows);
    const optimum = auc(held.map((row) => plantedProbability(attributesOf(row))), held.map((row) => row.Won!.toLowerCase() === "yes"))!;
    expect(optimum).toBeGreaterThan(0.75);
    expect(learned.auc).toBeGreaterThan(0.75);
    expect(learned.auc).toBeGreaterThan(optimum - 0.04);
    expect(learned.auc).toBeGreaterThan(given.auc);
    // Lift falls tier by tier for the learned draft.
    const rates = learned.tiers.filter((t: { rows: number }) => t.rows > 0).map((t: { rate: number }) => t.rate);
    expect(rates).toEqual([...rates].sort((a: number, b: number) => b - a));
  });

  it("prints tiers, precision, criteria and calibration as text; --fail-under-auc gates with exit 3", async () => {
    const r = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Won"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rows 3000, positive \d+ \(base rate \d+\.\d%\); AUC 0\.\d{3}/);
    expect(r.stdout).toMatch(/^A +\d+ +\d+ +\d+\.\d% +\d\.\d\dx$/m);
    expect(r.stdout).toContain("precision at the top: 10: ");
    expect(r.stdout).toMatch(/^trade-buyer +100\.0% +\d+ +\d+\.\d% +\d+\.\d% +\d\.\d\dx$/m);
    expect(r.stdout).toContain("calibration: score");
    const gate = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Won", "--fail-under-auc", "0.9"]);
    expect(gate.code).toBe(3);
    expect(gate.stderr).toMatch(/backtest: AUC 0\.\d{3} of .*furniture-importers\.yaml is under --fail-under-auc 0\.9/);
  });

  it("splits by date, reads amounts as outcomes, and writes the learned draft", async () => {
    const dir = tempDir();
    const r = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Deal Value (EUR)", "--split", "Closed>=2026-01-01", "-o", "learned.yaml", "--format", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.label.kind).toBe("value");
    expect(doc.judgedOn).toBe("1000 rows with Closed on or after 2026-01-01");
    expect(doc.portraits[1].tiers[0].value).toBeGreaterThan(0);
    const v = await runCli(["validate", "learned.yaml"], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
  });

  it("counts rows without an outcome as rejects, never drops them", async () => {
    const dir = tempDir({ "o.csv": "Company,Country,Won\nA,DE,yes\nB,FR,no\nC,NL,\nD,DE,maybe\n", "p.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE], weight: 1 }\n" });
    const fail = await runCli(["backtest", "o.csv", "-p", "p.yaml", "--label", "Won"], { cwd: dir });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain('--label Won: "maybe" is neither yes/no');
    const dir2 = tempDir({ "o.csv": "Company,Country,Won\nA,DE,yes\nB,FR,no\nC,NL,\nD,DE,no\n", "p.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE], weight: 1 }\n" });
    const r = await runCli(["backtest", "o.csv", "-p", "p.yaml", "--label", "Won"], { cwd: dir2 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('o.csv:4: no outcome in column "Won": ""');
    const ok = await runCli(["backtest", "o.csv", "-p", "p.yaml", "--label", "Won", "--rejects", "rej.csv", "--format", "json"], { cwd: dir2 });
    expect(ok.code, ok.stderr).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.rejected).toBe(1);
    expect(doc.portraits[0].rows).toBe(3); // 4 rows in = 3 judged + 1 rejected
    expect(doc.portraits[0].auc).toBe(0.75);
  });

  it("needs a portrait or a split, and a label column that exists", async () => {
    const a = await runCli(["backtest", LEADS, "--label", "Won"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("backtest needs a portrait to judge (-p FILE), or --split");
    const b = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Outcome"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('no column "Outcome" for --label; the columns are: Company Name, Country');
    const c = await runCli(["backtest", LEADS, "-p", B2B, "--label", "Won", "--split", "half"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("--split: expected a share to hold out (0.3) or COLUMN>=YYYY-MM-DD");
  });
});

describe("review fixes: learn, backtest, drift on odd input", () => {
  // A base portrait whose employees field is read only by the segments' own criteria.
  const base = "name: base\nfields:\n  country: [Land]\n  employees: [Headcount]\n  seg: [Seg]\ncriteria:\n  - { id: c, field: country, in: [Germany], weight: 10 }\n  - { id: e, field: employees, range: { min: 10 }, weight: 10 }\n";
  const pop: string[] = ["Land,Headcount,Seg"];
  const cust: string[] = ["Land,Headcount,Seg"];
  for (let i = 0; i < 600; i++) {
    const de = i % 3 === 0;
    const big = i % 2 === 0;
    const row = `${de ? "Germany" : "France"},${big ? 500 + i : 5},${i % 4 < 2 ? "A" : "B"}`;
    pop.push(row);
    if (de && big) cust.push(row);
  }
  const files = { "base.yaml": base, "pop.csv": `${pop.join("\n")}\n`, "cust.csv": `${cust.join("\n")}\n` };

  it("writes every field a segment's criteria read, with its aliases, and places tiers on the scores segments give", async () => {
    const dir = tempDir(files);
    const r = await runCli(["learn", "cust.csv", "--population", "pop.csv", "-p", "base.yaml", "--segment-by", "Seg", "-o", "d.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = parseYaml(readFileSync(join(dir, "d.yaml"), "utf8")) as { fields: Record<string, string[]>; segments: Array<{ criteria: DraftCriterion[] }>; tiers: Record<string, number> };
    for (const seg of d.segments) for (const c of seg.criteria) expect(d.fields[c.field], c.field).toBeDefined();
    expect(d.fields.employees).toEqual(["Headcount"]);
    const scored = await runCli(["score", "pop.csv", "-p", "d.yaml", "--format", "json"], { cwd: dir });
    expect(scored.code, scored.stderr).toBe(0);
    const results = JSON.parse(scored.stdout).results as Array<{ tier: string; missing: string[] }>;
    expect(results.every((x) => !x.missing.includes("employees"))).toBe(true);
    const a = results.filter((x) => x.tier === "A").length / results.length;
    expect(a).toBeGreaterThan(0.05);
    expect(a).toBeLessThan(0.4);
    // backtest takes a portrait whose segments have their own criteria.
    const outcomes = `${pop.map((l, i) => (i === 0 ? `${l},Won` : `${l},${cust.includes(l) ? "yes" : "no"}`)).join("\n")}\n`;
    const bt = await runCli(["backtest", "-", "-p", "d.yaml", "--label", "Won", "--format", "json"], { cwd: dir, stdin: outcomes });
    expect(bt.code, bt.stderr).toBe(0);
    expect(JSON.parse(bt.stdout).portraits[0].auc).toBeGreaterThan(0.9);
  });

  it("learns from yes/no columns and from headers in other scripts; shortens the default tiers to the base's", async () => {
    const rows = ["地区,行业,Showroom"];
    const crows = ["地区,行业,Showroom"];
    for (let i = 0; i < 400; i++) {
      const yes = i % 5 === 0;
      const r = `${i % 2 ? "华东" : "华南"},${i % 3 ? "零售" : "批发"},${yes ? "Yes" : "No"}`;
      rows.push(r);
      if (yes || i % 17 === 0) crows.push(r);
    }
    const dir = tempDir({ "pop.csv": `${rows.join("\n")}\n`, "cust.csv": `${crows.join("\n")}\n`, "one-tier.yaml": "name: t\ncriteria:\n  - { id: s, field: showroom, in: [yes], weight: 1 }\ntiers: { hot: 50 }\n" });
    const r = await runCli(["learn", "cust.csv", "--population", "pop.csv"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = parseYaml(r.stdout) as { criteria: DraftCriterion[] };
    expect(d.criteria.find((c) => c.field === "showroom")?.in).toEqual(["Yes"]);
    const t = await runCli(["learn", "cust.csv", "--population", "pop.csv", "-p", "one-tier.yaml"], { cwd: dir });
    expect(t.code, t.stderr).toBe(0);
    expect(Object.keys((parseYaml(t.stdout) as { tiers: Record<string, number> }).tiers)).toEqual(["hot"]);
  });

  it("keeps the rejects of every file read in one --rejects file", async () => {
    const dir = tempDir({ "b.csv": "country,type\nDE,a\nFR,b,extra\n", "c.csv": "country,type\nDE,a\nNL,c,extra\n" });
    const r = await runCli(["drift", "--baseline", "b.csv", "--current", "c.csv", "--rejects", "rej.csv", "--fail-over", "1000"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rej = readFileSync(join(dir, "rej.csv"), "utf8");
    expect(rej).toContain("b.csv,3,");
    expect(rej).toContain("c.csv,3,");
  });
});
