/**
 * A self-contained HTML report: one file, no network, readable on screen and on an A4 page.
 *
 * Pure: no I/O, no clock, no randomness, no locale-dependent formatting; the same data gives
 * byte-identical HTML. Every string from the data is escaped (names come from untrusted CSV files),
 * and a Content-Security-Policy meta tag forbids scripts and every request besides inline styles and
 * data: images, as a second guard.
 *
 * The charts are small hand-made SVGs (axes, gridlines, labels, legends) rather than vega-lite:
 * vega renders only asynchronously (View.toSVG() returns a Promise: its dataflow evaluation is an
 * async function), which cannot back a synchronous `renderReport(data): string`, and it would add
 * some 80 packages (19 MB) to the CLI's runtime dependencies for five bar charts.
 */

export interface ReportData {
  title: string;                       // portrait name
  portrait: { name: string; version: string; file: string; sha256: string };
  inputs: Array<{ file: string; rows: number; rejected: number }>;
  asOf: string | null;                 // YYYY-MM-DD or null
  generatedBy: string;                 // e.g. "portrait 0.1.0" (no timestamps!)
  counts: { read: number; scored: number; rejected: number; disqualified: number };
  tiers: Array<{ tier: string; count: number }>;          // in tier order incl. X
  segments: Array<{ segment: string; count: number; tiers: Record<string, number> }>; // may be empty
  scoreHistogram: Array<{ from: number; to: number; count: number }>;  // 10 bins 0-10 ... 90-100
  criteria: Array<{ id: string; label: string; weight: number; pointsShare: number /* 0..1 share of all points awarded */; coverage: number /* 0..1 rows with data */ }>;
  channels: Array<{ channel: string; activity: string | null; count: number }>;   // may be empty
  top: Array<{ rank: number; name: string; score: number; tier: string; segment: string | null; channel: string | null; reasons: string }>;
}

/** The policy of the report's meta tag: nothing may load or run but inline styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** At most this many rows are drawn in a row chart; the table below it lists them all. */
const MAX_ROWS = 20;
const MAX_CRITERIA_ROWS = 30;

// ---------------------------------------------------------------------------------------------
// Text: clean, escape, format.

/**
 * Makes untrusted text safe to show: lone surrogates, control characters and noncharacters become
 * U+FFFD (tab, CR and LF become a space), so no byte of the input reaches the page unexamined.
 */
export function cleanText(value: string): string {
  return String(value)
    .replace(/[\t\n\r]/g, " ")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[\u0000-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g, "\uFFFD");
}

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return cleanText(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const esc = escapeHtml;

/** A finite number or 0. */
function finite(n: number): number {
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

/** A count: a whole number, thousands grouped with a comma (never the locale's separators). */
function fmtCount(n: number): string {
  const v = Math.round(finite(n));
  const s = String(Math.abs(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return v < 0 ? `-${s}` : s;
}

/** A number with at most `digits` decimals and no trailing zeros: 98.5, 100, 0.3. */
function fmtNum(n: number, digits = 1): string {
  const s = finite(n).toFixed(digits);
  const t = s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  return t === "-0" ? "0" : t;
}

/** A 0..1 share as a percentage: 0.245 -> "24.5%". */
function fmtPct(share: number): string {
  return `${fmtNum(finite(share) * 100, 1)}%`;
}

/** An SVG coordinate: at most one decimal. */
function c(n: number): string {
  return fmtNum(n, 1);
}

/** Roughly how wide a label is at 11px sans-serif; wide (CJK) characters count almost double. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 11 : 6.2;
  return w;
}

/** Shortens a label to about `maxWidth` pixels, ending it with an ellipsis when cut. */
function fit(text: string, maxWidth: number): string {
  const clean = cleanText(text);
  if (textWidth(clean) <= maxWidth) return clean;
  let out = "";
  for (const ch of clean) {
    if (textWidth(out + ch) > maxWidth - 6.2) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Colours: Okabe-Ito, told apart by people with colour vision deficiencies and in grey print.

const TIER_PALETTE = ["#009E73", "#0072B2", "#E69F00", "#999999", "#56B4E9", "#CC79A7", "#8C6D31", "#6B6ECF"];
const DISQUALIFIED_COLOUR = "#D55E00";
const SERIES = { primary: "#0072B2", secondary: "#E69F00" };

/** The tiers in the report's order, then any tier a segment names that the tier list lacks, sorted. */
function tierOrder(data: ReportData): string[] {
  const order = data.tiers.map((t) => t.tier);
  const seen = new Set(order);
  const extra: string[] = [];
  for (const s of data.segments) {
    for (const k of Object.keys(s.tiers)) {
      if (!seen.has(k)) {
        seen.add(k);
        extra.push(k);
      }
    }
  }
  extra.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...order, ...extra];
}

function tierColours(order: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  let i = 0;
  for (const t of order) {
    if (t === "X") map.set(t, DISQUALIFIED_COLOUR);
    else map.set(t, TIER_PALETTE[i++ % TIER_PALETTE.length] ?? "#999999");
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Scales.

interface Ticks {
  lo: number;
  hi: number;
  values: number[];
}

/**
 * Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten; whole steps for counts.
 * With `tightLo`, a negative lo is not rounded out to a whole step (a -4% bar should not cost the
 * chart half its width): the domain ends just past it and the steps are chosen from 0 to hi.
 */
function niceTicks(lo: number, hi: number, target: number, whole: boolean, tightLo = false): Ticks {
  let a = Math.min(finite(lo), 0);
  let b = Math.max(finite(hi), a);
  if (b - a <= 0) b = a + (whole ? 1 : 0.1);
  const tight = tightLo && a < 0 && b > 0;
  const raw = (tight ? b : b - a) / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const r = raw / pow;
  let step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * pow;
  if (whole) step = Math.max(1, Math.round(step));
  const first = Math.floor(a / step + 1e-9);
  const last = Math.ceil(b / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(10)));
  const domainLo = tight ? a - (b - a) * 0.03 : first * step;
  return {
    lo: Number(domainLo.toFixed(10)),
    hi: Number((last * step).toFixed(10)),
    values: values.filter((v) => v >= domainLo),
  };
}

// ---------------------------------------------------------------------------------------------
// Charts.

const CHART_WIDTH = 680; // fits the 186 mm of an A4 page with 12 mm margins at 96 dpi

function svgOpen(width: number, height: number, cls: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${cls}" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" aria-label="${esc(description)}"><title>${esc(description)}</title>`
  );
}

interface Column {
  label: string;
  value: number;
  colour: string;
  tip: string;
}

/**
 * A column chart: vertical bars over categories, or a histogram when `edges` (one more than the
 * bars) label the boundaries between contiguous bars.
 */
function columnChart(opts: {
  cls: string;
  description: string;
  columns: Column[];
  xTitle: string;
  yTitle: string;
  edges?: string[];
}): string {
  const width = CHART_WIDTH;
  const height = 250;
  const m = { top: 18, right: 16, bottom: 46, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const max = Math.max(0, ...opts.columns.map((col) => finite(col.value)));
  const ticks = niceTicks(0, max, 5, true);
  const y = (v: number) => m.top + plotH - ((Math.max(0, finite(v)) - ticks.lo) / (ticks.hi - ticks.lo)) * plotH;
  const n = Math.max(1, opts.columns.length);
  const band = plotW / n;
  const histogram = opts.edges !== undefined;
  const pad = histogram ? 0.5 : Math.min(band * 0.2, 24);
  const parts: string[] = [svgOpen(width, height, opts.cls, opts.description)];

  parts.push(`<g class="grid">`);
  for (const t of ticks.values) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${c(y(t))}" y2="${c(y(t))}"/>`);
  }
  parts.push(`</g><g class="axis y-axis">`);
  for (const t of ticks.values) {
    parts.push(`<text x="${m.left - 6}" y="${c(y(t) + 4)}" text-anchor="end">${fmtCount(t)}</text>`);
  }
  parts.push(
    `<text class="axis-title" transform="translate(14 ${c(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${esc(opts.yTitle)}</text>`,
    `</g>`,
  );

  parts.push(`<g class="marks">`);
  opts.columns.forEach((col, i) => {
    const x0 = m.left + i * band + pad;
    const w = Math.max(0, band - 2 * pad);
    const top = y(col.value);
    const h = m.top + plotH - top;
    parts.push(
      `<g><title>${esc(col.tip)}</title><rect x="${c(x0)}" y="${c(top)}" width="${c(w)}" height="${c(h)}" fill="${col.colour}"/>`,
      `<text class="value" x="${c(x0 + w / 2)}" y="${c(top - 4)}" text-anchor="middle">${fmtCount(col.value)}</text></g>`,
    );
  });
  parts.push(`</g><g class="axis x-axis">`);
  parts.push(`<line class="domain" x1="${m.left}" x2="${width - m.right}" y1="${c(m.top + plotH)}" y2="${c(m.top + plotH)}"/>`);
  if (opts.edges) {
    opts.edges.forEach((e, i) => {
      const x = m.left + i * band;
      parts.push(
        `<line x1="${c(x)}" x2="${c(x)}" y1="${c(m.top + plotH)}" y2="${c(m.top + plotH + 4)}"/>`,
        `<text x="${c(x)}" y="${c(m.top + plotH + 16)}" text-anchor="middle">${esc(e)}</text>`,
      );
    });
  } else {
    opts.columns.forEach((col, i) => {
      const x = m.left + i * band + band / 2;
      parts.push(`<text x="${c(x)}" y="${c(m.top + plotH + 16)}" text-anchor="middle">${esc(fit(col.label, band - 4))}</text>`);
    });
  }
  parts.push(
    `<text class="axis-title" x="${c(m.left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${esc(opts.xTitle)}</text>`,
    `</g></svg>`,
  );
  return parts.join("");
}

interface Series {
  name: string;
  colour: string;
}

interface Row {
  label: string;
  values: number[]; // one per series
  tip: string;
}

/**
 * Horizontal bars, one row per item: one bar per series side by side ("group"), or the series
 * stacked into one bar ("stack"). Counts or 0..1 shares (drawn as percentages).
 */
function rowChart(opts: {
  cls: string;
  description: string;
  rows: Row[];
  series: Series[];
  mode: "group" | "stack";
  unit: "count" | "share";
  xTitle: string;
}): string {
  const { rows, series, mode, unit } = opts;
  const width = CHART_WIDTH;
  const legend = series.length > 1;
  const barH = mode === "stack" || series.length === 1 ? 16 : 10;
  const rowH = mode === "stack" ? 24 : series.length * barH + 10;
  const labelCol = Math.min(250, Math.max(60, Math.max(0, ...rows.map((r) => textWidth(cleanText(r.label)))) + 12));
  const m = { top: legend ? 30 : 10, right: 56, bottom: 40, left: labelCol };
  const plotW = width - m.left - m.right;
  const plotH = Math.max(1, rows.length) * rowH;
  const height = m.top + plotH + m.bottom;

  const totals = rows.map((r) => r.values.reduce((s, v) => s + Math.max(0, finite(v)), 0));
  const all = rows.flatMap((r) => r.values.map(finite));
  const hiData = mode === "stack" ? Math.max(0, ...totals) : Math.max(0, ...all);
  const loData = mode === "stack" ? 0 : Math.min(0, ...all);
  const ticks = unit === "share" ? niceTicks(loData, Math.max(1, hiData), 5, false, true) : niceTicks(loData, hiData, 5, true);
  const x = (v: number) => m.left + ((finite(v) - ticks.lo) / (ticks.hi - ticks.lo)) * plotW;
  const fmt = unit === "share" ? fmtPct : fmtCount;
  const parts: string[] = [svgOpen(width, height, opts.cls, opts.description)];

  if (legend) {
    let lx = m.left;
    parts.push(`<g class="legend">`);
    for (const s of series) {
      parts.push(
        `<rect x="${c(lx)}" y="8" width="12" height="12" fill="${s.colour}"/>`,
        `<text x="${c(lx + 16)}" y="18">${esc(s.name)}</text>`,
      );
      lx += 16 + textWidth(cleanText(s.name)) + 18;
    }
    parts.push(`</g>`);
  }

  parts.push(`<g class="grid">`);
  for (const t of ticks.values) {
    parts.push(`<line x1="${c(x(t))}" x2="${c(x(t))}" y1="${m.top}" y2="${c(m.top + plotH)}"/>`);
  }
  parts.push(`</g><g class="marks">`);
  rows.forEach((row, i) => {
    const y0 = m.top + i * rowH;
    parts.push(
      `<g><title>${esc(row.tip)}</title>`,
      `<text class="row-label" x="${m.left - 8}" y="${c(y0 + rowH / 2 + 4)}" text-anchor="end">${esc(fit(row.label, labelCol - 10))}</text>`,
    );
    if (mode === "stack") {
      let acc = 0;
      const by = y0 + (rowH - barH) / 2;
      row.values.forEach((v, j) => {
        const val = Math.max(0, finite(v));
        if (val <= 0) return;
        parts.push(
          `<rect x="${c(x(acc))}" y="${c(by)}" width="${c(x(acc + val) - x(acc))}" height="${barH}" fill="${series[j]?.colour ?? "#999999"}"/>`,
        );
        acc += val;
      });
      parts.push(`<text class="value" x="${c(x(acc) + 4)}" y="${c(by + barH / 2 + 4)}">${fmt(acc)}</text>`);
    } else {
      row.values.forEach((v, j) => {
        const val = finite(v);
        const by = y0 + 5 + j * barH;
        const a = x(Math.min(0, val));
        const b = x(Math.max(0, val));
        parts.push(
          `<rect x="${c(a)}" y="${c(by + 1)}" width="${c(b - a)}" height="${barH - 2}" fill="${series[j]?.colour ?? "#999999"}"/>`,
          `<text class="value" x="${c(b + 4)}" y="${c(by + barH / 2 + 3.5)}">${fmt(val)}</text>`,
        );
      });
    }
    parts.push(`</g>`);
  });
  parts.push(`</g><g class="axis x-axis">`);
  parts.push(`<line class="domain" x1="${c(x(0))}" x2="${c(x(0))}" y1="${m.top}" y2="${c(m.top + plotH)}"/>`);
  for (const t of ticks.values) {
    parts.push(`<text x="${c(x(t))}" y="${c(m.top + plotH + 15)}" text-anchor="middle">${fmt(t)}</text>`);
  }
  parts.push(
    `<text class="axis-title" x="${c(m.left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${esc(opts.xTitle)}</text>`,
    `</g></svg>`,
  );
  return parts.join("");
}

/** "a, b, c" for at most `max` items, then "and N more (see the table)". */
function listInWords(items: string[], max: number, sep = ", "): string {
  if (items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)}${sep}and ${items.length - max} more (see the table)`;
}

// ---------------------------------------------------------------------------------------------
// Sections.

function channelLabel(ch: { channel: string; activity: string | null }): string {
  return ch.activity === null || ch.activity === "" ? ch.channel : `${ch.channel}: ${ch.activity}`;
}

function cellOrDash(v: string | null): string {
  return v === null || v === "" ? `<span class="none">—</span>` : esc(v);
}

function shortHash(sha: string): string {
  const s = cleanText(sha);
  return s.length > 12 ? s.slice(0, 12) : s;
}

function header(data: ReportData): string {
  const p = data.portrait;
  const inputs =
    data.inputs.length === 0
      ? `<span class="none">none</span>`
      : `<ul class="inputs">${data.inputs
          .map(
            (f) =>
              `<li><code>${esc(f.file)}</code>: ${fmtCount(f.rows)} ${finite(f.rows) === 1 ? "row" : "rows"}, ${fmtCount(f.rejected)} rejected</li>`,
          )
          .join("")}</ul>`;
  const counts = data.counts;
  return [
    `<header>`,
    `<p class="kicker">Prospect report</p>`,
    `<h1>${esc(data.title)}</h1>`,
    `<dl class="provenance">`,
    `<dt>Portrait</dt><dd>${esc(p.name)}, version ${esc(p.version)}</dd>`,
    `<dt>Portrait file</dt><dd><code>${esc(p.file)}</code></dd>`,
    `<dt>SHA-256</dt><dd><code title="${esc(p.sha256)}">${esc(shortHash(p.sha256))}</code></dd>`,
    `<dt>Input files</dt><dd>${inputs}</dd>`,
    `<dt>As of</dt><dd>${data.asOf === null ? `<span class="none">not set</span>` : esc(data.asOf)}</dd>`,
    `<dt>Generated by</dt><dd>${esc(data.generatedBy)}</dd>`,
    `</dl>`,
    `<ul class="figures" aria-label="Counts">`,
    `<li><span class="figure">${fmtCount(counts.read)}</span> read</li>`,
    `<li><span class="figure">${fmtCount(counts.scored)}</span> scored</li>`,
    `<li><span class="figure">${fmtCount(counts.rejected)}</span> rejected</li>`,
    `<li><span class="figure">${fmtCount(counts.disqualified)}</span> disqualified</li>`,
    `</ul>`,
    `</header>`,
  ].join("\n");
}

function tierSection(data: ReportData, colours: Map<string, string>): string {
  const out = [`<section id="tiers" aria-labelledby="tiers-h">`, `<h2 id="tiers-h">Prospects by tier</h2>`];
  if (data.tiers.length === 0) {
    out.push(`<p class="empty">No tiers: no prospect was scored.</p>`, `</section>`);
    return out.join("\n");
  }
  const total = data.tiers.reduce((s, t) => s + Math.max(0, finite(t.count)), 0);
  const description = `Prospects per tier: ${data.tiers.map((t) => `${cleanText(t.tier)} ${fmtCount(t.count)}`).join(", ")}`;
  out.push(
    `<figure>`,
    columnChart({
      cls: "chart-tiers",
      description,
      columns: data.tiers.map((t) => ({
        label: t.tier,
        value: t.count,
        colour: colours.get(t.tier) ?? "#999999",
        tip: `${t.tier}: ${fmtCount(t.count)}`,
      })),
      xTitle: "tier",
      yTitle: "prospects",
    }),
    `</figure>`,
    `<table class="tiers-table"><caption>Prospects per tier</caption>`,
    `<thead><tr><th scope="col">Tier</th><th scope="col" class="num">Prospects</th><th scope="col" class="num">Share</th></tr></thead><tbody>`,
    ...data.tiers.map(
      (t) =>
        `<tr><th scope="row">${esc(t.tier)}${t.tier === "X" ? ` <span class="note">(disqualified)</span>` : ""}</th>` +
        `<td class="num">${fmtCount(t.count)}</td><td class="num">${total > 0 ? fmtPct(Math.max(0, finite(t.count)) / total) : "—"}</td></tr>`,
    ),
    `</tbody><tfoot><tr><th scope="row">Total</th><td class="num">${fmtCount(total)}</td><td></td></tr></tfoot></table>`,
    `</section>`,
  );
  return out.join("\n");
}

function segmentSection(data: ReportData, order: string[], colours: Map<string, string>): string {
  const out = [`<section id="segments" aria-labelledby="segments-h">`, `<h2 id="segments-h">Prospects by segment</h2>`];
  if (data.segments.length === 0) {
    out.push(`<p class="empty">No segments: the portrait defines none.</p>`, `</section>`);
    return out.join("\n");
  }
  const shown = data.segments.slice(0, MAX_ROWS);
  const words = data.segments.map((s) => {
    const parts = order.filter((t) => finite(s.tiers[t] ?? 0) > 0).map((t) => `${cleanText(t)} ${fmtCount(s.tiers[t] ?? 0)}`);
    return `${cleanText(s.segment)} ${fmtCount(s.count)}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
  });
  const description = `Prospects per segment, stacked by tier: ${listInWords(words, MAX_ROWS, "; ")}`;
  out.push(
    `<figure>`,
    rowChart({
      cls: "chart-segments",
      description,
      rows: shown.map((s, i) => ({ label: s.segment, values: order.map((t) => s.tiers[t] ?? 0), tip: words[i] ?? s.segment })),
      series: order.map((t) => ({ name: t, colour: colours.get(t) ?? "#999999" })),
      mode: "stack",
      unit: "count",
      xTitle: "prospects",
    }),
    ...(data.segments.length > MAX_ROWS ? [`<figcaption>The first ${MAX_ROWS} of ${data.segments.length} segments; the table lists them all.</figcaption>`] : []),
    `</figure>`,
    `<table class="segments-table"><caption>Prospects per segment and tier</caption>`,
    `<thead><tr><th scope="col">Segment</th><th scope="col" class="num">Prospects</th>${order
      .map((t) => `<th scope="col" class="num">${esc(t)}</th>`)
      .join("")}</tr></thead><tbody>`,
    ...data.segments.map(
      (s) =>
        `<tr><th scope="row">${esc(s.segment)}</th><td class="num">${fmtCount(s.count)}</td>${order
          .map((t) => `<td class="num">${fmtCount(s.tiers[t] ?? 0)}</td>`)
          .join("")}</tr>`,
    ),
    `</tbody></table>`,
    `</section>`,
  );
  return out.join("\n");
}

function histogramSection(data: ReportData): string {
  const out = [`<section id="scores" aria-labelledby="scores-h">`, `<h2 id="scores-h">Score distribution</h2>`];
  const bins = data.scoreHistogram;
  if (bins.length === 0) {
    out.push(`<p class="empty">No scores.</p>`, `</section>`);
    return out.join("\n");
  }
  const range = (b: { from: number; to: number }) => `${fmtNum(b.from)}–${fmtNum(b.to)}`;
  const description = `Score distribution, prospects per score range: ${bins.map((b) => `${range(b)}: ${fmtCount(b.count)}`).join("; ")}`;
  const edges = [...bins.map((b) => fmtNum(b.from)), fmtNum(bins[bins.length - 1]?.to ?? 100)];
  out.push(
    `<figure>`,
    columnChart({
      cls: "chart-histogram",
      description,
      columns: bins.map((b) => ({
        label: range(b),
        value: b.count,
        colour: SERIES.primary,
        tip: `score ${range(b)}: ${fmtCount(b.count)}`,
      })),
      xTitle: "score",
      yTitle: "prospects",
      edges,
    }),
    `</figure>`,
    `<table class="histogram-table compact"><caption>Prospects per score range</caption>`,
    `<thead><tr><th scope="col">Score</th>${bins.map((b) => `<th scope="col" class="num">${esc(range(b))}</th>`).join("")}</tr></thead>`,
    `<tbody><tr><th scope="row">Prospects</th>${bins.map((b) => `<td class="num">${fmtCount(b.count)}</td>`).join("")}</tr></tbody></table>`,
    `</section>`,
  );
  return out.join("\n");
}

function criteriaSection(data: ReportData): string {
  const out = [`<section id="criteria" aria-labelledby="criteria-h">`, `<h2 id="criteria-h">Criteria: share of points and data coverage</h2>`];
  if (data.criteria.length === 0) {
    out.push(`<p class="empty">No criteria.</p>`, `</section>`);
    return out.join("\n");
  }
  const name = (k: { id: string; label: string }) => (k.label === "" ? k.id : k.label);
  const words = data.criteria.map(
    (k) => `${cleanText(name(k))} ${fmtPct(k.pointsShare)} of points, ${fmtPct(k.coverage)} coverage`,
  );
  const description = `Share of all points awarded and data coverage per criterion: ${listInWords(words, MAX_CRITERIA_ROWS, "; ")}`;
  out.push(
    `<p>How much of all points awarded each criterion contributed, and how many rows had data for it.</p>`,
    `<figure>`,
    rowChart({
      cls: "chart-criteria",
      description,
      rows: data.criteria.slice(0, MAX_CRITERIA_ROWS).map((k, i) => ({
        label: name(k),
        values: [k.pointsShare, k.coverage],
        tip: words[i] ?? k.id,
      })),
      series: [
        { name: "share of points", colour: SERIES.primary },
        { name: "data coverage", colour: SERIES.secondary },
      ],
      mode: "group",
      unit: "share",
      xTitle: "share of points awarded / share of rows with data",
    }),
    ...(data.criteria.length > MAX_CRITERIA_ROWS ? [`<figcaption>The first ${MAX_CRITERIA_ROWS} of ${data.criteria.length} criteria; the table lists them all.</figcaption>`] : []),
    `</figure>`,
    `<table class="criteria-table"><caption>Criteria</caption>`,
    `<thead><tr><th scope="col">Criterion</th><th scope="col">Id</th><th scope="col" class="num">Weight</th>` +
      `<th scope="col" class="num">Share of points</th><th scope="col" class="num">Data coverage</th></tr></thead><tbody>`,
    ...data.criteria.map(
      (k) =>
        `<tr><th scope="row">${esc(name(k))}</th><td><code>${esc(k.id)}</code></td><td class="num">${fmtNum(k.weight, 2)}</td>` +
        `<td class="num">${fmtPct(k.pointsShare)}</td><td class="num">${fmtPct(k.coverage)}</td></tr>`,
    ),
    `</tbody></table>`,
    `</section>`,
  );
  return out.join("\n");
}

function channelSection(data: ReportData): string {
  const out = [`<section id="channels" aria-labelledby="channels-h">`, `<h2 id="channels-h">Channel plan</h2>`];
  if (data.channels.length === 0) {
    out.push(`<p class="empty">No channel plan: the portrait defines no channels.</p>`, `</section>`);
    return out.join("\n");
  }
  const words = data.channels.map((ch) => `${cleanText(channelLabel(ch))} ${fmtCount(ch.count)}`);
  const description = `Prospects per first channel and activity: ${listInWords(words, MAX_ROWS, "; ")}`;
  out.push(
    `<p>Each prospect's first channel and the activity it falls in.</p>`,
    `<figure>`,
    rowChart({
      cls: "chart-channels",
      description,
      rows: data.channels.slice(0, MAX_ROWS).map((ch, i) => ({ label: channelLabel(ch), values: [ch.count], tip: words[i] ?? "" })),
      series: [{ name: "prospects", colour: SERIES.primary }],
      mode: "group",
      unit: "count",
      xTitle: "prospects",
    }),
    ...(data.channels.length > MAX_ROWS ? [`<figcaption>The first ${MAX_ROWS} of ${data.channels.length} channels; the table lists them all.</figcaption>`] : []),
    `</figure>`,
    `<table class="channels-table"><caption>Prospects per first channel and activity</caption>`,
    `<thead><tr><th scope="col">Channel</th><th scope="col">Activity</th><th scope="col" class="num">Prospects</th></tr></thead><tbody>`,
    ...data.channels.map(
      (ch) => `<tr><th scope="row">${esc(ch.channel)}</th><td>${cellOrDash(ch.activity)}</td><td class="num">${fmtCount(ch.count)}</td></tr>`,
    ),
    `</tbody></table>`,
    `</section>`,
  );
  return out.join("\n");
}

function topSection(data: ReportData): string {
  const out = [`<section id="top" aria-labelledby="top-h">`, `<h2 id="top-h">Top prospects</h2>`];
  if (data.top.length === 0) {
    out.push(`<p class="empty">No prospects.</p>`, `</section>`);
    return out.join("\n");
  }
  out.push(
    `<table class="top-table"><caption>The ${fmtCount(data.top.length)} highest-ranked prospects, with the reasons for their scores</caption>`,
    `<thead><tr><th scope="col" class="num">Rank</th><th scope="col">Prospect</th><th scope="col" class="num">Score</th>` +
      `<th scope="col">Tier</th><th scope="col">Segment</th><th scope="col">First channel</th><th scope="col">Reasons</th></tr></thead><tbody>`,
    ...data.top.map(
      (p) =>
        `<tr><td class="num">${fmtCount(p.rank)}</td><th scope="row">${esc(p.name)}</th><td class="num">${fmtNum(p.score)}</td>` +
        `<td>${esc(p.tier)}</td><td>${cellOrDash(p.segment)}</td><td>${cellOrDash(p.channel)}</td><td class="reasons">${esc(p.reasons)}</td></tr>`,
    ),
    `</tbody></table>`,
    `</section>`,
  );
  return out.join("\n");
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: #1a1a1a; background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #d0d0d0; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: #555; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.none, .note { color: #666; }
.empty { font-style: italic; color: #444; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; }
ul.inputs { margin: 0; padding-left: 1.1rem; }
ul.figures { list-style: none; display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; margin: 0; }
ul.figures li { border: 1px solid #ccc; border-radius: 4px; padding: .35rem .8rem; }
.figure { font-size: 1.3rem; font-weight: 700; margin-right: .2rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: 1rem 0 0; list-style: none; }
nav a { color: #0b5394; }
figure { margin: .75rem 0; }
figcaption { font-size: .85rem; color: #444; }
svg.chart { display: block; max-width: 100%; height: auto; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg.chart text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; fill: #222; }
svg.chart text.axis-title { font-weight: 600; fill: #444; }
svg.chart text.value { fill: #333; }
svg.chart .grid line { stroke: #e4e4e4; stroke-width: 1; }
svg.chart .axis line { stroke: #666; stroke-width: 1; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; }
tbody th { font-weight: 600; }
tfoot th, tfoot td { border-top: 2px solid #999; border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.top-table { width: 100%; }
td.reasons { font-size: .85em; color: #333; }
footer { margin-top: 2rem; font-size: .8rem; color: #555; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, svg.chart, table.compact, tr, header { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  ul.figures li { border-color: #999; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Renders the whole report. Pure: same data, same bytes. */
export function renderReport(data: ReportData): string {
  const order = tierOrder(data);
  const colours = tierColours(order);
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="color-scheme" content="light">`,
    `<meta name="generator" content="${esc(data.generatedBy)}">`,
    `<title>${esc(data.title)}: prospect report</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    header(data),
    `<nav aria-label="Sections"><ol>` +
      `<li><a href="#tiers">Tiers</a></li><li><a href="#segments">Segments</a></li><li><a href="#scores">Scores</a></li>` +
      `<li><a href="#criteria">Criteria</a></li><li><a href="#channels">Channel plan</a></li><li><a href="#top">Top prospects</a></li>` +
      `</ol></nav>`,
    `<main>`,
    tierSection(data, colours),
    segmentSection(data, order, colours),
    histogramSection(data),
    criteriaSection(data),
    channelSection(data),
    topSection(data),
    `</main>`,
    `<footer>${esc(data.generatedBy)}. Portrait <code>${esc(shortHash(data.portrait.sha256))}</code>${
      data.asOf === null ? "" : `, as of ${esc(data.asOf)}`
    }.</footer>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
