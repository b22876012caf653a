/**
 * Party names (consignees, notify parties, shippers) as customs/company-key.ts reads them, in SQL: the cleaned
 * display name (first line, contact tails and glued-on addresses cut), the company key (folded words, `&` as
 * `and`, legal forms removed at the ends), the key with German umlauts transliterated, and why a name is not a
 * buyer (`to order`, a bank, a forwarder, a placeholder).
 *
 * The JavaScript regular expressions are rewritten for the subset every engine reads alike: ASCII case spelt out
 * (`[iI][nN][cC]`, as JavaScript's `i` flag without `u` folds only ASCII), `\b` as JavaScript's ASCII word class,
 * lookbehinds dropped where the text's shape makes them hold, and "cut from the first match to the end" as "replace
 * every match with a line break, keep what comes before the first", which needs neither lazy quantifiers (Postgres
 * reads them its own way) nor a first-match-only replace (Spark and BigQuery replace all).
 */
import {
  ADDRESS_AFTER, BANK_WORDS, FORWARDER_WORDS, LEGAL_FORM_ROUNDS, PLACEHOLDER_WORDS, PREFIXES, SUFFIXES, TAIL_WORDS,
} from "../customs/company-key.js";
import { foldText } from "../engine/text.js";
import type { Dialect } from "./dialect.js";
import { caseless, FOLDED_BLOCKS, JS_SPACE_CLASS, phraseStages } from "./text.js";

export type Stages = Array<Array<{ name: string; expr: string }>>;

/** JavaScript's `\w` without the `u` flag. */
const WORD = "A-Za-z0-9_";

/** Characters whose fold holds `&` or `+` (`＆`, `⁺`): the key reads them as ` and `, before folding. */
function ampersands(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [lo, hi] of FOLDED_BLOCKS) {
    for (let cp = lo; cp <= hi; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const f = foldText(c);
      if (/[&+]/.test(f)) out.push([c, f.replace(/[&+]/g, " and ")]);
    }
  }
  return out;
}

const UMLAUTS: ReadonlyArray<readonly [string, string]> = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"]];

/** cleanPartyName of the NFC text `n`, as stages ending in column `${p}_clean`. */
function cleanStages(d: Dialect, n: string, p: string): Stages {
  const nl = d.str("\n");
  const firstLine = d.before(d.translate(d.replaceAll(n, `^[${JS_SPACE_CLASS}]*[\r\n]`, ""), d.str("\r"), nl), nl);
  const cut = (x: string, re: string) => d.before(d.replaceAll(x, re, "\n"), nl);
  const tail = ` (?:${caseless(TAIL_WORDS)})(?: |${d.end})`;
  const contact = " (?:[+]?[0-9][0-9 ().-]{6,}|[^ ]+@[^ ]+)";
  const address = `(^|[^${WORD}])(${caseless(ADDRESS_AFTER)})([.]?),? +[0-9]{1,6}(?:[^${WORD}]|${d.end})`;
  return [
    [{ name: `${p}_line`, expr: firstLine }],
    [{ name: `${p}_one`, expr: `trim(${d.replaceAll(`${p}_line`, `[${JS_SPACE_CLASS}]+`, " ")})` }],
    [{ name: `${p}_cut`, expr: `trim(${cut(cut(`${p}_one`, tail), contact)})` }],
    [{ name: `${p}_clean`, expr: d.before(d.replaceAllRefs(`${p}_cut`, address, "\\1\\2\\3\n"), nl) }],
  ];
}

const alternatives = (forms: readonly (readonly string[])[]) => forms.map((f) => f.join(" ")).join("|");

/** keyOf of the cleaned name `clean`: stages ending in column `${p}_key`; with `legal`, also `${p}_legal`, the legal
 * forms removed (those cut from the end first, in the name's order, then those cut from the start). */
function keyStages(d: Dialect, clean: string, p: string, fold: string, legal = false): Stages {
  let amp = clean;
  const amps = ampersands();
  for (const [c, r] of amps) amp = `replace(${amp}, ${d.str(c)}, ${d.str(r)})`;
  const stages: Stages = [[{ name: `${p}_amp`, expr: amp }], ...phraseStages(d, `${p}_amp`, `${p}_k0`, fold)];
  const suffix = ` (?:${alternatives(SUFFIXES)})${d.end}`;
  const prefix = `^(?:${alternatives(PREFIXES)}) `;
  for (let r = 1; r <= LEGAL_FORM_ROUNDS; r++) {
    if (!legal) {
      stages.push([{ name: `${p}_k${r}`, expr: d.replaceAll(d.replaceAll(`${p}_k${r - 1}`, suffix, ""), prefix, "") }]);
      continue;
    }
    // The same matches, read before they are cut (the leftmost match is the one a replace cuts).
    const before = `${p}_k${r - 1}`;
    stages.push([{ name: `${p}_ks${r}`, expr: d.extract(before, ` (${alternatives(SUFFIXES)})${d.end}`, 1) }, { name: `${p}_kr${r}`, expr: d.replaceAll(before, suffix, "") }]);
    stages.push([{ name: `${p}_kp${r}`, expr: d.extract(`${p}_kr${r}`, `^(${alternatives(PREFIXES)}) `, 1) }, { name: `${p}_k${r}`, expr: d.replaceAll(`${p}_kr${r}`, prefix, "") }]);
  }
  const rounds = Array.from({ length: LEGAL_FORM_ROUNDS }, (_, i) => i + 1);
  stages.push([
    { name: `${p}_key`, expr: `${p}_k${LEGAL_FORM_ROUNDS}` },
    ...(legal ? [{ name: `${p}_legal`, expr: `coalesce(${d.joinNonNull(" ", [...rounds.map((r) => `${p}_ks${LEGAL_FORM_ROUNDS + 1 - r}`), ...rounds.map((r) => `${p}_kp${r}`)])}, '')` }] : []),
  ]);
  return stages;
}

export interface PartyColumns {
  readonly stages: Stages;
  /** Column names: the cleaned display name, its folded words, the key, the umlaut key (NULL when none or the same),
   * and the non-buyer reason (NULL for a buyer). */
  readonly clean: string;
  readonly words: string;
  readonly key: string;
  readonly alt: string | null;
  readonly nonBuyer: string | null;
  /** The legal forms removed (`gmbh and co kg`), '' when none; null unless asked for. */
  readonly legal: string | null;
}

/**
 * The stages that read the party name column `raw` (NULL reads as ""), with `p` as the prefix of every column they
 * add; `fold` names the CTE of foldTableSql. `withAlt` and `withNonBuyer` add those columns.
 */
export function partyStages(d: Dialect, raw: string, p: string, fold: string, opts: { alt?: boolean; nonBuyer?: boolean; legal?: boolean } = {}): PartyColumns {
  if (d.nfc === null) throw new Error(`${d.name} has no Unicode normalisation: company keys cannot be compiled`);
  const stages: Stages = [[{ name: `${p}_n`, expr: d.nfc(`coalesce(${raw}, '')`) }]];
  stages.push(...cleanStages(d, `${p}_n`, p));
  stages.push(...phraseStages(d, `${p}_clean`, `${p}_words`, fold));
  stages.push(...keyStages(d, `${p}_clean`, p, fold, opts.legal));
  let alt: string | null = null;
  if (opts.alt) {
    let swapped = `${p}_n`;
    for (const [c, r] of UMLAUTS) swapped = `replace(${swapped}, ${d.str(c)}, ${d.str(r)})`;
    stages.push([{ name: `${p}_un`, expr: `CASE WHEN ${d.matches(`${p}_n`, "[äöüÄÖÜ]")} THEN ${swapped} ELSE '' END` }]);
    stages.push(...cleanStages(d, `${p}_un`, `${p}_u`));
    stages.push(...keyStages(d, `${p}_u_clean`, `${p}_u`, fold));
    alt = `${p}_alt`;
    stages.push([{ name: alt, expr: `CASE WHEN ${p}_un <> '' AND ${p}_u_key <> ${p}_key THEN ${p}_u_key END` }]);
  }
  let nonBuyer: string | null = null;
  if (opts.nonBuyer) {
    const w = `${p}_words`;
    const whole = (alts: string) => d.matches(w, `(?:^|[^${WORD}])(?:${alts})(?:[^${WORD}]|${d.end})`);
    const toOrder = [`^(?:to )?(?:the )?order(?: of(?:[^${WORD}][^\\n]*)?)?${d.end}`, `^to order(?:[^${WORD}]|${d.end})`, `^to the order(?:[^${WORD}]|${d.end})`].map((re) => d.matches(w, re)).join(" OR ");
    nonBuyer = `${p}_nonbuyer`;
    stages.push([{
      name: nonBuyer,
      expr: `CASE WHEN ${w} = '' OR ${d.matches(w, `^(?:${PLACEHOLDER_WORDS})${d.end}`)} THEN 'placeholder' WHEN ${toOrder} THEN 'to order' WHEN ${whole(BANK_WORDS)} THEN 'bank' WHEN ${whole(FORWARDER_WORDS)} THEN 'forwarder' END`,
    }]);
  }
  return { stages, clean: `${p}_clean`, words: `${p}_words`, key: `${p}_key`, alt, nonBuyer, legal: opts.legal ? `${p}_legal` : null };
}
