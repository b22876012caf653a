import { dayNumber } from "../customs/dates.js";
import { NO_CUSTOMS, type CompiledCustoms } from "../customs/types.js";
import type { CustomsColumn } from "../customs/columns.js";
import { countryIndex } from "../engine/country.js";
import { compileKeywords } from "../engine/keywords.js";
import type { CustomsSpec } from "./schema.js";

/** The portrait's customs section, compiled; the defaults when there is none. */
export function compileCustoms(spec: CustomsSpec | undefined): CompiledCustoms {
  if (spec === undefined) return NO_CUSTOMS;
  const columns: Partial<Record<CustomsColumn, readonly string[]>> = {};
  for (const [name, aliases] of Object.entries(spec.columns ?? {})) {
    if (aliases !== undefined) columns[name as CustomsColumn] = Array.isArray(aliases) ? aliases : [aliases];
  }
  const f = spec.filter ?? {};
  const day = (iso: string | undefined) => {
    if (iso === undefined) return null;
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return dayNumber(y, m, d);
  };
  return {
    columns,
    ...(spec.currency !== undefined && { currency: spec.currency.toUpperCase() }),
    ...(spec.date_format !== undefined && { dateFormat: spec.date_format }),
    filter: {
      hs: (f.hs ?? []).map((h) => String(h).replace(/[\s.]/g, "")),
      products: f.products ? compileKeywords(f.products) : null,
      origin: f.origin ? new Set(f.origin.map((o) => countryIndex().lookup(String(o)) ?? String(o).toUpperCase())) : null,
      from: day(f.from),
      to: day(f.to),
    },
    competitors: spec.competitors ? compileKeywords(spec.competitors) : null,
    fuzzy: spec.fuzzy === undefined || spec.fuzzy === false ? null : spec.fuzzy,
  };
}
