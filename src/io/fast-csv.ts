/**
 * The fast path of CSV reading: a hand-written scanner for the plain CSV that nearly every export is
 * (RFC 4180 quoting, one-character delimiter, \r\n, \n or \r line ends), about ten times csv-parse's
 * speed. It reads only what it is sure of: the moment it meets anything csv-parse would have to be
 * lenient about (a quote inside an unquoted field, text after a closing quote, a quote left open at the
 * end, a record near the size limit), it stops at the start of that record and hands the rest of the
 * text back, and the caller reads the rest with csv-parse. So on every input both paths give the same
 * records, rejects and line numbers; test/properties/fast-csv.property.test.ts holds them to it.
 */

export interface FastRecord {
  /** The fields; empty when scanned with `countOnly` (see `count` and `filled`). */
  readonly fields: string[];
  /** How many fields the record has. */
  readonly count: number;
  /** With `countOnly`: how many fields up to the last one that is not empty (0 when all are); else -1. */
  readonly filled: number;
  /** The line the record starts on (1-based, counting \r\n, \n and a lone \r as one line end each). */
  readonly line: number;
  /** Offsets of the record's text in the buffer passed to scan (start inclusive, end exclusive, no line end). */
  readonly start: number;
  readonly end: number;
  /** Length of the text csv-parse would report as the record's raw text: blank lines before it and its line end included. */
  readonly rawLength: number;
}

/** What scan leaves: everything from `rest` on is unread (an incomplete record, or one to hand over). */
export interface FastScan {
  readonly rest: number;
  /** The line `rest` is on. */
  readonly line: number;
  /** True when the text from `rest` on must be read by csv-parse. */
  readonly bail: boolean;
}

/** The fields of every record scanned with `countOnly`: none. */
const NO_FIELDS: string[] = Object.freeze([]) as unknown as string[];

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Whether the fast path can read with this delimiter (one UTF-16 unit, not a quote or line end). */
export function fastDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && !'"\r\n'.includes(delimiter);
}

/**
 * Reads the complete records of `text` from `pos` (a record start on `line`), calling `onRecord` for
 * each. `eof` says whether `text` ends the input (else a record reaching the end waits for more).
 * `onRecord` may return false to stop early (the caller then resumes from the returned position).
 * `maxRaw` bounds a record's raw length: past it, the record is handed to csv-parse, which owns the
 * size-limit messages. With `countOnly` (a caller that passes each record on as its text), the same scan makes no
 * field strings: only their count and how many are filled.
 */
export function scanCsv(text: string, pos: number, line: number, eof: boolean, delimiter: string, maxRaw: number, onRecord: (r: FastRecord) => boolean, countOnly = false): FastScan {
  const delim = delimiter.charCodeAt(0);
  const len = text.length;
  for (;;) {
    const rawStart = pos;
    const rawLine = line;
    // Blank lines are skipped, as csv-parse's skip_empty_lines does.
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === LF) pos++;
      else if (c === CR) {
        if (pos + 1 >= len && !eof) return { rest: rawStart, line: rawLine, bail: false };
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else break;
      line++;
    }
    if (pos >= len) return eof ? { rest: len, line, bail: false } : tooLong(text, rawStart, rawLine, maxRaw);
    const start = pos;
    const startLine = line;
    const fields: string[] = countOnly ? NO_FIELDS : [];
    let count = 0;
    let filled = 0;
    let end = -1;
    let next = -1;
    // One field per pass; ends the record at a line end or the end of the input.
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let value = "";
        let seg = pos + 1;
        let p = seg;
        let closed = -1;
        while (p < len) {
          const c = text.charCodeAt(p);
          if (c === QUOTE) {
            if (p + 1 >= len) {
              if (!eof) break;
              closed = p;
              break;
            }
            if (text.charCodeAt(p + 1) === QUOTE) {
              if (!countOnly) value += text.slice(seg, p + 1);
              p += 2;
              seg = p;
              continue;
            }
            closed = p;
            break;
          }
          if (c === LF) line++;
          else if (c === CR) {
            if (p + 1 >= len && !eof) break;
            if (text.charCodeAt(p + 1) !== LF) line++;
          }
          p++;
        }
        if (closed < 0) {
          // Open at the end of the input: csv-parse's case (and its message); else wait for more text.
          if (eof) return { rest: rawStart, line: rawLine, bail: true };
          return tooLong(text, rawStart, rawLine, maxRaw);
        }
        if (!countOnly) fields.push(seg === pos + 1 ? text.slice(seg, closed) : value + text.slice(seg, closed));
        else {
          count++;
          if (closed > pos + 1) filled = count; // something between the quotes
        }
        pos = closed + 1;
        if (pos >= len) {
          if (!eof) return tooLong(text, rawStart, rawLine, maxRaw);
          end = pos;
          next = pos;
          break;
        }
        const c = text.charCodeAt(pos);
        if (c === delim) {
          pos++;
          if (pos >= len && !eof) return tooLong(text, rawStart, rawLine, maxRaw);
          if (pos >= len) {
            if (!countOnly) fields.push("");
            else count++;
            end = pos;
            next = pos;
            break;
          }
          continue;
        }
        if (c !== LF && c !== CR) return { rest: rawStart, line: rawLine, bail: true };
      } else {
        let p = pos;
        let c = 0;
        while (p < len) {
          c = text.charCodeAt(p);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) return { rest: rawStart, line: rawLine, bail: true };
          p++;
        }
        if (!countOnly) fields.push(text.slice(pos, p));
        else {
          count++;
          if (p > pos) filled = count;
        }
        if (p >= len) {
          if (!eof) return tooLong(text, rawStart, rawLine, maxRaw);
          end = p;
          next = p;
          break;
        }
        pos = p;
        if (c === delim) {
          pos++;
          if (pos >= len) {
            if (!eof) return tooLong(text, rawStart, rawLine, maxRaw);
            if (!countOnly) fields.push("");
            else count++;
            end = pos;
            next = pos;
            break;
          }
          continue;
        }
      }
      // At a line end.
      end = pos;
      if (text.charCodeAt(pos) === CR) {
        if (pos + 1 >= len && !eof) return tooLong(text, rawStart, rawLine, maxRaw);
        next = text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
      } else next = pos + 1;
      break;
    }
    const rawLength = next - rawStart;
    if (rawLength > maxRaw) return { rest: rawStart, line: rawLine, bail: true };
    pos = next;
    line++;
    if (!onRecord({ fields, count: countOnly ? count : fields.length, filled: countOnly ? filled : -1, line: startLine, start, end, rawLength })) return { rest: pos, line, bail: false };
    if (pos >= len && eof) return { rest: pos, line, bail: false };
  }
}

/** An incomplete record waits for more text, unless it is already past the size bound. */
function tooLong(text: string, rawStart: number, rawLine: number, maxRaw: number): FastScan {
  return { rest: rawStart, line: rawLine, bail: text.length - rawStart > maxRaw };
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a substring of 13 or
 * more characters a view on its parent: a field kept for the whole run (a buyer's name in a map,
 * a rejected record) would otherwise keep its whole input chunk in memory.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
