/**
 * The shape of contact data: is this an email address, a website, a phone number, as a person would
 * write one? contact/check.ts goes further (registrable domain, free-mail, numbering plans).
 */
// One @, no spaces, a dot in the domain with a two-letter-or-longer end. Linear: the classes exclude
// the separators that follow them.
const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:".]+(?:\.[^\s@<>(),;:".]+)*\.[\p{L}]{2,}$/u;
/** A host name of letter-digit labels (hyphens inside) ending in a letter label. */
export const HOST_RE = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

export function isEmail(value: string): boolean {
  const v = value.trim().replace(/^mailto:/i, "");
  return v.length <= 254 && EMAIL_RE.test(v);
}

/** A website with a host that has a dot and a letter top-level domain: `acme.de`, `https://www.acme.co.uk/en`. */
export function isWebsite(value: string): boolean {
  const v = value.trim();
  if (v.length > 2048 || /\s/.test(v)) return false;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  let host: string;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    host = url.hostname;
  } catch {
    return false;
  }
  // URL turns non-ASCII hosts into punycode; check the readable form instead.
  const readable = v.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#:]/)[0]!.toLowerCase();
  return HOST_RE.test(host.startsWith("xn--") || host.includes(".xn--") ? readable : host);
}

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15 && /^[\d\s()+.\-/x]+$/i.test(value.trim().replace(/^tel:/i, ""));
}

