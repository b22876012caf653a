/**
 * Streams a CSV source into header + rows, each row with the line it starts on. Rows that cannot be
 * read (wrong field count, an unterminated quote, an oversized record) are handed to `onReject`
 * with the reason: never dropped.
 */
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { decodeStream, InputError, type Encoding } from "./decode.js";
import { fastDelimiter, ownString, scanCsv, type FastRecord } from "./fast-csv.js";

export interface CsvSource {
  /** As shown in messages: the path given, or `<stdin>`. */
  readonly name: string;
  readonly stream: Readable;
}

export interface CsvRow {
  readonly line: number;
  /** One value per header column. */
  readonly fields: string[];
  /**
   * With `keepText`: the record as it was in the file (no line end), when the fast path read it;
   * `fieldsOf(text, header)` gives the fields back. Holding one string instead of an array of them
   * is how a ranked run keeps a million rows.
   */
  readonly text?: string;
}

export interface CsvReject {
  readonly line: number;
  readonly reason: string;
  /** The record's text as it was in the file. */
  readonly raw: string;
}

export interface CsvHeader {
  /** Column names as written, made unique (`name`, `name_2`) and never empty (`column_4`). */
  readonly columns: string[];
  /** The delimiter, or "xlsx" for a spreadsheet, "parquet" for a Parquet file. */
  readonly delimiter: string;
  readonly encoding: Encoding | "xlsx";
  readonly notes: string[];
}

export interface CsvHandlers {
  onHeader(header: CsvHeader): void;
  /** May return a promise (a consumer writing as it reads): reading waits for it, so memory stays bounded. */
  onRow(row: CsvRow): void | Promise<void>;
  onReject(reject: CsvReject): void;
}

export interface CsvOptions {
  readonly encoding?: Encoding;
  readonly delimiter?: string;
  /** "csv-parse" reads the whole file with csv-parse (the reference the fast path is tested against). */
  readonly parser?: "fast" | "csv-parse";
  /** Give each row's record text too (CsvRow.text). */
  readonly keepText?: boolean;
  /** Asked once the header is read: whether the rows may come as their text alone (with keepText; CsvRow.fields is
   * then empty), for a consumer that hands the text on to be parsed elsewhere (worker threads). The fast scanner
   * then makes no field strings: it only counts the fields, for the width check. */
  readonly textOnly?: () => boolean;
}

/** A record longer than this (in characters) is rejected; the rows after it are read as usual. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** Past this the parser gives up on the file: memory stays bounded whatever the input. */
export const HARD_MAX_RECORD_CHARS = 64 * 1024 * 1024;
const DELIMITERS = [",", ";", "\t", "|"];

export async function readCsv(source: CsvSource, handlers: CsvHandlers, options: CsvOptions = {}): Promise<{ header: CsvHeader | null }> {
  let encoding: Encoding = "utf-8";
  const notes: string[] = [];
  const text = decodeStream(source.stream, options.encoding, (e, why) => {
    encoding = e;
    // UTF-8 is the expected case, with or without a BOM; anything else is worth a word.
    if (e !== "utf-8") notes.push(`read as ${e} (${why})`);
  });

  // Look at the start of the text to pick the delimiter, then feed everything to the parser.
  const buffered: string[] = [];
  let sample = "";
  let first = await text.next();
  while (!first.done) {
    buffered.push(first.value);
    sample += first.value;
    if (/[\r\n]/.test(sample) || sample.length > 65536) break;
    first = await text.next();
  }
  const delimiter = options.delimiter ?? detectDelimiter(sample);

  const chunks = (async function* () {
    yield* buffered;
    if (!first.done) yield* text;
  })();
  let header: CsvHeader | null = null;
  let width = 0;
  /** Header, width check, size check, then the row: the same for both parsers. */
  const record = (record: string[], line: number, rawLength: number, raw: () => string, text?: () => string, count = record.length, filled = -1): void | Promise<void> => {
    if (header === null) {
      const columns = uniqueColumns(record, notes);
      header = { columns, delimiter, encoding, notes };
      width = columns.length;
      handlers.onHeader(header);
      return;
    }
    let fields = record;
    // Empty cells past the header's width are dropped (a trailing delimiter); counted fields say where the last
    // filled one is (`filled`), split ones are looked at.
    let n = count;
    if (filled >= 0) {
      if (n > width && filled <= width) n = width;
    } else {
      if (fields.length > width && fields.slice(width).every((f) => f === "")) fields = fields.slice(0, width);
      n = fields.length;
    }
    if (n !== width) {
      handlers.onReject({ line, reason: `expected ${width} fields, got ${n}`, raw: ownString(trimRaw(raw())) });
      return;
    }
    if (rawLength > MAX_RECORD_CHARS) {
      handlers.onReject({ line, reason: `record longer than ${MAX_RECORD_CHARS} characters`, raw: `${trimRaw(raw()).slice(0, 200)}…` });
      return;
    }
    return handlers.onRow(text && options.keepText ? { line, fields, text: text() } : { line, fields });
  };

  const useFast = options.parser !== "csv-parse" && fastDelimiter(delimiter);
  const textOnly = () => (header === null ? null : options.keepText === true && (options.textOnly?.() ?? false));
  const rest = useFast ? await readFast(chunks, delimiter, record, textOnly) : { text: "", line: 1 };
  if (rest !== null) await readWithCsvParse(source.name, delimiter, rest, chunks, record, handlers.onReject);
  return { header };
}

interface Rest {
  /** Text the fast path left unread, starting at a record start on `line`. */
  readonly text: string;
  readonly line: number;
}

type RecordHandler = (record: string[], line: number, rawLength: number, raw: () => string, text?: () => string, count?: number, filled?: number) => void | Promise<void>;

/** Reads with the fast scanner; returns null when it read everything, else what is left for csv-parse. `textOnly`
 * is null until the header is read, then says whether the rows may come as text alone (CsvOptions.textOnly). */
async function readFast(chunks: AsyncIterator<string>, delimiter: string, record: RecordHandler, textOnly: () => boolean | null): Promise<Rest | null> {
  let text = "";
  let pos = 0;
  let line = 1;
  let eof = false;
  // Each record is handled as soon as it is scanned (it dies young); a handler that returns a
  // promise (a consumer writing as it reads) stops the scan until the promise settles.
  let wait: Promise<void> | null = null;
  let countOnly: boolean | null = null;
  // Set when the header has just decided countOnly: the scan stops there and goes on in the new mode.
  let rescan = false;
  const handle = (r: FastRecord): boolean => {
    const slice = () => text.slice(r.start, r.end);
    const w = record(r.fields, r.line, r.rawLength, slice, slice, r.count, r.filled);
    if (countOnly === null) {
      countOnly = textOnly();
      rescan = countOnly === true;
    }
    if (w) wait = w;
    return !w && !rescan;
  };
  for (;;) {
    const scan = scanCsv(text, pos, line, eof, delimiter, MAX_RECORD_CHARS - 2, handle, countOnly === true);
    pos = scan.rest;
    line = scan.line;
    const switched = rescan;
    rescan = false;
    if (wait !== null) {
      await wait;
      wait = null;
      continue;
    }
    if (switched) continue;
    if (scan.bail) return { text: text.slice(pos), line };
    if (eof) return null;
    const next = await chunks.next();
    text = pos === text.length ? "" : text.slice(pos);
    pos = 0;
    if (next.done) eof = true;
    else text = text.length === 0 ? next.value : text + next.value;
  }
}

/** Reads `rest` and then the remaining chunks with csv-parse (lenient quotes, size limits, exact reasons). */
async function readWithCsvParse(name: string, delimiter: string, rest: Rest, chunks: AsyncIterator<string>, record: RecordHandler, onReject: CsvHandlers["onReject"]): Promise<void> {
  const parser = parse({
    delimiter,
    // All three line ends, even mixed in one file (exports glued together from several systems).
    record_delimiter: ["\r\n", "\n", "\r"],
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: HARD_MAX_RECORD_CHARS,
  });
  const lines = new LineTracker(rest.line - 1);

  // The parser reports a bad record (a "skip") as soon as it meets it, while the good records before
  // it may still wait in its queue. Skips wait here until the records before them are handled, so
  // everything is handled in file order and line numbers can be counted along. A skip's byte count is
  // where the skipped record starts: the end of the record before it, which is handled first.
  const pending: Array<{ bytes: number; lines: number; raw: string; reason: string }> = [];
  const reject = (s: { lines: number; raw: string; reason: string }) => onReject({ line: lines.start(s.lines, s.raw), reason: s.reason, raw: trimRaw(s.raw) });
  parser.on("skip", (err: Error & { code?: string; lines?: number; raw?: string; bytes?: number }) => {
    if (err.code === "CSV_MAX_RECORD_SIZE") {
      // Past this size the parser cannot find the record's end again: stop reading this file.
      parser.destroy(new InputError("record-too-large", `${name}:${lines.start(err.lines ?? 0, "")}: a record longer than ${HARD_MAX_RECORD_CHARS} characters; is this really a CSV file with delimiter ${JSON.stringify(delimiter)}?`));
      return;
    }
    pending.push({ bytes: err.bytes ?? 0, lines: err.lines ?? 0, raw: err.raw ?? "", reason: skipReason(err) });
  });

  const feed = (async () => {
    try {
      if (rest.text !== "" && !parser.write(rest.text)) await drained(parser);
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) if (!parser.write(next.value)) await drained(parser);
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();

  for await (const out of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number }; raw: string }>) {
    while (pending.length > 0 && pending[0]!.bytes < out.info.bytes) reject(pending.shift()!);
    const wait = record(out.record, lines.start(out.info.lines, out.raw), out.raw.length, () => out.raw);
    if (wait) await wait;
  }
  while (pending.length > 0) reject(pending.shift()!);
  await feed;
}

/** The fields of a record text the fast path read (CsvRow.text), as they were given then. */
export function fieldsOf(text: string, header: { readonly delimiter: string; readonly columns: readonly string[] }): string[] {
  let fields: string[] = [];
  const scan = scanCsv(text, 0, 1, true, header.delimiter, Infinity, (r) => {
    fields = r.fields;
    return true;
  });
  if (scan.bail) throw new Error(`internal: a record kept as text does not read back: ${JSON.stringify(text.slice(0, 80))}`);
  return fields.length > header.columns.length ? fields.slice(0, header.columns.length) : fields;
}

function drained(parser: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => parser.once("drain", () => resolve()));
}

/** The delimiter that occurs most in the first line, outside quotes; `,` when none does. */
export function detectDelimiter(sample: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount) [best, bestCount] = [d, c];
  }
  return best;
}

function uniqueColumns(record: string[], notes: string[]): string[] {
  const seen = new Set<string>();
  return record.map((raw, i) => {
    let name = raw.trim();
    if (name === "") {
      name = `column_${i + 1}`;
      notes.push(`column ${i + 1} has no name; called it "${name}"`);
    }
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      notes.push(`column ${i + 1} repeats the name "${name}"; called it "${name}_${k}"`);
      name = `${name}_${k}`;
    }
    seen.add(name);
    return name;
  });
}

const LINE_BREAK_RE = /\r\n|\r|\n/g;
const CRLF_RE = /\r\n/g;

/**
 * The line each record starts on. csv-parse reports the line a record ends on, but counts a CRLF
 * inside a quoted field as two lines, which shifts every later record; the tracker takes that back
 * out, so records must be given to it in file order.
 */
class LineTracker {
  private overcount = 0;
  /** `offset`: lines before the text the parser was given. */
  constructor(private readonly offset = 0) {}
  start(endLine: number, raw: string): number {
    const body = raw.replace(/^[\r\n]+/, "").replace(/(\r\n|\r|\n)$/, "");
    this.overcount += body.match(CRLF_RE)?.length ?? 0;
    return this.offset + endLine - this.overcount - (body.match(LINE_BREAK_RE)?.length ?? 0);
  }
}

function trimRaw(raw: string): string {
  return raw.replace(/^[\r\n]+/, "").replace(/(\r\n|\r|\n)$/, "");
}

function skipReason(err: Error & { code?: string }): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "unterminated quote: a quoted field opens here and never closes";
    case "CSV_MAX_RECORD_SIZE":
      return `record longer than ${MAX_RECORD_CHARS} characters`;
    default:
      return err.message;
  }
}

export { InputError };
