/**
 * Which input column feeds which portrait field. Header names are compared by headerKey, so
 * `Job Title`, `job_title` and `JOB-TITLE` are one name; a field's own name counts as an alias.
 */
import { headerKey } from "../engine/text.js";
import type { CompiledPortrait } from "../engine/types.js";

export interface FieldMapping {
  /** For each portrait field, the column index that feeds it, or -1. */
  readonly columnOf: readonly number[];
  /** Fields that criteria or rules use and that no column feeds. */
  readonly unmapped: readonly string[];
  readonly notes: readonly string[];
}

export function mapFields(portrait: CompiledPortrait, columns: readonly string[]): FieldMapping {
  const keys = columns.map(headerKey);
  const notes: string[] = [];
  const columnOf = portrait.fieldKeys.map((aliases, f) => {
    for (const alias of aliases) {
      const hits = keys.flatMap((k, i) => (k === alias ? [i] : []));
      if (hits.length > 1) notes.push(`field ${portrait.fields[f]}: columns ${hits.map((i) => `"${columns[i]}"`).join(", ")} all match; using the first`);
      if (hits.length > 0) return hits[0]!;
    }
    return -1;
  });
  const used = new Set([
    ...portrait.criteria.map((c) => c.fieldIndex),
    ...portrait.disqualify.map((r) => r.fieldIndex),
    ...portrait.segments.flatMap((s) => [...s.criteria.map((c) => c.fieldIndex), ...s.when.map((w) => w.fieldIndex)]),
  ]);
  const unmapped = portrait.fields.filter((_, i) => used.has(i) && columnOf[i] === -1);
  return { columnOf, unmapped, notes };
}

/**
 * The name an output column (`rank`, `score`, `next_step`...) takes beside these input columns: its own, or
 * `portrait_<name>` when an input column has the same name whatever its case or spacing (`Score`, `Next Step`), which
 * would read as ours.
 */
export function outputNaming(inputColumns: readonly string[]): (name: string) => string {
  const taken = new Set(inputColumns.map(headerKey));
  return (name) => (taken.has(headerKey(name)) ? `portrait_${name}` : name);
}

/** The values a record gives the engine: one per portrait field, undefined where no column maps. */
export function fieldValues(mapping: FieldMapping, fields: readonly string[]): (string | undefined)[] {
  return mapping.columnOf.map((c) => (c < 0 ? undefined : fields[c]));
}
