import type { KeywordSet } from "../engine/keywords.js";
import type { CustomsColumn } from "./columns.js";
import type { DateFormat } from "./dates.js";

/** A portrait's customs section, compiled: what counts, who the competitors are, how to read columns. */
export interface CompiledCustoms {
  /** Extra header names per customs column, tried before the built-in ones. */
  readonly columns: Partial<Record<CustomsColumn, readonly string[]>>;
  /** Currency of values when the data does not say (ISO 4217). */
  readonly currency?: string;
  readonly dateFormat?: DateFormat;
  readonly filter: {
    /** HS code prefixes (digits); a row counts when its code starts with one. */
    readonly hs: readonly string[];
    readonly products: KeywordSet | null;
    /** Alpha-2 codes; a row counts when its origin (or exporter) country is one. */
    readonly origin: ReadonlySet<string> | null;
    readonly from: number | null;
    readonly to: number | null;
  };
  readonly competitors: KeywordSet | null;
  /** Jaro-Winkler threshold for the fuzzy join; null: no fuzzy join. */
  readonly fuzzy: number | null;
}

export const NO_CUSTOMS: CompiledCustoms = { columns: {}, filter: { hs: [], products: null, origin: null, from: null, to: null }, competitors: null, fuzzy: null };
