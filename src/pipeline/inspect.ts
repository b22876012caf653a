/**
 * `portrait inspect`: what a file holds, read once: its shape (delimiter, encoding, header row),
 * every column's fill rate and an example, whether it is a customs export (layout, column roles,
 * date format) and which portrait fields its columns feed.
 */
import { CUSTOMS_COLUMN_NAMES, customsHeaderScore, mapCustomsColumns, type CustomsColumn, type CustomsMapping } from "../customs/columns.js";
import { DateFormatDetector } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import type { CompiledPortrait } from "../engine/types.js";
import { isBlank } from "../engine/text.js";
import { checkEmail, checkSocial, checkWebsite } from "../contact/check.js";
import { isPhone } from "../contact/syntax.js";
import { inferType } from "../learn/fields.js";
import type { CsvOptions } from "../io/read-csv.js";
import { mapFields } from "../io/map-fields.js";
import { readTable, type TableSource } from "../io/read-table.js";

export interface ColumnReport {
  readonly name: string;
  filled: number;
  example: string;
  /** The customs column this is, if the file is a customs export. */
  customs: CustomsColumn | null;
  /** Portrait fields this column feeds. */
  fields: string[];
  /** What the values look like: number, date, email, url, social, phone, country, hs code, category, identifier, text, empty. */
  type: string;
  /** Up to three distinct values. */
  examples: string[];
}

export interface InspectReport {
  readonly file: string;
  delimiter: string;
  encoding: string;
  notes: string[];
  rows: number;
  rejected: number;
  columns: ColumnReport[];
  customs: { layout: string; dateFormat: string | null; dateProblem: string | null } | null;
  /** Portrait fields no column feeds. */
  unmappedFields: string[];
}

export async function inspectFile(source: TableSource, portrait: CompiledPortrait | null, customsSpec: CompiledCustoms, options: CsvOptions = {}): Promise<InspectReport> {
  const report: InspectReport = { file: source.name, delimiter: "", encoding: "", notes: [], rows: 0, rejected: 0, columns: [], customs: null, unmappedFields: [] };
  let mapping: CustomsMapping | null = null;
  let dates: DateFormatDetector | null = null;
  let dateCol = -1;
  let samples: string[][] = [];
  await readTable(source, {
    onHeader(h) {
      Object.assign(report, { delimiter: h.delimiter, encoding: h.encoding, notes: h.notes });
      report.columns = h.columns.map((name) => ({ name, filled: 0, example: "", customs: null, fields: [], type: "empty", examples: [] }));
      samples = h.columns.map(() => []);
      mapping = mapCustomsColumns(h.columns, customsSpec.columns);
      if (mapping) {
        for (const c of CUSTOMS_COLUMN_NAMES) {
          const i = mapping.columnOf[c];
          if (i >= 0) report.columns[i]!.customs = c;
        }
        dateCol = mapping.columnOf.date >= 0 ? mapping.columnOf.date : mapping.columnOf.month;
        dates = new DateFormatDetector(customsSpec.dateFormat ?? (mapping.columnOf.date < 0 ? "YYYY-MM" : undefined));
      }
      if (portrait) {
        const m = mapFields(portrait, h.columns);
        m.columnOf.forEach((c, f) => {
          if (c >= 0) report.columns[c]!.fields.push(portrait.fields[f]!);
        });
        report.unmappedFields = portrait.fields.filter((f, i) => m.columnOf[i] === -1 && !f.startsWith("customs."));
      }
    },
    onRow(row) {
      report.rows++;
      row.fields.forEach((v, i) => {
        const col = report.columns[i]!;
        if (isBlank(v)) return;
        col.filled++;
        const shown = v.replace(/\s+/g, " ").trim().slice(0, 40);
        if (col.example === "") col.example = shown;
        if (col.examples.length < 3 && !col.examples.includes(shown)) col.examples.push(shown);
        const sample = samples[i];
        if (sample && sample.length < SAMPLE) sample.push(v);
      });
      if (dates && dateCol >= 0) dates.add(row.fields[dateCol] ?? "");
    },
    onReject() {
      report.rows++;
      report.rejected++;
    },
  }, { ...options, headerScore: customsHeaderScore(customsSpec.columns) });
  report.columns.forEach((c, i) => {
    c.type = c.customs === "hs_code" ? "hs code" : columnType(samples[i] ?? [], c.name);
  });
  if (mapping && dates) {
    const r = (dates as DateFormatDetector).finish();
    report.customs = { layout: (mapping as CustomsMapping).layout, dateFormat: "format" in r ? r.format : null, dateProblem: "error" in r ? r.error : null };
  }
  return report;
}

/** Values looked at per column to tell its type. */
const SAMPLE = 2000;

/** What most (80%) of a column's filled values are. */
export function columnType(values: readonly string[], header = ""): string {
  if (values.length === 0) return "empty";
  const share = (ok: (v: string) => boolean) => values.filter(ok).length / values.length >= 0.8;
  if (/\bhs\b|hs.?code|harmoni[sz]ed|tariff/i.test(header) && share((v) => /^\d{2}(?:[.\s]?\d{2}){0,4}$/.test(v.trim()))) return "hs code";
  if (share((v) => checkEmail(v).ok)) return "email";
  if (share((v) => checkSocial(v).ok)) return "social";
  if (share((v) => checkWebsite(v).ok)) return "url";
  const base = inferType(values);
  if (base === "number" && share((v) => isPhone(v) && /[\s()+-]/.test(v.trim()))) return "phone";
  if (base === "identifier" && share(isPhone)) return "phone";
  return base;
}
