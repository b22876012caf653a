import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { B2B, B2B_CSV, B2C, B2C_CSV, runCli, tempDir } from "../helpers.js";

const rowsOf = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

describe("segments and the channel plan through score", () => {
  it("gives every B2B prospect a segment, a first channel and a next step; the summary counts segments", async () => {
    const r = await runCli(["score", B2B_CSV, "-p", B2B, "--as-of", "2026-04-20"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsOf(r.stdout);
    const by = (name: string) => rows.find((x) => x["Company Name"] === name)!;
    expect(by("Möbelhaus Krüger GmbH")).toMatchObject({ segment: "wholesaler", channel: "email", next_step: "email: invitation to our Canton Fair booth (Canton Fair, 15 Apr-5 May); then phone: call script" });
    expect(by("Dublin Contract Interiors Ltd")).toMatchObject({ segment: "contract", channel: "phone" });
    expect(by("Pacific Rim Decor LLC")).toMatchObject({ channel: "research", next_step: "research: find the official website; then email: invitation to our Canton Fair booth (Canton Fair, 15 Apr-5 May)" });
    expect(by("Oak & Iron Trading Ltd").next_step).toContain("(free-mail address)");
    expect(by("Old Town Antiques").segment).toBe("unassigned");
    expect(rows.every((x) => Number(x.confidence) >= 0 && Number(x.confidence) <= 1)).toBe(true);
    expect(r.stderr).toContain("segments: contract 6, wholesaler 8, importer-distributor 13, retail 5, unassigned 3; 5 fit several (placed by segment_rule first)");
  });

  it("applies activities only inside their dates and says when --as-of is missing", async () => {
    const before = rowsOf((await runCli(["score", B2B_CSV, "-p", B2B, "--as-of", "2026-04-14"])).stdout);
    expect(before.find((x) => x["Company Name"] === "Möbelhaus Krüger GmbH")!.next_step).toBe("email: intro email with catalogue; then phone: call script");
    const none = await runCli(["score", B2B_CSV, "-p", B2B]);
    expect(none.stderr).toContain("portrait: warning: the channel plan has 2 dated activities; give --as-of DATE to apply them (portrait never reads the clock)");
  });

  it("scores a consumer with the persona's weights and extra criteria, social channels first", async () => {
    const r = await runCli(["score", B2C_CSV, "-p", B2C, "--as-of", "2026-06-01", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout).results as Array<{ record: Record<string, string>; segment: { id: string; why: string }; channel: string; next_step: string; contributions: Array<{ id: string }> }>;
    const who = (n: string) => results.find((x) => x.record["Full Name"] === n)!;
    expect(who("Lena Hoffmann").segment).toMatchObject({ id: "trail-explorer", why: "interests hiking, climbing, klettern" });
    expect(who("Lena Hoffmann").channel).toBe("instagram");
    expect(who("Aiko Tanaka").next_step).toBe("Strava: club challenge; then email: repair-guide newsletter (free-mail address)");
    expect(who("Maya Johnson")).toMatchObject({ segment: { id: "weekend-camper" }, channel: "tiktok" });
    expect(who("Priya Sharma").segment.id).toBe("urban-wellbeing");
    expect(who("Priya Sharma").contributions.map((c) => c.id)).toContain("quality-minded");
    expect(who("Tom Becker").segment.id).toBe("unassigned");
    expect(new Set(results.map((x) => x.segment.id)).size).toBe(4);
  });

  it("warns about segments with no prospects in the run", async () => {
    const dir = tempDir({ "one.csv": `${readFileSync(B2B_CSV, "utf8").split("\n").slice(0, 2).join("\n")}\n` });
    const r = await runCli(["score", join(dir, "one.csv"), "-p", B2B]);
    expect(r.stderr).toContain('portrait: warning: segment "contract" has no prospects in this run');
    expect(r.stderr).toContain('portrait: warning: segment "retail" has no prospects in this run');
  });
});

describe("validate: segments and channels", () => {
  const base = "name: t\nfields: { country: [country], email: [email] }\ncriteria:\n  - { id: market, field: country, in: [DE], weight: 1 }\n";
  it("warns about a segment that can never match, and rejects unknown references with did-you-mean", async () => {
    const dir = tempDir({
      "p.yaml": `${base}segments:\n  - id: never\n    when:\n      - { field: country, in: [DE] }\n      - { field: country, in: [FR] }\n    weights: { markt: 2 }\n    channels: [emial]\nchannels:\n  use:\n    - { id: email, needs: email, content: hello }\n  activities:\n    - { id: fair, from: 2026-05-01, to: 2026-04-01, channels: [email, fax] }\n`,
    });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("p.yaml:8:7: segments[0].when: warning: segment \"never\" can never match: no value of country is in every `in` list and out of every `not_in` list");
    expect(r.stderr).toContain('segments[0].weights.markt: no criterion "markt"; did you mean "market"?');
    expect(r.stderr).toContain('segments[0].channels[0]: no channel "emial"; did you mean "email"?');
    expect(r.stderr).toContain("channels.activities[0].from: from (2026-05-01) is after to (2026-04-01)");
    expect(r.stderr).toContain('channels.activities[0].channels[1]: no channel "fax"');
  });

  it("does not call a segment impossible when its values differ only in case, accents or spaces", async () => {
    const dir = tempDir({ "p.yaml": `${base}segments:\n  - id: s1\n    when:\n      - { field: type, in: ["Café Bar"] }\n      - { field: type, in: ["cafe  bar"] }\n` });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("can never match");
  });

  it("warns about a criterion no segment lets count", async () => {
    const dir = tempDir({ "p.yaml": `${base}  - { id: extra, field: email, present: email, weight: 1 }\nsegments:\n  - { id: a, when: [{ field: country, in: [DE] }], weights: { extra: 0 } }\n  - { id: rest, weights: { extra: 0 } }\n` });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('criteria[1].id: warning: criterion "extra" has weight 0 in every segment, and every prospect gets a segment: it never counts');
  });

  it("gives did-you-mean for unknown keys inside segments and channels", async () => {
    const dir = tempDir({ "p.yaml": `${base}segments:\n  - { id: s, when: [{ field: country, in: [DE] }], mesage: hi }\nchannels:\n  use:\n    - { id: email, needs: email, contnet: hello }\n` });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/segments\[0\]\.mesage: unknown key.*did you mean "message"/);
    expect(r.stderr).toMatch(/channels\.use\[0\]\.contnet: unknown key.*did you mean "content"/);
  });
});

describe("portrait explain", () => {
  it("prints a card: criteria with values, segment with problems, channel plan, what would move it up", async () => {
    const r = await runCli(["explain", B2B_CSV, "-p", B2B, "--match", "lyon maison", "--as-of", "2026-04-20"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Lyon Maison Import  (");
    expect(r.stdout).toMatch(/score 67\.8, tier B, confidence \d(\.\d+)?/);
    expect(r.stdout).toMatch(/^purchase-volume +15 +€240\.000 +0\.52 +\+7\.5 +240k$/m); // a euro amount: the dot groups thousands
    expect(r.stdout).toContain("segment: Importers and distributors (importer-distributor): business_type importateur");
    expect(r.stdout).toContain("  problem: quality claims from the retailers it supplies");
    expect(r.stdout).toContain("  lead with: QC report with every shipment, samples in 10 days");
    expect(r.stdout).toMatch(/^target-market +20 +FRA +1\.00 +\+19 +FR$/m);
    expect(r.stdout).toContain("channel plan: first email; next step: email: invitation to our Canton Fair booth");
    expect(r.stdout).toMatch(/to reach A \(80\): meet [a-z-]+( \+ [a-z-]+)* -> [\d.]+/);
  });

  it("gives the move-up answer a hand computation gives, as JSON", async () => {
    const dir = tempDir({
      "p.yaml": "name: t\ncriteria:\n  - { id: market, field: country, in: [DE], weight: 40 }\n  - { id: trade, field: type, keywords: [wholesal*], weight: 40 }\n  - { id: traffic, field: visits, range: { min: 1000, ideal: 10000 }, weight: 20 }\ntiers: { A: 80, B: 50 }\n",
      "in.csv": "company,country,type,visits\nAcme,DE,,1000\nBeta,FR,retail,1000\n",
    });
    const r = await runCli(["explain", "in.csv", "-p", "p.yaml", "--row", "1", "--format", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const card = JSON.parse(r.stdout).cards[0];
    // 40 of 100; trade alone gives 80 (reaches B and even A), traffic alone 60: one criterion, the higher score.
    expect(card).toMatchObject({ name: "Acme", score: 40, tier: "D", move_up: { tier: { name: "B", min: 50 }, criteria: ["trade"], score: 80 } });
    expect(card.criteria[0]).toMatchObject({ id: "market", value: "DE", match: 1, points: 40 });
    const two = JSON.parse((await runCli(["explain", "in.csv", "-p", "p.yaml", "--match", "beta", "--format", "json"], { cwd: dir })).stdout).cards[0];
    expect(two.move_up).toMatchObject({ criteria: ["market", "trade"], score: 80 });
  });

  it("refuses a missing or doubled selector and a row past the end", async () => {
    expect((await runCli(["explain", B2B_CSV, "-p", B2B])).stderr).toContain("explain needs exactly one of --row N or --match TEXT");
    const past = await runCli(["explain", B2B_CSV, "-p", B2B, "--row", "99"]);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain("--row 99: the input has 35 readable prospects");
    const none = await runCli(["explain", B2B_CSV, "-p", B2B, "--match", "zzzz"]);
    expect(none.stderr).toContain('--match "zzzz": no prospect\'s name or cells contain it');
  });
});

describe("portrait report", () => {
  it("writes one self-contained HTML file with the run's provenance, and the same bytes each run", async () => {
    const dir = tempDir();
    const r = await runCli(["report", B2B_CSV, "-p", B2B, "--as-of", "2026-04-20", "-o", "r.html"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain("EU &amp; North America furniture importers");
    expect(html).toMatch(/<svg[^>]+role="img"/);
    expect(html).toContain("Prospects per tier: A 14, B 9, C 4, D 4, X 4");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const again = await runCli(["score", B2B_CSV, "-p", B2B, "--as-of", "2026-04-20", "--report", "r2.html", "-o", "out.csv"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "r2.html"), "utf8")).toBe(html);
    expect(again.stderr).toContain("; report in r2.html");
  });
});

describe("progress", () => {
  const big = `company,country,business type,monthly visits,website\n${Array.from({ length: 25_000 }, (_, i) => `Co ${i},DE,wholesale,${i},co${i}.de`).join("\n")}\n`;
  const portrait = "name: t\ncriteria:\n  - { id: m, field: country, in: [DE], weight: 1 }\n";
  it("shows rows read and the rate on a terminal's stderr, and clears the line", async () => {
    const dir = tempDir({ "p.yaml": portrait });
    const r = await runCli(["score", "-", "-p", "p.yaml", "-o", "out.csv"], { cwd: dir, stdin: big, stderrTty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\rportrait: 10,000 rows read \([\d,]+ rows\/s\)\u001b\[K\rportrait: 20,000 rows read/);
    expect(r.stderr).toContain("\r\u001b[K");
  });
  it("shows progress for portrait customs too", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `B${i},2025-0${1 + (i % 9)}-1${i % 10},BUYER ${i % 50} LTD,US,SUPPLIER ${i % 7} CO LTD,CN,940161,SOFA,1,100,1000`).join("\n");
    const dir = tempDir({ "ship.csv": `Bill of Lading,Arrival Date,Consignee,Consignee Country,Shipper,Shipper Country,HS Code,Product Description,Quantity,Weight (kg),Value (USD)\n${rows}\n` });
    const r = await runCli(["customs", "ship.csv", "-o", "out.csv"], { cwd: dir, stderrTty: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\rportrait: 10,000 rows read \([\d,]+ rows\/s\)/);
  });

  it("never in piped output", async () => {
    const dir = tempDir({ "p.yaml": portrait });
    const r = await runCli(["score", "-", "-p", "p.yaml", "-o", "out.csv"], { cwd: dir, stdin: big });
    expect(r.stderr).not.toContain("rows read");
    expect(r.stderr).not.toContain("\r");
  });
});
