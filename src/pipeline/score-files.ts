/**
 * read -> map -> score for one or more CSV sources; rows keep their file and line. Ranking and
 * writing are the caller's: this returns every scored row and every rejected one.
 */
import { scoreRecord } from "../engine/score-record.js";
import type { CompiledPortrait, ScoreContext, ScoreResult } from "../engine/types.js";
import { InputError, readCsv, type CsvOptions, type CsvSource } from "../io/read-csv.js";
import { fieldValues, mapFields, type FieldMapping } from "../io/map-fields.js";
import { warning, type Diagnostic } from "../report/diagnostic.js";

export interface ScoredRow {
  /** Index of the source in the run. */
  readonly source: number;
  readonly line: number;
  readonly fields: string[];
  readonly result: ScoreResult;
}

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
}

export interface SourceSummary {
  readonly name: string;
  readonly columns: readonly string[];
  readonly delimiter: string;
  readonly encoding: string;
  readonly mapping: FieldMapping | null;
  rowsRead: number;
  rowsRejected: number;
}

export interface ScoreRun {
  readonly sources: SourceSummary[];
  readonly rows: ScoredRow[];
  readonly rejects: RejectedRow[];
}

export interface ScoreFilesOptions extends CsvOptions {
  readonly allowMissingFields?: boolean;
  readonly context?: ScoreContext;
  readonly onDiagnostic?: (d: Diagnostic) => void;
}

export async function scoreFiles(portrait: CompiledPortrait, inputs: readonly CsvSource[], options: ScoreFilesOptions = {}): Promise<ScoreRun> {
  const report = options.onDiagnostic ?? (() => {});
  const run: ScoreRun = { sources: [], rows: [], rejects: [] };
  for (const [index, input] of inputs.entries()) {
    const summary: SourceSummary = { name: input.name, columns: [], delimiter: ",", encoding: "utf-8", mapping: null, rowsRead: 0, rowsRejected: 0 };
    run.sources.push(summary);
    let mapping: FieldMapping | null = null;
    const { header } = await readCsv(input, {
      onHeader(h) {
        Object.assign(summary, { columns: h.columns, delimiter: h.delimiter, encoding: h.encoding });
        for (const note of h.notes) report(warning("input-note", note, { file: input.name }));
        mapping = mapFields(portrait, h.columns);
        Object.assign(summary, { mapping });
        for (const note of mapping.notes) report(warning("ambiguous-column", note, { file: input.name }));
        if (mapping.unmapped.length > 0) {
          const message = unmappedMessage(portrait, mapping.unmapped, h.columns);
          if (!options.allowMissingFields) throw new InputError("missing-field", `${input.name}: ${message}\n  (pass --allow-missing-fields to score anyway, treating them as blank)`);
          report(warning("missing-field", message, { file: input.name }));
        }
      },
      onRow(row) {
        summary.rowsRead++;
        const result = scoreRecord(portrait, fieldValues(mapping!, row.fields), options.context);
        run.rows.push({ source: index, line: row.line, fields: row.fields, result });
      },
      onReject(reject) {
        summary.rowsRead++;
        summary.rowsRejected++;
        run.rejects.push({ file: input.name, ...reject });
      },
    }, options);
    if (header === null) report(warning("empty-input", "the file is empty: no header row, no prospects", { file: input.name }));
    else if (summary.rowsRead === 0) report(warning("empty-input", "the file has a header row and no prospects", { file: input.name }));
  }
  return run;
}

function unmappedMessage(portrait: CompiledPortrait, unmapped: readonly string[], columns: readonly string[]): string {
  const parts = unmapped.map((f) => {
    const aliases = portrait.fieldKeys[portrait.fields.indexOf(f)] ?? [];
    return `"${f}" (looked for: ${aliases.join(", ")})`;
  });
  return `no column for field${unmapped.length > 1 ? "s" : ""} ${parts.join(", ")}; the columns are: ${columns.join(", ")}. Add the header to the field's aliases under fields:`;
}
