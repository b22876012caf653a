import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { B2B, B2B_CSV, PORTRAITS, runCli, tempDir } from "../helpers.js";
import { psi } from "../../src/learn/stats.js";

const C2025 = join(PORTRAITS, "furniture-importers.customers-2025.csv");
const C2026 = join(PORTRAITS, "furniture-importers.customers-2026.csv");

describe("portrait drift", () => {
  it("finds the planted shift to Poland, says it in words, and exits 3", async () => {
    const r = await runCli(["drift", "--baseline", C2025, "--current", C2026, "-p", B2B]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/1 moved \(PSI >= 0\.1\):\n {2}shifted 0\.\d\d {2}country: share of PL [1-4]% -> (2\d|3\d)% \(in target market\)/);
    expect(r.stdout).toMatch(/^score +score +0\.\d{3} +stable +mean score \d+\.\d -> \d+\.\d$/m);
    expect(r.stdout).toMatch(/^tier +tier +0\.\d{3} +stable/m);
    expect(r.stdout).toContain("criteria by change in match rate");
    expect(r.stdout).toContain("not compared: phone (empty), linkedin (empty)");
    expect(r.stderr).toMatch(/drift: country \(PSI 0\.\d\d\) over --fail-over 0\.25: time to re-check the portrait/);
    // Nothing but the country moved past "stable".
    expect(r.stdout.match(/ (moving|shifted) /g)).toHaveLength(2); // the summary line and the table row
  });

  it("compares a period with itself as stable, exit 0; compares common columns without a portrait", async () => {
    const same = await runCli(["drift", "--baseline", C2025, "--current", C2025, "-p", B2B]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("nothing moved: every PSI is under 0.1");
    const plain = await runCli(["drift", "--baseline", C2025, "--current", C2026, "--format", "json", "--fail-over", "1"]);
    expect(plain.code).toBe(0);
    const doc = JSON.parse(plain.stdout);
    expect(doc.fields[0]).toMatchObject({ field: "country", type: "country", band: "shifted" });
    expect(doc.notCompared).toEqual([{ field: "closed", type: "date" }]);
    const pl = doc.fields[0].bins.find((b: { label: string }) => b.label === "PL");
    expect(pl.baseline).toBeGreaterThan(0);
    expect(pl.current).toBeGreaterThan(pl.baseline);
  });

  it("computes PSI over bins that match a hand count, new and vanished values included", async () => {
    // Baseline: DE 6, FR 4. Current: DE 2, FR 4, PL 4. Bins DE, FR, PL, (blank).
    const dir = tempDir({ "a.csv": "Country\nDE\nDE\nDE\nDE\nDE\nDE\nFR\nFR\nFR\nFR\n", "b.csv": "Country\nDE\nDE\nFR\nFR\nFR\nFR\nPL\nPL\nPL\nPL\n" });
    const r = await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv", "--format", "json"], { cwd: dir });
    const f = JSON.parse(r.stdout).fields[0];
    expect(f.bins).toEqual([
      // By combined share, ties by name: DE 0.6 + 0.2 = 0.8, FR 0.4 + 0.4 = 0.8, PL 0 + 0.4.
      { label: "DE", baseline: 6, current: 2 }, { label: "FR", baseline: 4, current: 4 }, { label: "PL", baseline: 0, current: 4 }, { label: "(blank)", baseline: 0, current: 0 },
    ]);
    expect(f.psi).toBeCloseTo(psi([6, 4, 0, 0], [2, 4, 4, 0]), 12);
    expect(f.appeared).toEqual(["PL"]);
    expect(f.summary).toBe("country: share of DE 60% -> 20%"); // DE and PL both moved 40 points; the first bin wins
    expect(r.code).toBe(3);
  });

  it("refuses files with nothing in common and bad options", async () => {
    const dir = tempDir({ "a.csv": "x\n1\n", "b.csv": "y\n2\n" });
    const r = await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no column in common");
    const f = await runCli(["drift", "--baseline", C2025, "--current", C2026, "--fail-over", "high"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('--fail-over: expected a number from 0 to 1000, got "high"');
  });
});

describe("portrait diff", () => {
  const changed = (text: string) => text.replace("weight: 5\n    missing: exclude", "weight: 25\n    missing: exclude").replace("tiers: { A: 80, B: 60, C: 40 }", "tiers: { A: 85, B: 60, C: 40 }");

  it("shows re-weighted criteria, moved tiers, and the prospects that change tier with the criteria that moved them", async () => {
    const { readFileSync } = await import("node:fs");
    const dir = tempDir({ "new.yaml": changed(readFileSync(B2B, "utf8")) });
    const r = await runCli(["diff", B2B, "new.yaml", "--on", B2B_CSV], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("~ criterion web-traffic: weight 5 -> 25");
    expect(r.stdout).toContain("~ tier A: 80 -> 85");
    expect(r.stdout).toMatch(/prospects: 35; \d+ change tier, \d+ change score/);
    expect(r.stdout).toMatch(/tier changes: .*A -> B: \d+/);
    expect(r.stdout).toMatch(/furniture-importers\.prospects\.csv:\d+ .+: A [\d.]+ -> B [\d.]+ \(web-traffic [+-][\d.]+/);
    const gate = await runCli(["diff", B2B, "new.yaml", "--on", B2B_CSV, "--fail-on-change", "--format", "json"], { cwd: dir });
    expect(gate.code).toBe(3);
    const doc = JSON.parse(gate.stdout);
    expect(doc.changes).toEqual([
      { kind: "changed", what: "criterion", id: "web-traffic", detail: "weight 5 -> 25" },
      { kind: "changed", what: "tier", id: "A", detail: "80 -> 85" },
    ]);
    const sum = doc.prospects.transitions.reduce((s: number, t: { count: number }) => s + t.count, 0);
    expect(sum).toBe(35);
  });

  it("handles an empty prospect file: a warning and no prospects", async () => {
    const dir = tempDir({ "empty.csv": "" });
    const r = await runCli(["diff", B2B, B2B, "--on", "empty.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("empty.csv: warning: the file is empty: no header row, no rows");
    expect(r.stdout).toContain("prospects: 0; 0 change tier, 0 change score");
  });

  it("says when two portraits are the same, and lists set changes value by value", async () => {
    const same = await runCli(["diff", B2B, B2B, "--on", B2B_CSV]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("the portraits are the same");
    expect(same.stdout).toContain("prospects: 35; 0 change tier, 0 change score");
    const dir = tempDir({
      "a.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE, FR], weight: 1 }\n  - { id: k, field: notes, keywords: [sofa], weight: 1 }\n",
      "b.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE, PL], weight: 1 }\n  - { id: n, field: notes, keywords: [sofa], weight: 1 }\n",
    });
    const r = await runCli(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    expect(r.stdout).toContain("~ criterion c: in +PL -FR");
    expect(r.stdout).toContain("- criterion k: weight 1 on notes");
    expect(r.stdout).toContain("+ criterion n: weight 1 on notes");
  });

  it("shows segment, channel and segment_rule changes, and counts prospects that change segment", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(B2B, "utf8");
    const changed = text.replace("segment_rule: first", "segment_rule: best").replace("channels: [linkedin, email]", "channels: [email, linkedin]").replace("{ id: phone, label: phone, needs: phone, content: call script }", "{ id: phone, label: phone, needs: phone, content: short call script }");
    const dir = tempDir({ "new.yaml": changed });
    const r = await runCli(["diff", B2B, "new.yaml", "--on", B2B_CSV], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("~ portrait segment_rule: first -> best");
    expect(r.stdout).toContain('~ segment importer-distributor: channels ["linkedin","email"] -> ["email","linkedin"]');
    expect(r.stdout).toContain("~ channel phone: content call script -> short call script");
    expect(r.stdout).not.toContain("the portraits are the same");
  });

  it("compares country sets by code: Germany -> DE is no change, Germany -> PL is", async () => {
    const dir = tempDir({
      "a.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [Germany, France], weight: 1 }\n",
      "b.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE, FRA], weight: 1 }\n",
      "c.yaml": "name: t\ncriteria:\n  - { id: c, field: country, in: [DE, Polska], weight: 1 }\n",
    });
    const same = await runCli(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    expect(same.stdout).toContain("the portraits are the same");
    const moved = await runCli(["diff", "a.yaml", "c.yaml"], { cwd: dir });
    expect(moved.stdout).toContain("~ criterion c: in +PL -FR");
  });
});
