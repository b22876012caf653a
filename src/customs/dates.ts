/**
 * Dates as customs exports write them, to day numbers (days since 1970-01-01, UTC calendar).
 * The format is decided per column from its values: a value that fits only one format settles it,
 * and a column whose every value fits both `MM/DD/YYYY` and `DD/MM/YYYY` is ambiguous and refused
 * unless a format is given. Pure arithmetic: no Date objects, no time zones, no clock.
 */

export const DATE_FORMATS = ["YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD", "excel", "YYYY-MM"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const ISO_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_RE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i;
const DOT_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_RE = /^\d{5}(?:\.\d+)?$/;
const MONTH_RE = /^(\d{4})[-/](\d{1,2})$|^(\d{1,2})[-/](\d{4})$/;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number, as `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  const [y, m, d] = civil(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Month index (year x 12 + month - 1) of a day number: arithmetic, no text (once per day of every buyer). */
export function monthOf(day: number): number {
  const [y, m] = civil(day);
  return y * 12 + m - 1;
}

/** Year, month and day of a day number (days since 1970-01-01; H. Hinnant's civil_from_days). */
function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

function valid(y: number, m: number, d: number): number | null {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d > dim ? null : dayNumber(y, m, d);
}

/** Reads `text` in one format; null when it does not fit. */
export function parseDate(text: string, format: DateFormat): number | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case "YYYY-MM-DD":
      return (m = ISO_RE.exec(t)) ? valid(+m[1]!, +m[2]!, +m[3]!) : null;
    case "MM/DD/YYYY":
      return (m = SLASH_RE.exec(t)) ? valid(+m[3]!, +m[1]!, +m[2]!) : null;
    case "DD/MM/YYYY":
      return (m = SLASH_RE.exec(t)) ? valid(+m[3]!, +m[2]!, +m[1]!) : null;
    case "DD.MM.YYYY":
      return (m = DOT_RE.exec(t)) ? valid(+m[3]!, +m[2]!, +m[1]!) : null;
    case "YYYYMMDD":
      return (m = COMPACT_RE.exec(t)) ? valid(+m[1]!, +m[2]!, +m[3]!) : null;
    case "excel": {
      // Days since 1899-12-30 (Excel's 1900 system, leap-year bug included); 1960..2099.
      if (!SERIAL_RE.test(t)) return null;
      const n = Math.floor(Number(t));
      return n >= 21916 && n <= 73050 ? n - 25569 : null;
    }
    case "YYYY-MM": {
      if (!(m = MONTH_RE.exec(t))) return null;
      return m[1] ? valid(+m[1], +m[2]!, 1) : valid(+m[4]!, +m[3]!, 1);
    }
  }
}

/** Rows a reader may hold while the date format is undecided; past this the column is called ambiguous. */
export const MAX_UNDECIDED_ROWS = 200_000;

/** Settles a column's date format from its values, one at a time. */
export class DateFormatDetector {
  /** Rows given to next(), blank or not. */
  rows = 0;
  private candidates: DateFormat[];
  /** Values seen that fit none of the remaining formats: they are bad values, not evidence. */
  unreadable = 0;
  seen = 0;
  constructor(given?: DateFormat) {
    this.candidates = given ? [given] : [...DATE_FORMATS];
  }
  add(text: string): void {
    if (text.trim() === "") return;
    this.seen++;
    const fits = this.candidates.filter((f) => parseDate(text, f) !== null);
    if (fits.length === 0) this.unreadable++;
    else this.candidates = fits;
  }
  /** The format, once one is left; null while two remain. */
  get decided(): DateFormat | null {
    return this.candidates.length === 1 ? this.candidates[0]! : null;
  }
  /** One row's value, in file order; true once more rows cannot change the conclusion: the format is settled, or
   * MAX_UNDECIDED_ROWS went by without it (`gaveUp`). */
  next(text: string): boolean {
    this.rows++;
    this.add(text);
    return this.settled !== null || this.gaveUp;
  }
  get gaveUp(): boolean {
    return this.settled === null && this.rows >= MAX_UNDECIDED_ROWS;
  }
  /** The format, once one is left and some value was read in it (what a reader waits for before going on). */
  get settled(): DateFormat | null {
    return this.seen > this.unreadable ? this.decided : null;
  }
  /** What the values read so far settle: the format, or the message saying why none can be chosen (the input ended
   * undecided, or gave up), for the file's name to go before. */
  conclusion(): { format: DateFormat } | { error: string } {
    if (this.settled !== null) return { format: this.settled };
    const r = this.finish();
    const why = "error" in r ? r.error : this.gaveUp ? `every date fits ${this.candidates.join(" and ")}` : null;
    return why === null ? r : { error: `cannot tell the date format: ${why}` };
  }
  /** At the end of the data: the format, or why none can be chosen. */
  finish(): { format: DateFormat } | { error: string } {
    if (this.candidates.length === 1) return { format: this.candidates[0]! };
    if (this.seen === 0) return { format: "YYYY-MM-DD" };
    if (this.seen === this.unreadable) return { error: `no value is a date in a format I know (${DATE_FORMATS.join(", ")})` };
    return { error: `every date fits ${this.candidates.join(" and ")} (no day above 12); say which with --date-format` };
  }
}
