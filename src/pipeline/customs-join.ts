/**
 * Prospects meet buyer profiles: each prospect's company, country, website and email are matched
 * to a buyer (customs/match.ts), and the buyer's aggregates fill the portrait's customs.* fields.
 */
import { PROFILE_COLUMNS, type BuyerProfile } from "../customs/accumulate.js";
import { companyKey } from "../customs/company-key.js";
import { companyDomain } from "../customs/domains.js";
import { buildBuyerIndex, matchProspect, type BuyerIndex, type BuyerRef, type MatchHow } from "../customs/match.js";
import { countryIndex } from "../engine/country.js";
import type { CompiledPortrait } from "../engine/types.js";
import type { CustomsState } from "./customs-aggregator.js";

export interface ProfileRef extends BuyerRef {
  readonly profile: BuyerProfile;
}

export interface MatchInfo {
  readonly how: MatchHow | "none";
  readonly score: number;
  readonly buyer: string;
  readonly country: string;
}

export interface FuzzyPair {
  readonly file: string;
  readonly line: number;
  readonly prospect: string;
  readonly buyer: string;
  readonly score: number;
}

export interface CustomsJoin {
  readonly index: BuyerIndex<ProfileRef>;
  readonly fuzzy: number | null;
  readonly counts: Record<MatchHow | "none", number>;
  readonly fuzzyPairs: FuzzyPair[];
}

export function buildJoin(state: CustomsState, profiles: readonly BuyerProfile[], fuzzy: number | null): CustomsJoin {
  const refs: ProfileRef[] = profiles.map((p) => {
    const id = `${p.country}|${p.key}`;
    const site = state.domains.get(id);
    return { id, key: p.key, alt: companyKey(p.buyer).alt, country: p.country, name: p.buyer, domain: site ? companyDomain(site) : null, shipments: p.shipments, profile: p };
  });
  return { index: buildBuyerIndex(refs), fuzzy, counts: { exact: 0, domain: 0, fuzzy: 0, none: 0 }, fuzzyPairs: [] };
}

const NAME_FIELDS = ["company", "company_name", "name", "importer", "buyer", "organization", "account"];

/** Where a portrait keeps the customs.* fields and the fields that identify a company. */
export interface CustomsFieldPlan {
  /** [field index, profile column] for every customs.* field. */
  readonly fields: ReadonlyArray<readonly [number, keyof BuyerProfile | "match" | "buyer"]>;
  readonly company: number;
  readonly country: number;
  readonly contacts: readonly number[];
}

export function customsFieldPlan(portrait: CompiledPortrait): CustomsFieldPlan {
  const fields: Array<[number, keyof BuyerProfile | "match" | "buyer"]> = [];
  portrait.fields.forEach((f, i) => {
    if (f.startsWith("customs.")) fields.push([i, f.slice("customs.".length) as keyof BuyerProfile]);
  });
  const company = NAME_FIELDS.map((n) => portrait.fields.indexOf(n)).find((i) => i >= 0) ?? -1;
  const contacts = portrait.fields.flatMap((f, i) => (/web|site|url|domain|e-?mail/i.test(f) && !f.startsWith("customs.") ? [i] : []));
  return { fields, company, country: portrait.fields.indexOf("country"), contacts };
}

/** Fills a record's customs.* values from a profile (or leaves them blank). */
export function fillCustomsValues(plan: CustomsFieldPlan, values: (string | undefined)[], profile: BuyerProfile | null, how: string): void {
  for (const [i, col] of plan.fields) {
    const v = col === "match" ? how : profile === null ? undefined : (profile as unknown as Record<string, unknown>)[col];
    values[i] = v === null || v === undefined ? undefined : String(v);
  }
}

/** Matches one prospect and fills its customs.* values. */
export function joinProspect(join: CustomsJoin, plan: CustomsFieldPlan, values: (string | undefined)[], where: { file: string; line: number }): MatchInfo {
  const name = plan.company >= 0 ? (values[plan.company] ?? "") : "";
  const country = plan.country >= 0 ? (countryIndex().lookup(values[plan.country] ?? "") ?? "") : "";
  const domains = plan.contacts.map((i) => companyDomain(values[i] ?? "")).filter((d): d is string => d !== null);
  const { key, alt } = companyKey(name);
  const m = matchProspect(join.index, { key, alt, country, domains }, join.fuzzy);
  if (m === null) {
    join.counts.none++;
    fillCustomsValues(plan, values, null, "none");
    return { how: "none", score: 0, buyer: "", country: "" };
  }
  join.counts[m.how]++;
  if (m.how === "fuzzy") join.fuzzyPairs.push({ ...where, prospect: name, buyer: m.buyer.name, score: m.score });
  fillCustomsValues(plan, values, m.buyer.profile, m.how);
  return { how: m.how, score: m.score, buyer: m.buyer.name, country: m.buyer.country };
}

/** A profile as a prospect row (customs file given as the main input): PROFILE_COLUMNS as cells. */
export function profileCells(p: BuyerProfile): string[] {
  return PROFILE_COLUMNS.map((c) => (p[c] === null || p[c] === undefined ? "" : String(p[c])));
}
