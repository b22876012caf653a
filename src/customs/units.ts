/** Units and codes of customs rows: weights to kilograms, HS codes to digits. */

const KG_PER: ReadonlyMap<string, number> = new Map([
  ["k", 1], ["kg", 1], ["kgs", 1], ["kilo", 1], ["kilos", 1], ["kilogram", 1], ["kilograms", 1],
  ["l", 0.45359237], ["lb", 0.45359237], ["lbs", 0.45359237], ["pound", 0.45359237], ["pounds", 0.45359237],
  ["t", 1000], ["mt", 1000], ["ton", 1000], ["tons", 1000], ["tonne", 1000], ["tonnes", 1000], ["metric ton", 1000], ["metric tons", 1000],
  ["g", 0.001], ["gr", 0.001], ["gram", 0.001], ["grams", 0.001],
]);

/** The weight units kgPer knows (lower case, without a final dot). */
export const WEIGHT_UNITS: readonly string[] = [...KG_PER.keys()];

/** Kilograms per unit, or null for a unit that is not recognised (reported, never guessed). */
export function kgPer(unit: string): number | null {
  const u = unit.trim().toLowerCase().replace(/\.$/, "");
  if (u === "") return 1;
  return KG_PER.get(u) ?? null;
}

/** The unit a weight header names: `Weight (kg)` -> kg, `Gross Weight LB` -> lb; undefined if none. */
export function unitInHeader(header: string): string | undefined {
  const m = /\b(kgs?|lbs?|mt|tonnes?|tons?)\b/i.exec(header);
  return m ? m[1]! : undefined;
}

/**
 * HS codes as digits: dots and spaces removed (`8517.13.00` -> `85171300`), a leading zero that a
 * spreadsheet stripped put back (`84713` -> `084713`: odd lengths are padded to even). Null if no digits.
 */
export function normalizeHs(raw: string): string | null {
  const digits = raw.replace(/[\s.\-]/g, "");
  if (!/^\d{2,12}$/.test(digits)) return null;
  return digits.length % 2 === 1 ? `0${digits}` : digits;
}
