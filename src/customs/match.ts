/**
 * Joining prospects to buyers: the same company key (in the same country, or where one side has no
 * country), else the same web domain, else, when the portrait asks for it, the closest key by
 * Jaro-Winkler among buyers that share a distinctive word. Two companies with one name in two
 * countries are never joined.
 */
import { jaroWinkler } from "./jaro-winkler.js";

export interface BuyerRef {
  readonly id: string;
  readonly key: string;
  /** The key with umlauts transliterated (company-key.ts), when it differs: also an exact match. */
  readonly alt?: string | null;
  readonly country: string;
  readonly name: string;
  readonly domain: string | null;
  readonly shipments: number;
}

export interface ProspectIdentity {
  readonly key: string;
  readonly alt?: string | null;
  readonly country: string;
  readonly domains: readonly string[];
}

export type MatchHow = "exact" | "domain" | "fuzzy";

export interface Match<B extends BuyerRef> {
  readonly how: MatchHow;
  /** 1 for exact and domain matches; the similarity for fuzzy ones. */
  readonly score: number;
  readonly buyer: B;
}

export interface BuyerIndex<B extends BuyerRef> {
  readonly byKey: Map<string, B[]>;
  readonly byDomain: Map<string, B[]>;
  readonly byToken: Map<string, B[]>;
}

/** Blocks with more buyer keys than this say little about identity (`tra` for `trading`). */
const COMMON_BLOCK = 500;

/** Fuzzy candidates share the first three letters of some word: `moebelhaus krueger` and `mobelhaus kruger` share `kru`. */
function blocks(key: string): Set<string> {
  return new Set(key.split(" ").filter((t) => t.length >= 3).map((t) => t.slice(0, 3)));
}

export function buildBuyerIndex<B extends BuyerRef>(buyers: readonly B[]): BuyerIndex<B> {
  const push = (m: Map<string, B[]>, k: string, b: B) => {
    const list = m.get(k);
    if (list) list.push(b);
    else m.set(k, [b]);
  };
  const index: BuyerIndex<B> = { byKey: new Map(), byDomain: new Map(), byToken: new Map() };
  for (const b of buyers) {
    if (b.key !== "") push(index.byKey, b.key, b);
    if (b.alt) push(index.byKey, b.alt, b);
    if (b.domain) push(index.byDomain, b.domain, b);
    for (const t of blocks(b.key)) push(index.byToken, t, b);
  }
  return index;
}

/** A buyer indexed under both its keys appears once. */
function unique<B>(list: readonly B[] | undefined): readonly B[] | undefined {
  return list && list.length > 1 ? [...new Set(list)] : list;
}

const compatible = (p: ProspectIdentity, b: BuyerRef) => p.country === "" || b.country === "" || p.country === b.country;

/** One buyer among candidates: the only compatible one, or the only one in the prospect's own country. */
function pick<B extends BuyerRef>(p: ProspectIdentity, candidates: readonly B[] | undefined): B | null {
  const ok = (candidates ?? []).filter((b) => compatible(p, b));
  if (ok.length === 1) return ok[0]!;
  const same = ok.filter((b) => b.country === p.country && p.country !== "");
  return same.length === 1 ? same[0]! : null;
}

export function matchProspect<B extends BuyerRef>(index: BuyerIndex<B>, p: ProspectIdentity, fuzzy: number | null): Match<B> | null {
  // Exact: the key, then the transliterated key (Möbelhaus Krüger = MOEBELHAUS KRUEGER).
  for (const k of [p.key, p.alt]) {
    if (!k) continue;
    const exact = pick(p, unique(index.byKey.get(k)));
    if (exact) return { how: "exact", score: 1, buyer: exact };
  }
  for (const d of p.domains) {
    const byDomain = pick(p, index.byDomain.get(d));
    if (byDomain) return { how: "domain", score: 1, buyer: byDomain };
  }
  if (fuzzy === null || p.key === "") return null;
  const seen = new Set<B>();
  let best: Match<B> | null = null;
  for (const t of blocks(p.key)) {
    const list = index.byToken.get(t);
    if (!list || list.length > COMMON_BLOCK) continue;
    for (const b of list) {
      if (seen.has(b) || !compatible(p, b)) continue;
      seen.add(b);
      const s = jaroWinkler(p.key, b.key);
      if (s >= fuzzy && (best === null || s > best.score || (s === best.score && b.id < best.buyer.id))) best = { how: "fuzzy", score: Math.round(s * 1000) / 1000, buyer: b };
    }
  }
  return best;
}
