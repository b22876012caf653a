import { checkEmail, checkSocial, checkWebsite } from "../../contact/check.js";
import { isPhone } from "../../contact/syntax.js";
import type { TestFn } from "../types.js";

export { isEmail, isPhone, isWebsite } from "../../contact/syntax.js";

export type PresentCheck = "any" | "email" | "url" | "phone" | "social";

/** Which check a `present` criterion applies when the portrait does not say: guessed from the field name. */
export function defaultCheck(field: string): PresentCheck {
  const f = field.toLowerCase();
  if (/e-?mail/.test(f)) return "email";
  if (/web|site|url|domain|homepage/.test(f)) return "url";
  if (/phone|tel|mobile|whatsapp/.test(f)) return "phone";
  if (/linkedin|facebook|instagram|social|twitter|tiktok|youtube/.test(f)) return "social";
  return "any";
}

/** The check a `present` test applies: `true` or unset guesses it from the field's name, `false` is `any`. */
export function presentCheckFor(field: string, present: boolean | PresentCheck | undefined): PresentCheck {
  return present === true || present === undefined ? defaultCheck(field) : present === false ? "any" : present;
}

/**
 * `present`: the value is non-blank and passes its check: an email address that parses (contact/check),
 * a website with a registrable domain that is the company's own (not a social profile or a marketplace
 * storefront), a phone number as people write one, a social-network profile link.
 */
export function presentTest(check: PresentCheck): TestFn {
  const ok =
    check === "email" ? (v: string) => checkEmail(v).ok
    : check === "url" ? (v: string) => checkWebsite(v).ok
    : check === "phone" ? isPhone
    : check === "social" ? (v: string) => checkSocial(v).ok
    : () => true;
  return (value) => (ok(value) ? { match: 1, detail: "present" } : { match: 0, detail: `malformed ${check}` });
}
