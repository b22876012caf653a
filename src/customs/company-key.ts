/**
 * Company names as freight clerks write them (`ACME TRADING CO., LTD.`, `Acme Trading Company Limited`,
 * `ACME TRADING C/O DHL GLOBAL FORWARDING`) to one key: `acme trading`. Steps:
 * 1. the first line of a multi-line block; care-of, attention, contact and agent tails cut;
 * 2. folded (case, accents), `&` and `+` to `and`, punctuation to spaces;
 * 3. legal forms removed as whole words at the end (and, for a few, at the start), repeatedly,
 *    and kept apart: they hint at the country (`gmbh`, `s a de c v`, `oy`).
 * The key never drops words inside a name: `Columbus` stays `columbus`.
 */
import { foldText } from "../engine/text.js";

// Legal forms by family, written as the words they become after step 2 (punctuation -> spaces).
export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  "english": ["inc", "incorporated", "and co", "and company", "and co inc", "and co ltd", "corp", "corporation", "co", "company", "llc", "l l c", "llp", "l l p", "lp", "l p", "ltd", "limited", "plc", "pllc", "pc", "lc", "the", "co inc", "co ltd", "company limited", "limited company", "ltd co", "limited liability company"],
  "german": ["gesellschaft mit beschrankter haftung", "aktiengesellschaft", "kommanditgesellschaft", "gmbh", "mbh", "gmbh and co kg", "gmbh co kg", "gmbh and co", "ag", "kg", "ag and co kg", "ohg", "ug", "ug haftungsbeschrankt", "e k", "ek", "e kfm", "gbr", "kgaa", "se", "e v", "ev"],
  "french": ["societe anonyme", "societe a responsabilite limitee", "sa", "s a", "sas", "s a s", "sasu", "sarl", "s a r l", "eurl", "sca", "snc", "sci", "selarl"],
  "spanish and latin american": ["sociedad anonima", "sociedad limitada", "sociedad de responsabilidad limitada", "s a de c v", "sa de cv", "s de r l", "s de rl", "s de r l de c v", "sl", "s l", "slu", "s l u", "sau", "s a u", "ltda", "limitada", "eireli", "me", "ltda me", "epp", "sac", "s a c", "saa", "s a a", "sas", "srl", "s r l", "cia ltda", "y cia"],
  "italian": ["societa per azioni", "societa a responsabilita limitata", "spa", "s p a", "srl", "s r l", "srls", "snc", "sas", "sapa"],
  "dutch and belgian": ["besloten vennootschap", "naamloze vennootschap", "bv", "b v", "nv", "n v", "bvba", "vof", "cv", "c v", "comm v", "sprl"],
  "nordic": ["aktiebolag", "aktieselskab", "aksjeselskap", "anpartsselskab", "osakeyhtio", "julkinen osakeyhtio", "ab", "oy", "oyj", "as", "a s", "asa", "aps", "a p s", "hf", "ehf", "ky"],
  "central european": ["sp z o o", "sp z oo", "spolka z o o", "s r o", "sro", "spol s r o", "a s", "kft", "zrt", "nyrt", "bt", "d o o", "doo", "d d", "ad", "ood", "eood", "srl", "s a"],
  "russian and cis": ["ooo", "zao", "pao", "oao", "ao", "tov", "pat", "ip"],
  "asian": ["pty ltd", "pty", "pty limited", "pvt ltd", "pvt", "private limited", "pte ltd", "pte", "sdn bhd", "bhd", "berhad", "pt", "tbk", "pt tbk", "k k", "kk", "kabushiki kaisha", "yugen kaisha", "godo kaisha", "gk", "co ltd", "hk ltd", "jsc", "jsc co", "company limited", "corp ltd", "ltd co", "inc co"],
  "turkish and middle eastern": ["a s", "as", "ltd sti", "sti", "a s ltd", "wll", "w l l", "fze", "fzco", "fz llc", "l l c", "spc", "saog", "saoc"],
};

// Forms that come before the name in some countries: `PT Sumber Alfaria`, `OOO Romashka`.
const PREFIX_FORMS = ["pt", "ooo", "zao", "pao", "oao", "ao", "tov", "cv", "ud", "the", "kabushiki kaisha", "yugen kaisha"];

export const SUFFIXES: readonly string[][] = [...new Set(Object.values(LEGAL_FORMS).flat())].map((f) => f.split(" ")).sort((a, b) => b.length - a.length);
export const PREFIXES: readonly string[][] = PREFIX_FORMS.map((f) => f.split(" ")).sort((a, b) => b.length - a.length);

// Tails that follow a name in party fields: care-of, attention, contact data, trade names, agents.
// Tails are cut only after some name: a bare number or code is the name itself (coded importer IDs).
/** The tails' first words, as regular-expression alternatives (ASCII; matched case-insensitively). */
export const TAIL_WORDS = String.raw`c\/o|c\/0|care of|attn:?|attention:?|tel[.:]?|phone:?|fax:?|e-?mail:?|dba|d\/b\/a|t\/a|as agent(?:s)? for|agent for|on behalf of|for account of`;
const TAIL_RE = new RegExp(String.raw`(?<=\S)\s(?:${TAIL_WORDS})(?:\s|$).*$`, "is");
const EMAIL_OR_PHONE_RE = /(?<=\S)\s(?:\+?\d[\d\s().-]{6,}|\S+@\S+).*$/s;

export interface CompanyKey {
  /** The comparison key: folded words without legal forms; empty when the name has no words. */
  readonly key: string;
  /** The legal forms removed, as folded words (`gmbh and co kg`), outermost last. */
  readonly legalForms: readonly string[];
  /**
   * For names with ä, ö or ü: the key with the German transliteration (`Möbelhaus Krüger` ->
   * `moebelhaus krueger`), as customs clerks write them; the key itself drops the marks (`mobelhaus
   * kruger`), as Swedish, Finnish or Turkish names are written. Null when the name has none.
   */
  readonly alt: string | null;
}

/** The cleaned display name: first line, tails cut, spaces collapsed; composed (NFC), so that one name written with
 * combining marks or without is one name. */
export function cleanPartyName(raw: string): string {
  const firstLine = raw.normalize("NFC").split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
  let s = firstLine.replace(/\s+/g, " ").trim();
  s = s.replace(TAIL_RE, "").replace(EMAIL_OR_PHONE_RE, "");
  return cutAddress(s.trim());
}

/** Legal forms after which a number starts a street address (regular-expression alternatives, case-insensitive). */
export const ADDRESS_AFTER = String.raw`inc|corp|co|ltd|llc|gmbh|ag|sa|s\.a\.|bv|b\.v\.|srl|spa|limited|plc`;
const ADDRESS_RE = new RegExp(String.raw`^(.*?\b(?:${ADDRESS_AFTER})\.?,?)\s+\d{1,6}\b.*$`, "i");

/** Cuts a street address glued to the name (`ABC INC. 123 MAIN ST`): after a legal form, a number starts the address. */
function cutAddress(name: string): string {
  const m = ADDRESS_RE.exec(name);
  return m ? m[1]!.replace(/,$/, "") : name;
}

const UMLAUT_RE = /[äöüÄÖÜ]/;
const UMLAUTS: Readonly<Record<string, string>> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue" };

export function companyKey(text: string): CompanyKey {
  const raw = text.normalize("NFC"); // a decomposed ü (u + combining diaeresis) is still an umlaut
  const { key, legalForms } = keyOf(raw);
  const alt = UMLAUT_RE.test(raw) ? keyOf(raw.replace(/[äöüÄÖÜ]/g, (c) => UMLAUTS[c] ?? c)).key : null;
  return { key, legalForms, alt: alt === key ? null : alt };
}

/** Rounds of legal-form removal (one at the end, then one at the start, per round): a bound that no real name
 * reaches, and that the SQL compiler (sql/customs.ts) unrolls. */
export const LEGAL_FORM_ROUNDS = 6;

function keyOf(raw: string): { key: string; legalForms: string[] } {
  const words = foldText(cleanPartyName(raw)).replace(/[&+]/g, " and ").replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter((w) => w !== "");
  const legalForms: string[] = [];
  let changed = true;
  for (let round = 0; changed && words.length > 1 && round < LEGAL_FORM_ROUNDS; round++) {
    changed = false;
    for (const form of SUFFIXES) {
      if (form.length < words.length && endsWith(words, form)) {
        legalForms.unshift(words.splice(words.length - form.length).join(" "));
        changed = true;
        break;
      }
    }
    for (const form of PREFIXES) {
      if (form.length < words.length && startsWith(words, form)) {
        legalForms.push(words.splice(0, form.length).join(" "));
        changed = true;
        break;
      }
    }
  }
  return { key: words.join(" "), legalForms };
}

function endsWith(words: readonly string[], form: readonly string[]): boolean {
  const off = words.length - form.length;
  return form.every((w, i) => words[off + i] === w);
}

function startsWith(words: readonly string[], form: readonly string[]): boolean {
  return form.every((w, i) => words[i] === w);
}

export type NonBuyerReason = "to order" | "placeholder" | "bank" | "forwarder";

/** The words (folded, as regular-expression alternatives) of names that are not buyers: placeholders (the whole
 * name), banks and forwarders (anywhere, as whole words). */
export const PLACEHOLDER_WORDS = "n ?a|none|null|unknown|not available|confidential|same as consignee|same as above|see above|to be advised|tba|various";
export const BANK_WORDS = "bank|banco|banque|bancaria|sparkasse|volksbank|raiffeisen|hsbc|citibank|jpmorgan|barclays|santander|bnp paribas|credit agricole|commerzbank|deutsche bank|unicredit|intesa|societe generale";
export const FORWARDER_WORDS = "logistics|logistic|logistik|logistica|logistique|forwarding|forwarders?|freight|shipping|cargo|customs broker|customs brokerage|nvocc|dhl|kuehne nagel|kuhne nagel|db schenker|schenker|expeditors|c h robinson|ch robinson|panalpina|dsv|ceva|agility|nippon express|bollore|geodis|kerry logistics|toll global|hellmann|dachser|sinotrans|damco|yusen|fedex|ups supply chain|express";
const PLACEHOLDER_RE = new RegExp(`^(?:${PLACEHOLDER_WORDS}|-*)$`);
const TO_ORDER_RE = /^(?:to )?(?:the )?order(?: of\b.*)?$|^to order\b|^to the order\b/;
const BANK_RE = new RegExp(String.raw`\b(?:${BANK_WORDS})\b`);
const FORWARDER_RE = new RegExp(String.raw`\b(?:${FORWARDER_WORDS})\b`);

/** Why a consignee is not a real buyer (`TO ORDER`, a bank, a forwarder, a placeholder), or null. */
export function nonBuyer(raw: string): NonBuyerReason | null {
  const name = foldText(cleanPartyName(raw)).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  if (name === "" || PLACEHOLDER_RE.test(name)) return "placeholder";
  if (TO_ORDER_RE.test(name)) return "to order";
  if (BANK_RE.test(name)) return "bank";
  if (FORWARDER_RE.test(name)) return "forwarder";
  return null;
}
