import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanText, escapeHtml, renderReport, type ReportData } from "../../src/report/html.js";
import { sampleReport } from "./sample-report.js";

const HOSTILE = `<script>alert(1)</script> "Quote" & 'Sons'\u0007\u0000 Ltd`;

/** The sample run with this file's top prospects. */
function sample(): ReportData {
  return sampleReport([
    { rank: 1, name: "Atlantic Home Imports, Inc.", score: 100, tier: "A", segment: "Trade", channel: "email: catalogue", reasons: "target market (US) +19; trade buyer (distributor, importer) +19; buys furniture (chairs) +9.5" },
    { rank: 2, name: "Gulf Coast Hospitality Supply", score: 99.8, tier: "A", segment: "Projects", channel: "email: catalogue", reasons: "target market (US) +19.1; trade buyer (distributor) +19; decision maker (procurement) +14.3" },
    { rank: 3, name: HOSTILE, score: 98.8, tier: "A", segment: "Trade", channel: "LinkedIn: case study", reasons: `decision maker ("owner") +14.3 & <b>more</b>` },
    { rank: 4, name: "Möbelhaus Krüger GmbH", score: 98.3, tier: "A", segment: "Trade", channel: "email: catalogue", reasons: "target market (DE) +19; trade buyer (wholesaler) +19" },
    { rank: 5, name: "Lone Star Furniture Outlet", score: 54.7, tier: "C", segment: null, channel: null, reasons: "target market (US) +19; retail-only seller (retail store) -9.5" },
  ]);
}

const svgs = (html: string) => html.match(/<svg\b[^>]*>/g) ?? [];
const ariaLabels = (html: string) => svgs(html).map((s) => /aria-label="([^"]*)"/.exec(s)?.[1] ?? "");
const tableRows = (html: string, cls: string) => {
  const table = new RegExp(`<table class="${cls}[^"]*">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? "";
  return body.match(/<tr>/g)?.length ?? 0;
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("escaping", () => {
  it("escapes the five HTML specials and replaces control characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(cleanText("a\u0000b\u0007c\u001Fd\u007Fe\u0085f")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    expect(cleanText("line\r\nbreak\ttab")).toBe("line  break tab");
    expect(cleanText("lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00")).toBe("lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00");
  });

  it("never lets a hostile name become markup", () => {
    const html = renderReport(sample());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<b>more</b>");
    expect(html).not.toContain("\u0007");
    expect(html).not.toContain("\u0000");
    expect(html).toContain(
      "<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quote&quot; &amp; &#39;Sons&#39;\uFFFD\uFFFD Ltd</th>",
    );
    expect(html).toContain("decision maker (&quot;owner&quot;) +14.3 &amp; &lt;b&gt;more&lt;/b&gt;");
  });

  it("escapes every string field, in text and in attributes", () => {
    const d = sample();
    const evil = `"><script>alert(2)</script><x y='`;
    d.title = evil;
    d.portrait = { name: evil, version: evil, file: evil, sha256: evil };
    d.inputs = [{ file: evil, rows: 1, rejected: 0 }];
    d.asOf = evil;
    d.generatedBy = evil;
    d.tiers = [{ tier: evil, count: 1 }, ...d.tiers];
    d.segments = [{ segment: evil, count: 1, tiers: { [evil]: 1 } }];
    d.criteria = [{ id: evil, label: evil, weight: 1, pointsShare: 1, coverage: 1 }];
    d.channels = [{ channel: evil, activity: evil, count: 1 }];
    d.top = [{ rank: 1, name: evil, score: 1, tier: evil, segment: evil, channel: evil, reasons: evil }];
    const html = renderReport(d);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<x y=");
    // Every attribute value is a quoted run without a raw quote: nothing broke out of one.
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
      expect(tag.replace(/\s[a-z][a-z0-9:-]*="[^"]*"/gi, "").replace(/\s*\/?>$/, ">")).toMatch(/^<[a-z0-9]+>$/i);
    }
  });

  it("prints non-finite numbers as numbers", () => {
    const d = sample();
    d.counts.read = Number.NaN;
    d.criteria[0]!.pointsShare = Number.POSITIVE_INFINITY;
    d.top[0]!.score = Number.NaN;
    const html = renderReport(d);
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});

describe("determinism", () => {
  it("gives byte-identical HTML for the same data, whatever the clock, without randomness", () => {
    const random = vi.spyOn(Math, "random");
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
    const a = renderReport(sample());
    vi.setSystemTime(new Date("2031-07-15T13:45:00Z"));
    const b = renderReport(structuredClone(sample()));
    expect(b).toBe(a);
    expect(random).not.toHaveBeenCalled();
  });

  it("uses only fixed ids", () => {
    const ids = [...renderReport(sample()).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      "tiers", "tiers-h", "segments", "segments-h", "scores", "scores-h",
      "criteria", "criteria-h", "channels", "channels-h", "top", "top-h",
    ]);
  });

  it("does not depend on the order of a segment's tier keys", () => {
    const d = sample();
    const e = sample();
    e.segments = e.segments.map((s) => ({ ...s, tiers: Object.fromEntries(Object.entries(s.tiers).reverse()) }));
    expect(renderReport(e)).toBe(renderReport(d));
  });
});

describe("document", () => {
  const html = renderReport(sample());

  it("is one self-contained, script-free file", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`,
    );
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\s(src|srcset)=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    // The only links are in-page anchors.
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z]+$/);
    expect(html).toContain("@media print");
    expect(html).toContain("@page { size: A4;");
  });

  it("has the provenance header", () => {
    expect(html).toContain("<h1>EU &amp; North America furniture importers</h1>");
    expect(html).toContain("EU &amp; North America furniture importers, version 3");
    expect(html).toContain("<code>portraits/furniture-importers.yaml</code>");
    expect(html).toContain(`<code title="9f2c4e1a7b3d5f60e8a1c2b3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8">9f2c4e1a7b3d</code>`);
    expect(html).toContain("<code>leads/trade-fair-2026.csv</code>: 30 rows, 1 rejected");
    expect(html).toContain("<code>leads/linkedin-export.csv</code>: 7 rows, 1 rejected");
    expect(html).toContain("<dt>As of</dt><dd>2026-03-01</dd>");
    expect(html).toContain("<dt>Generated by</dt><dd>portrait 0.1.0</dd>");
    expect(html).toMatch(/37<\/span> read.*35<\/span> scored.*2<\/span> rejected.*4<\/span> disqualified/s);
    const noDate = renderReport({ ...sample(), asOf: null });
    expect(noDate).toContain(`<dt>As of</dt><dd><span class="none">not set</span></dd>`);
  });

  it("has every section, a chart in each and its table", () => {
    for (const h of [
      "Prospects by tier",
      "Prospects by segment",
      "Score distribution",
      "Criteria: share of points and data coverage",
      "Channel plan",
      "Top prospects",
    ]) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z]+-h">${h}</h2>`));
    }
    const tags = svgs(html);
    expect(tags.map((t) => /class="chart (chart-[a-z]+)"/.exec(t)?.[1])).toEqual([
      "chart-tiers", "chart-segments", "chart-histogram", "chart-criteria", "chart-channels",
    ]);
    for (const t of tags) expect(t).toContain(`role="img"`);
    // Each chart names itself in a <title>, the same words as its aria-label, and draws bars.
    for (const chart of html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []) {
      const label = /aria-label="([^"]*)"/.exec(chart)?.[1];
      expect(chart).toContain(`<title>${label}</title>`);
      expect(chart).toMatch(/<rect\b[^>]*\bheight="[1-9]/);
      expect(chart).toMatch(/<line\b/);
    }
    expect(tableRows(html, "tiers-table")).toBe(5);
    expect(tableRows(html, "segments-table")).toBe(3);
    expect(tableRows(html, "histogram-table")).toBe(1);
    expect(tableRows(html, "criteria-table")).toBe(10);
    expect(tableRows(html, "channels-table")).toBe(4);
    expect(tableRows(html, "top-table")).toBe(5);
    expect(html).not.toMatch(/<th>/); // every header cell has a scope
    expect(html.match(/<th scope="(col|row)"/g)?.length).toBe(html.match(/<th\b/g)?.length);
  });

  it("says so when there are no segments and no channel plan", () => {
    const d = sample();
    d.segments = [];
    d.channels = [];
    d.top = d.top.map((p) => ({ ...p, segment: null, channel: null }));
    const out = renderReport(d);
    expect(out).toContain(`<p class="empty">No segments: the portrait defines none.</p>`);
    expect(out).toContain(`<p class="empty">No channel plan: the portrait defines no channels.</p>`);
    expect(out).not.toContain("segments-table");
    expect(out).not.toContain("channels-table");
    expect(svgs(out).map((t) => /class="chart (chart-[a-z]+)"/.exec(t)?.[1])).toEqual([
      "chart-tiers", "chart-histogram", "chart-criteria",
    ]);
    expect(out).toMatch(/<h2 id="segments-h">Prospects by segment<\/h2>/);
    expect(out).toMatch(/<h2 id="channels-h">Channel plan<\/h2>/);
  });

  it("survives no prospects at all", () => {
    const d = sample();
    d.tiers = [];
    d.segments = [];
    d.criteria = [];
    d.channels = [];
    d.top = [];
    d.scoreHistogram = d.scoreHistogram.map((b) => ({ ...b, count: 0 }));
    const out = renderReport(d);
    expect(out).toContain("No tiers: no prospect was scored.");
    expect(out).toContain("No prospects.");
    expect(svgs(out)).toHaveLength(1); // the (empty) histogram still shows its axes
  });
});

describe("alt text", () => {
  const labels = ariaLabels(renderReport(sample()));

  it("describes each chart's numbers in words", () => {
    expect(labels[0]).toBe("Prospects per tier: A 9, B 7, C 11, D 4, X 4");
    expect(labels[1]).toBe(
      "Prospects per segment, stacked by tier: Trade 16 (A 6, B 4, C 4, D 1, X 1); " +
        "Retail 11 (A 1, B 1, C 5, D 2, X 2); Projects 8 (A 2, B 2, C 2, D 1, X 1)",
    );
    expect(labels[2]).toBe(
      "Score distribution, prospects per score range: 0–10: 4; 10–20: 1; 20–30: 1; 30–40: 2; 40–50: 5; " +
        "50–60: 6; 60–70: 3; 70–80: 4; 80–90: 4; 90–100: 5",
    );
    expect(labels[3]).toContain("Share of all points awarded and data coverage per criterion: target market 23.5% of points, 100% coverage; ");
    expect(labels[3]).toContain("web traffic 3% of points, 49% coverage");
    expect(labels[3]).toContain("retail-only seller -4% of points, 97% coverage");
    expect(labels[4]).toBe(
      "Prospects per first channel and activity: email: catalogue 14; LinkedIn: case study 8; phone 3; research: find the official website 6",
    );
  });

  it("escapes and caps long descriptions", () => {
    const d = sample();
    d.channels = Array.from({ length: 25 }, (_, i) => ({ channel: `c${i} <&>`, activity: null, count: 25 - i }));
    const html = renderReport(d);
    const label = ariaLabels(html)[4] ?? "";
    expect(label).toContain("c0 &lt;&amp;&gt; 25; ");
    expect(label).toMatch(/c19 &lt;&amp;&gt; 6; and 5 more \(see the table\)$/);
    expect(html).toContain("The first 20 of 25 channels; the table lists them all.");
    expect(tableRows(html, "channels-table")).toBe(25);
  });

  it("shortens long chart labels but keeps them whole in the table", () => {
    const d = sample();
    const long = "Very long segment name for hospitality and contract furniture projects in Scandinavia";
    d.segments[0]!.segment = long;
    const html = renderReport(d);
    const chart = /<svg\b[^>]*chart-segments[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(chart).toMatch(/class="row-label"[^>]*>Very long segment name[^<]*…<\/text>/);
    expect(html).toContain(`<th scope="row">${long}</th>`);
  });
});
