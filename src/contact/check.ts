/**
 * Checks of contact data from CRM exports and lead lists: is this email, website, phone number or social link
 * usable for outreach, and what does it say (registrable domain, free-mail, E.164 number, network)?
 *
 * Pure: no I/O, no clock, no randomness. Never throws on any string, and refuses values over MAX_LENGTH characters
 * before doing any work. When `ok` is false, every other field is null (or false), and `reason` says why.
 */
import { createRequire } from "node:module";
import type { PhoneNumber } from "libphonenumber-js/max";

// The full numbering-plan metadata: loaded on the first phone number, synchronously (a CommonJS build), so that
// runs without phone checks never pay for it. The CLI provides it from the build's one-file copy started from V8's
// code cache (io/cached-script.ts: ~33 ms to require the package's ~100 modules, ~12 ms to compile the one file,
// ~5 ms from the cache, measured); without a provider (tests from the sources) the package is required as it is.
type Phones = typeof import("libphonenumber-js/max");
let phones: Phones | undefined;
let provided: (() => Phones | null) | undefined;
/** Where the phone library comes from: asked once, on the first phone number; null means the package. */
export function providePhoneLibrary(load: () => Phones | null): void {
  provided = load;
}
const phoneLib = (): Phones => (phones ??= provided?.() ?? (createRequire(import.meta.url)("libphonenumber-js/max") as Phones));
const isSupportedCountry: Phones["isSupportedCountry"] = (c) => phoneLib().isSupportedCountry(c);
const parsePhoneNumberFromString: Phones["parsePhoneNumberFromString"] = (...args: Parameters<Phones["parsePhoneNumberFromString"]>) => phoneLib().parsePhoneNumberFromString(...args);
import { getDomain, parse as parseDomain } from "tldts";
import { companyDomain, isFreeMail } from "../customs/domains.js";
import { isEmail, isWebsite } from "./syntax.js";

export interface EmailCheck { ok: boolean; address: string | null; domain: string | null; freeMail: boolean; reason?: string }
/** `domain` is the registrable domain (public suffix list): `https://www.shop.acme.co.uk/x` -> `acme.co.uk`. */
export interface WebsiteCheck { ok: boolean; domain: string | null; reason?: string }
export interface PhoneCheck { ok: boolean; e164: string | null; country: string | null; reason?: string }
export type SocialNetwork = "linkedin" | "facebook" | "instagram" | "x" | "youtube" | "tiktok" | "whatsapp";
export interface SocialCheck { ok: boolean; network: SocialNetwork | null; kind: "company" | "person" | "other" | null; reason?: string }

/** Longer values are refused unread. */
export const MAX_LENGTH = 2048;

const TOO_LONG = `longer than ${MAX_LENGTH} characters`;
// Control characters other than tab and line breaks (those count as whitespace), and a lone UTF-16 surrogate.
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Zero-width characters and the byte-order mark that spreadsheets leave in cells.
const INVISIBLE_RE = /[\u200b-\u200d\u2060\ufeff]/g;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The common first steps: length bound, control characters, invisible characters, outer whitespace. */
function prepare(value: string): { text: string } | { reason: string } {
  if (typeof value !== "string") return { reason: "not text" };
  if (value.length > MAX_LENGTH) return { reason: TOO_LONG };
  if (CONTROL_RE.test(value)) return { reason: "contains control or invalid characters" };
  const text = value.replace(INVISIBLE_RE, "").trim();
  return text === "" ? { reason: "empty" } : { text };
}

// ---------------------------------------------------------------------------------------------------------------
// Email

// Free-mail brands under many country domains (`yahoo.es`, `gmx.ch`, `hotmail.it`), beyond the exact list in
// customs/domains.ts.
const FREE_MAIL_BRANDS = new Set(["gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "gmx", "yandex"]);

// RFC 2606 / 6761 names that are never anyone's real address or site.
function isReserved(domain: string): boolean {
  return /^example\.(?:com|net|org)$/.test(domain) || /\.(?:test|example|invalid|localhost)$/.test(domain);
}

const email = (reason: string): EmailCheck => ({ ok: false, address: null, domain: null, freeMail: false, reason });

/**
 * An email address: trims, strips `mailto:` (and a `?subject=` after it), takes the address out of
 * `Name <a@b.com>`, refuses several addresses in one value, lower-cases. Well-formed means `isEmail` of the
 * present criterion accepts the address; it must also have a registrable domain.
 */
function checkEmailUncached(value: string): EmailCheck {
  // Most addresses in a list are written plainly (`buyer@acme.com`): nothing to trim, unquote or split, and
  // the general path below would give them to isEmail as they are. (A property test holds both paths equal.)
  if (value.length <= MAX_LENGTH && PLAIN_EMAIL_RE.test(value)) return isEmail(value) ? emailOfAddress(value) : email("not a well-formed email address");
  return checkEmailGeneral(value);
}

/** checkEmailUncached without its fast path: the reference its fast path is tested against. */
export function checkEmailGeneral(value: string): EmailCheck {
  const p = prepare(value);
  if ("reason" in p) return email(p.reason);
  let v = p.text;
  if (/^mailto:/i.test(v)) v = v.slice(7).split("?")[0]!.trim();
  // Display names may be quoted and hold commas: `"Doe, John" <john@acme.com>`.
  const unquoted = v.replace(/"[^"]*"/g, '""');
  const parts = unquoted.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== "");
  if (parts.filter((s) => s.includes("@")).length > 1) return email("several addresses in one value");
  if (parts.length !== 1) return email("not an email address");
  const part = parts[0]!;
  let address: string;
  const angle = /^([^<>]*)<([^<>]*)>$/.exec(part);
  if (angle) {
    address = angle[2]!.trim().replace(/^mailto:/i, "");
  } else {
    if (part.split(/\s+/).filter((s) => s.includes("@")).length > 1) return email("several addresses in one value");
    address = part;
  }
  const at = (address.match(/@/g) ?? []).length;
  if (at === 0) return email("no @ in the address");
  if (at > 1) return email("more than one @ in the address");
  address = address.toLowerCase();
  if (!isEmail(address)) return email("not a well-formed email address");
  return emailOfAddress(address);
}

/** A lower-case ASCII address, no spaces, quotes, brackets or separators: one label before the @ (dots allowed), a
 * host of letter-digit-hyphen labels ending in a letter label. */
const PLAIN_EMAIL_RE = /^[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}$/;

/** The verdict on a well-formed, lower-case address: a registrable domain, not a reserved one; free-mail or not. */
function emailOfAddress(address: string): EmailCheck {
  const host = address.slice(address.indexOf("@") + 1);
  // One pass of the public suffix list gives the domain and its brand (the domain without the suffix).
  const { domain, domainWithoutSuffix: brand } = parseDomain(host, ICANN_ONLY);
  if (domain === null || !domain.includes(".")) return email("no registrable domain");
  if (isReserved(domain)) return email("a reserved example domain");
  const freeMail = isFreeMail(domain) || (brand !== null && FREE_MAIL_BRANDS.has(brand));
  return { ok: true, address, domain, freeMail };
}

// ---------------------------------------------------------------------------------------------------------------
// Links (websites and social profiles)

interface Link { url: URL; host: string }

/** An http(s) link, with `https://` assumed when the scheme is missing; `host` is lower-case, without `www.`-like
 * prefixes removed (callers decide). */
function parseLink(text: string): Link | { reason: string } {
  if (/\s/.test(text)) return { reason: "contains spaces: not a single link" };
  const withScheme = SCHEME_RE.test(text) ? text : text.startsWith("//") ? `https:${text}` : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { reason: "not a link" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { reason: "not an http(s) link" };
  return { url, host: url.hostname.toLowerCase() };
}

function isIpHost(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

// A Map, not an object: reading an object's property by a new string (every row's domain) makes V8 intern the
// string first, ~0.4 us a lookup (measured, a third of checkWebsite).
const SOCIAL_DOMAINS = new Map<string, SocialNetwork>([
  ["linkedin.com", "linkedin"], ["lnkd.in", "linkedin"],
  ["facebook.com", "facebook"], ["fb.com", "facebook"], ["fb.me", "facebook"],
  ["instagram.com", "instagram"], ["instagr.am", "instagram"],
  ["x.com", "x"], ["twitter.com", "x"],
  ["youtube.com", "youtube"], ["youtu.be", "youtube"],
  ["tiktok.com", "tiktok"],
  ["wa.me", "whatsapp"], ["whatsapp.com", "whatsapp"],
]);
// Profiles that are not a company's own site either, though checkSocial does not classify them.
const OTHER_PROFILE_DOMAINS = new Set(["xing.com", "pinterest.com", "linktr.ee"]);
// Marketplaces whose storefronts and listings are not a company's own site (`acme.en.alibaba.com`).
const MARKETPLACE_BRANDS = new Set(["alibaba", "aliexpress", "made-in-china", "1688", "amazon", "ebay", "etsy", "indiamart", "globalsources"]);

/** The public suffix list's ICANN section only: a private suffix (`blogspot.com`) does not make a domain. */
const ICANN_ONLY = { allowPrivateDomains: false } as const;

function registrable(host: string): string | null {
  return isIpHost(host) ? null : getDomain(host, ICANN_ONLY);
}

// ---------------------------------------------------------------------------------------------------------------
// Website

const website = (reason: string): WebsiteCheck => ({ ok: false, domain: null, reason });

/**
 * A company's own website, with a registrable domain. Refuses emails, IP addresses, `localhost`, placeholders,
 * social profiles and marketplace storefronts. Anything `ok` also passes `isWebsite` of the present criterion.
 */
function checkWebsiteUncached(value: string): WebsiteCheck {
  // Most websites in a list are a bare lower-case host (`acme.com`): the URL parser would give it back as it is
  // (ASCII, no punycode, a letter top-level label: not an IP), so the general path's checks reduce to these.
  // (A property test holds both paths equal.)
  if (value.length <= 253 && PLAIN_HOST_RE.test(value) && !value.includes("xn--")) {
    if (value.endsWith(".localhost")) return website("not a public domain");
    return siteOfHost(value, value);
  }
  return checkWebsiteGeneral(value);
}

// HOST_RE (syntax.ts) for lower-case ASCII: labels of 1 to 63 letters, digits and inner hyphens, a top-level label
// of letters: a plain host needs no second, Unicode-class regex (HOST_RE's compile is part of every start).
const PLAIN_HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** checkWebsiteUncached without its fast path: the reference its fast path is tested against. */
export function checkWebsiteGeneral(value: string): WebsiteCheck {
  const p = prepare(value);
  if ("reason" in p) return website(p.reason);
  const v = p.text;
  if (v.includes("@") && (!SCHEME_RE.test(v) || /^mailto:/i.test(v) || isEmail(v))) return website("an email address, not a website");
  if (/^mailto:/i.test(v)) return website("an email address, not a website");
  const link = parseLink(v);
  if ("reason" in link) return website(link.reason === "not a link" ? "not a website address" : link.reason);
  const { host } = link;
  if (link.url.username !== "" || link.url.password !== "") return website("a link with a user name, not a website");
  if (isIpHost(host)) return website("an IP address, not a domain name");
  if (host === "localhost" || host.endsWith(".localhost")) return website("not a public domain");
  if (!isWebsite(v)) return website("not a website address");
  // URL gives non-ASCII hosts as punycode; the domain is reported as written, like companyDomain does.
  return siteOfHost(host, host.includes("xn--") ? v.replace(SCHEME_RE, "").split(/[/?#:\\]/)[0]!.toLowerCase() : host);
}

/** The verdict on a website's host (lower case, as URL gives it; `readable` is it as written): the company's own
 * registrable domain, or why not. */
function siteOfHost(host: string, readable: string): WebsiteCheck {
  // One pass of the public suffix list gives the registrable domain and its brand (the domain without the suffix).
  const parts = isIpHost(host) ? null : parseDomain(host, ICANN_ONLY);
  const reg = parts === null ? null : parts.domain;
  if (reg !== null) {
    if (SOCIAL_DOMAINS.has(reg) || OTHER_PROFILE_DOMAINS.has(reg)) return website("a social profile, not the company's website");
    const brand = parts!.domainWithoutSuffix;
    if (brand !== null && MARKETPLACE_BRANDS.has(brand)) return website("a marketplace storefront");
    if (isReserved(reg)) return website("a reserved example domain");
  }
  // A host as URL gives it is what companyDomain would cut from it: its domain is the registrable one.
  const domain = readable === host ? (reg === null || !reg.includes(".") || isFreeMail(reg) ? null : reg) : companyDomain(readable);
  if (domain === null) {
    return reg !== null && isFreeMail(reg) ? website("a free-mail provider, not the company's website") : website("no registrable domain");
  }
  return { ok: true, domain };
}

// ---------------------------------------------------------------------------------------------------------------
// Phone

const phone = (reason: string): PhoneCheck => ({ ok: false, e164: null, country: null, reason });

function parsePhone(text: string, country: string | undefined): PhoneNumber | undefined {
  try {
    return country !== undefined && isSupportedCountry(country) ? parsePhoneNumberFromString(text, country) : parsePhoneNumberFromString(text);
  } catch {
    return undefined;
  }
}

/** `00 49 …`, `0049 …`, `+0049 …` -> `+49 …`, for when the default country does not dial out with 00. */
function plusForm(text: string): string {
  return text.replace(/^(?:tel:)?\s*(?:\+\s*)?\(?0\s*0\s*\)?\s*(?=[1-9])/i, "+");
}

/**
 * Whether a parsed number is valid, asked of libphonenumber once per number: `isValid()` matches the number against
 * its country's patterns again on every call (~3 us), and a check asks it of the same number up to three times.
 */
const validity = new WeakMap<PhoneNumber, boolean>();
function isValidPhone(p: PhoneNumber | undefined): boolean {
  if (p === undefined) return false;
  let v = validity.get(p);
  if (v === undefined) validity.set(p, (v = p.isValid()));
  return v;
}

function parseBest(text: string, country: string | undefined): PhoneNumber | undefined {
  const first = parsePhone(text, country);
  if (isValidPhone(first)) return first;
  const plus = plusForm(text);
  if (plus === text) return first;
  const second = parsePhone(plus, country);
  return isValidPhone(second) || first === undefined ? second : first;
}

/**
 * A phone number, validated digit by digit against libphonenumber's full metadata. National numbers are read
 * with `defaultCountry` (ISO alpha-2, any case); `country` is the number's own country. Accepts `+49 (0)40 …`,
 * `00 49 …`, extensions (`x123`, `ext. 5`; left out of `e164`), and several numbers split by `/`, `;` or line
 * breaks, of which the first is taken.
 */
function checkPhoneUncached(value: string, defaultCountry?: string): PhoneCheck {
  const p = prepare(value);
  if ("reason" in p) return phone(p.reason);
  const text = p.text;
  if (!/\p{Nd}/u.test(text)) return phone("no digits");
  const dc = typeof defaultCountry === "string" && /^[a-z]{2}$/i.test(defaultCountry.trim()) ? defaultCountry.trim().toUpperCase() : undefined;
  const country = dc !== undefined && isSupportedCountry(dc) ? dc : undefined;

  // Several numbers: take the first, when it is valid on its own; otherwise `/` may be inside one number
  // (`040 / 3344 5566`), so the whole value gets a try too.
  const segments = text.split(/[;/\n\r]/).map((s) => s.trim()).filter((s) => /\p{Nd}/u.test(s));
  let parsed: PhoneNumber | undefined;
  const head = segments[0];
  if (head !== undefined && segments.length > 1) {
    parsed = parseBest(head, country);
    if (!isValidPhone(parsed)) {
      const whole = parseBest(text, country);
      if (isValidPhone(whole)) parsed = whole;
    }
  } else {
    parsed = parseBest(text, country);
  }

  if (parsed === undefined) {
    const international = /^(?:tel:)?\s*\(?\s*(?:\+|00)/i.test(head ?? text);
    if (!international && country === undefined) {
      return phone(dc === undefined ? "no country code, and no default country to read a national number with" : `no country code, and the default country ${dc} is unknown`);
    }
    return phone("not a phone number");
  }
  if (!isValidPhone(parsed)) {
    const where = parsed.country ?? `+${parsed.countryCallingCode}`;
    return phone(parsed.isPossible() ? `not a valid number for ${where}` : `wrong number of digits for ${where}`);
  }
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// Social

const social = (reason: string): SocialCheck => ({ ok: false, network: null, kind: null, reason });

type Kind = "company" | "person" | "other";
type Verdict = Kind | { reason: string };

const NO_PROFILE = { reason: "no profile in the link" };
const SHARE = { reason: "a share or login link, not a profile" };

function linkedin(seg: string[], reg: string): Verdict {
  if (reg === "lnkd.in") return seg.length > 0 ? "other" : NO_PROFILE;
  const [first, second] = seg;
  if (first === undefined) return NO_PROFILE;
  const f = first.toLowerCase();
  if (["sharearticle", "share", "sharing", "login", "signup", "uas", "authwall", "checkpoint"].includes(f)) return SHARE;
  if (["company", "school", "showcase"].includes(f)) return second !== undefined ? "company" : NO_PROFILE;
  if (f === "in" || f === "pub") return second !== undefined ? "person" : NO_PROFILE;
  return "other";
}

function facebook(seg: string[], url: URL): Verdict {
  const first = seg[0]?.toLowerCase();
  if (first === undefined) return NO_PROFILE;
  if (/^(?:sharer|share|dialog|login|plugins|tr|home\.php|l\.php|recover|signup|r\.php)(?:\.php)?$/.test(first)) return SHARE;
  if (first === "profile.php") return url.searchParams.get("id") ? "other" : NO_PROFILE;
  if (first === "pages" || first === "p") return seg.length > 1 ? "company" : NO_PROFILE;
  if (first === "people") return seg.length > 1 ? "person" : NO_PROFILE;
  return "other";
}

function handleNetwork(seg: string[], reserved: RegExp): Verdict {
  const first = seg[0]?.toLowerCase();
  if (first === undefined) return NO_PROFILE;
  if (reserved.test(first)) return SHARE;
  return "other";
}

function whatsapp(seg: string[], url: URL, host: string, reg: string): Verdict {
  const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "").length;
  if (reg === "wa.me") {
    const first = seg[0];
    if (first === undefined) return NO_PROFILE;
    if ((first === "message" || first === "c") && seg[1] !== undefined) return "other";
    const n = digits(first);
    return /^\+?\d+$/.test(first) && n >= 7 && n <= 15 ? "other" : { reason: "no phone number in the WhatsApp link" };
  }
  if (host === "chat.whatsapp.com") return seg.length > 0 ? "other" : NO_PROFILE;
  const n = digits(url.searchParams.get("phone"));
  if (n >= 7 && n <= 15) return "other";
  return seg.length === 0 ? NO_PROFILE : { reason: "no phone number in the WhatsApp link" };
}

/**
 * A link to a profile, page, channel or post on a social network. `kind` is `company` or `person` where the link
 * itself says so (LinkedIn `/company/…`, `/in/…`; Facebook `/pages/…`, `/people/…`), else `other`. Bare network
 * home pages and share/login links are not ok.
 */
function checkSocialUncached(value: string): SocialCheck {
  const p = prepare(value);
  if ("reason" in p) return social(p.reason);
  const link = parseLink(p.text);
  if ("reason" in link) return social(link.reason);
  const { url, host } = link;
  const reg = registrable(host);
  const network = reg === null ? undefined : SOCIAL_DOMAINS.get(reg);
  if (reg === null || network === undefined) return social("not a link to a known social network");
  let seg: string[];
  try {
    seg = url.pathname.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
  } catch {
    seg = url.pathname.split("/").filter((s) => s !== "");
  }
  let verdict: Verdict;
  switch (network) {
    case "linkedin":
      verdict = linkedin(seg, reg);
      break;
    case "facebook":
      verdict = reg === "fb.me" ? (seg.length > 0 ? "other" : NO_PROFILE) : facebook(seg, url);
      break;
    case "instagram":
      verdict = handleNetwork(seg, /^(?:accounts|explore|direct|about|legal|developer)$/);
      break;
    case "x":
      verdict = handleNetwork(seg, /^(?:intent|share|home|search|login|i|signup|explore|hashtag|settings|compose)$/);
      break;
    case "youtube":
      verdict = handleNetwork(seg, /^(?:results|feed|account|signin|login)$/);
      if (verdict === "other" && seg[0] === "watch" && !url.searchParams.get("v")) verdict = NO_PROFILE;
      break;
    case "tiktok":
      verdict = handleNetwork(seg, /^(?:login|signup|foryou|explore|search|discover|legal)$/);
      break;
    case "whatsapp":
      verdict = whatsapp(seg, url, host, reg);
      break;
  }
  return typeof verdict === "string" ? { ok: true, network, kind: verdict } : social(verdict.reason);
}

/**
 * The last answer, remembered: a row's website is checked by its `present` criterion and again by
 * its channel plan, one call after the other. Results are frozen, so sharing them changes nothing.
 */
function rememberLast<R extends object>(fn: (value: string, extra?: string) => R): (value: string, extra?: string) => R {
  let lastValue: string | undefined;
  let lastExtra: string | undefined;
  let last: R | undefined;
  return (value, extra) => {
    if (last !== undefined && value === lastValue && extra === lastExtra) return last;
    last = Object.freeze(fn(value, extra));
    lastValue = value;
    lastExtra = extra;
    return last;
  };
}

export const checkEmail: (value: string) => EmailCheck = rememberLast(checkEmailUncached);
export const checkWebsite: (value: string) => WebsiteCheck = rememberLast(checkWebsiteUncached);
export const checkSocial: (value: string) => SocialCheck = rememberLast(checkSocialUncached);
export const checkPhone: (value: string, defaultCountry?: string) => PhoneCheck = rememberLast(checkPhoneUncached);
