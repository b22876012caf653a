/** Web domains of companies, from websites and email addresses, via the public suffix list (tldts). */
import { getDomain } from "tldts";

// Addresses at these domains say nothing about the company that uses them.
const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
  "hotmail.de", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.at", "gmx.com",
  "web.de", "t-online.de", "freenet.de", "posteo.de", "mail.ru", "yandex.ru", "yandex.com", "rambler.ru", "qq.com", "163.com", "126.com",
  "sina.com", "sohu.com", "aliyun.com", "naver.com", "daum.net", "protonmail.com", "proton.me", "zoho.com", "mail.com", "orange.fr", "free.fr",
  "laposte.net", "libero.it", "virgilio.it", "tiscali.it", "seznam.cz", "wp.pl", "onet.pl", "interia.pl", "o2.pl", "btinternet.com", "comcast.net",
  "verizon.net", "att.net", "sbcglobal.net", "rediffmail.com", "bluewin.ch", "telia.se", "sapo.pt", "eircom.net", "uol.com.br", "bol.com.br",
]);

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}

/** The registrable domain of a website or email (`https://www.shop.acme.co.uk/x` -> `acme.co.uk`), or null; free-mail gives null. */
export function companyDomain(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/^mailto:/, "");
  if (v === "") return null;
  const host = v.includes("@") ? v.slice(v.lastIndexOf("@") + 1) : v.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/?#:]/)[0]!;
  const domain = getDomain(host, { allowPrivateDomains: false });
  if (domain === null || !domain.includes(".") || isFreeMail(domain)) return null;
  return domain;
}
