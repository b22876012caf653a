/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Opens the rendered report in a real headless Chromium (puppeteer-core, which downloads nothing)
 * and checks what a reader would get: no errors, no requests, charts laid out, tables filled,
 * hostile names shown as text and never run.
 *
 * Needs a Chromium: /usr/bin/chromium (Debian: `apt-get install -y chromium`) or the binary named by
 * PORTRAIT_CHROMIUM. Without one the test fails: a silently skipped browser test proves nothing.
 * PORTRAIT_SCREENSHOT=/path/to.png also copies the screenshot there.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport, type ReportData } from "../../src/report/html.js";
import { sampleReport } from "./sample-report.js";

const HOSTILE = `<script>alert(1)</script> "Quote" & 'Sons'\u0007 Ltd`;

/** The sample run with this file's top prospects. */
function sample(): ReportData {
  return sampleReport([
    { rank: 1, name: "Atlantic Home Imports, Inc.", score: 100, tier: "A", segment: "Trade", channel: "email: catalogue", reasons: "target market (US) +19; trade buyer (distributor, importer) +19; buys furniture (chairs) +9.5; decision maker (sourcing) +14.3; company size (350.5) +9.5; web traffic (95k) +4.8; purchase volume (3.5M) +14.3; official website (present) +4.8; email (present) +4.8" },
    { rank: 2, name: "Gulf Coast Hospitality Supply", score: 99.8, tier: "A", segment: "Projects", channel: "email: catalogue", reasons: "target market (US) +19.1; trade buyer (distributor) +19; buys furniture (furniture, chairs, tables) +9.5; decision maker (procurement) +14.3" },
    { rank: 3, name: HOSTILE, score: 98.8, tier: "A", segment: "Trade", channel: "LinkedIn: case study", reasons: `decision maker ("owner") +14.3 & <img src=x onerror=alert(1)>` },
    { rank: 4, name: "Polska Meble Hurt Sp. z o.o.", score: 98.5, tier: "A", segment: "Trade", channel: "email: catalogue", reasons: "target market (PL) +19; trade buyer (wholesale, hurtownia) +19; buys furniture (chairs, cabinets) +9.5" },
    { rank: 5, name: "Möbelhaus Krüger GmbH", score: 98.3, tier: "A", segment: "Trade", channel: "email: catalogue", reasons: "target market (DE) +19; trade buyer (wholesaler) +19; buys furniture (sofas, chairs, upholstered) +9.5" },
    { rank: 6, name: "Dublin Contract Interiors Ltd", score: 92.7, tier: "A", segment: "Projects", channel: "LinkedIn: case study", reasons: "target market (IE) +19; trade buyer (importer) +19; decision maker (managing director) +14.3" },
    { rank: 7, name: "Quebec Meubles Distribution", score: 79.8, tier: "B", segment: "Trade", channel: "research: find the official website", reasons: "target market (CA) +19.1; trade buyer (distributeur) +19; buys furniture (meubles) +9.5" },
    { rank: 8, name: "Lone Star Furniture Outlet", score: 54.7, tier: "C", segment: "Retail", channel: null, reasons: "target market (US) +19; buys furniture (sofas) +9.5; retail-only seller (retail store) -9.5" },
  ]);
}

const CHROMIUM = process.env.PORTRAIT_CHROMIUM || "/usr/bin/chromium";
const NO_CHROMIUM =
  "no Chromium found: install it with `apt-get install -y chromium` (Debian) or set PORTRAIT_CHROMIUM";

const chromiumFound = existsSync(CHROMIUM);

// Fails, never skips, when there is no browser: register one failing test instead of the suite.
if (!chromiumFound) {
  it("finds a Chromium to open the report in", () => {
    throw new Error(`${NO_CHROMIUM} (looked for ${CHROMIUM})`);
  });
} else describe("the HTML report in a real browser", () => {
  let dir = "";
  let browser: Browser | undefined;
  let page: Page;
  let reportUrl = "";
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "portrait-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, renderReport(sample()));
    reportUrl = pathToFileURL(file).href;

    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, "profile")}`,
      ],
      timeout: 10_000,
    });
    page = await browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn") consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? "?"}`));
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    // Record alert() instead of showing it; injected by DevTools, so the page's CSP does not block it.
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __alerts: string[]; alert: (m?: unknown) => void };
      w.__alerts = [];
      w.alert = (m?: unknown) => void w.__alerts.push(String(m));
    });
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(reportUrl, { waitUntil: "load", timeout: 10_000 });
  }, 20_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("loads without console errors, page errors or any request besides the document", () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([reportUrl]);
  });

  it("shows the hostile name as text and never runs it", async () => {
    const state = await page.evaluate(() => ({
      alerts: (window as unknown as { __alerts: string[] }).__alerts,
      scripts: document.querySelectorAll("script").length,
      images: document.querySelectorAll("img").length,
      names: [...document.querySelectorAll("table.top-table tbody th")].map((th) => th.textContent ?? ""),
      lang: document.documentElement.lang,
      title: document.title,
    }));
    expect(state.alerts).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(state.scripts).toBe(0);
    expect(state.images).toBe(0);
    expect(state.names[2]).toBe(`<script>alert(1)</script> "Quote" & 'Sons'\uFFFD Ltd`);
    expect(state.lang).toBe("en");
    expect(state.title).toBe("EU & North America furniture importers: prospect report");
  });

  it("lays out every chart as an SVG image with bars", async () => {
    const charts = await page.$$eval("svg.chart", (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const bars = [...svg.querySelectorAll(".marks rect, .marks path")].filter((m) => {
          const b = m.getBoundingClientRect();
          return b.width > 0 && b.height > 0;
        });
        return {
          cls: svg.getAttribute("class"),
          role: svg.getAttribute("role"),
          label: svg.getAttribute("aria-label") ?? "",
          title: svg.querySelector(":scope > title")?.textContent ?? "",
          width: box.width,
          height: box.height,
          bars: bars.length,
        };
      }),
    );
    expect(charts.map((ch) => ch.cls)).toEqual([
      "chart chart-tiers",
      "chart chart-segments",
      "chart chart-histogram",
      "chart chart-criteria",
      "chart chart-channels",
    ]);
    for (const ch of charts) {
      expect(ch.role).toBe("img");
      expect(ch.width).toBeGreaterThan(0);
      expect(ch.height).toBeGreaterThan(0);
      expect(ch.bars).toBeGreaterThan(0);
      expect(ch.title).toBe(ch.label);
    }
    expect(charts[0]?.label).toBe("Prospects per tier: A 9, B 7, C 11, D 4, X 4");
    expect(charts[0]?.bars).toBe(5);
    expect(charts[1]?.bars).toBe(15); // 3 segments x 5 tiers, none empty
    expect(charts[2]?.bars).toBe(10);
    expect(charts[3]?.bars).toBe(20); // 10 criteria x (points, coverage)
    expect(charts[4]?.bars).toBe(4);
  });

  it("fills the tables", async () => {
    const rows = await page.evaluate(() => {
      const count = (cls: string) => document.querySelectorAll(`table.${cls} tbody tr`).length;
      const cells = (cls: string) =>
        [...document.querySelectorAll(`table.${cls} tbody tr`)].map((tr) =>
          [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim()),
        );
      return {
        tiers: cells("tiers-table"),
        segments: count("segments-table"),
        histogram: cells("histogram-table"),
        criteria: count("criteria-table"),
        channels: cells("channels-table"),
        top: count("top-table"),
        unscoped: document.querySelectorAll("th:not([scope])").length,
      };
    });
    expect(rows.tiers.map((r) => [r[0], r[1]])).toEqual([
      ["A", "9"], ["B", "7"], ["C", "11"], ["D", "4"], ["X (disqualified)", "4"],
    ]);
    expect(rows.segments).toBe(3);
    expect(rows.histogram).toEqual([["Prospects", "4", "1", "1", "2", "5", "6", "3", "4", "4", "5"]]);
    expect(rows.criteria).toBe(10);
    expect(rows.channels).toEqual([
      ["email", "catalogue", "14"],
      ["LinkedIn", "case study", "8"],
      ["phone", "—", "3"],
      ["research", "find the official website", "6"],
    ]);
    expect(rows.top).toBe(8);
    expect(rows.unscoped).toBe(0);
  });

  it("fits the charts on an A4 page in print", async () => {
    await page.emulateMediaType("print");
    await page.setViewport({ width: 703, height: 1000 }); // 210 mm - 2 x 12 mm at 96 dpi
    const widths = await page.$$eval("svg.chart", (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMediaType("screen");
    await page.setViewport({ width: 1100, height: 900 });
    for (const w of widths) expect(w).toBeLessThanOrEqual(703);
    expect(background).toBe("rgb(255, 255, 255)");
  });

  it("takes a screenshot", async () => {
    const png = join(dir, "report.png");
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(readFileSync(png).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    if (process.env.PORTRAIT_SCREENSHOT) copyFileSync(png, process.env.PORTRAIT_SCREENSHOT);
  });
});
