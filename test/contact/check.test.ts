import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEmail, checkPhone, checkSocial, checkWebsite, MAX_LENGTH, type EmailCheck, type PhoneCheck, type SocialCheck, type WebsiteCheck } from "../../src/contact/check.js";
import { isEmail, isWebsite } from "../../src/engine/criteria/present.js";

const mail = (address: string, domain: string, freeMail = false): EmailCheck => ({ ok: true, address, domain, freeMail });
const badMail = (reason: string): EmailCheck => ({ ok: false, address: null, domain: null, freeMail: false, reason });
const site = (domain: string): WebsiteCheck => ({ ok: true, domain });
const badSite = (reason: string): WebsiteCheck => ({ ok: false, domain: null, reason });
const tel = (e164: string, country: string | null): PhoneCheck => ({ ok: true, e164, country });
const badTel = (reason: string): PhoneCheck => ({ ok: false, e164: null, country: null, reason });
const profile = (network: SocialCheck["network"], kind: SocialCheck["kind"]): SocialCheck => ({ ok: true, network, kind });
const badProfile = (reason: string): SocialCheck => ({ ok: false, network: null, kind: null, reason });

const NO_COUNTRY = "no country code, and no default country to read a national number with";
const SOCIAL_SITE = "a social profile, not the company's website";
const NOT_SOCIAL = "not a link to a known social network";
const NO_PROFILE = "no profile in the link";
const SHARE = "a share or login link, not a profile";

describe("checkEmail", () => {
  it.each<[string, EmailCheck]>([
    [" JOHN.DOE@ACME.DE ", mail("john.doe@acme.de", "acme.de")],
    ["mailto:info@x.co.uk", mail("info@x.co.uk", "x.co.uk")],
    ["MAILTO:info@x.co.uk?subject=Anfrage", mail("info@x.co.uk", "x.co.uk")],
    ["Max Mustermann <max@firma.de>", mail("max@firma.de", "firma.de")],
    ['"Doe, John" <john@acme.com>', mail("john@acme.com", "acme.com")],
    ["<einkauf@moebel-krueger.de>", mail("einkauf@moebel-krueger.de", "moebel-krueger.de")],
    ["info@acme.de <info@acme.de>", mail("info@acme.de", "acme.de")],
    ["mette@nordicliving.dk", mail("mette@nordicliving.dk", "nordicliving.dk")],
    ["purchasing@mail.sunrise-furniture.com.au", mail("purchasing@mail.sunrise-furniture.com.au", "sunrise-furniture.com.au")],
    ["\u200binfo@acme.de\ufeff", mail("info@acme.de", "acme.de")],
    ["\tverkauf@müller-möbel.de\r\n", mail("verkauf@müller-möbel.de", "müller-möbel.de")],
    ["first.last+crm@acme-trading.co.uk", mail("first.last+crm@acme-trading.co.uk", "acme-trading.co.uk")],
    // Free mail: the exact list in customs/domains.ts, and brands under other country domains.
    ["someone@gmail.com", mail("someone@gmail.com", "gmail.com", true)],
    ["Someone@GoogleMail.com", mail("someone@googlemail.com", "googlemail.com", true)],
    ["x@outlook.com", mail("x@outlook.com", "outlook.com", true)],
    ["x@yahoo.co.uk", mail("x@yahoo.co.uk", "yahoo.co.uk", true)],
    ["x@yahoo.es", mail("x@yahoo.es", "yahoo.es", true)],
    ["x@web.de", mail("x@web.de", "web.de", true)],
    ["x@gmx.net", mail("x@gmx.net", "gmx.net", true)],
    ["x@gmx.ch", mail("x@gmx.ch", "gmx.ch", true)],
    ["wang.lei@qq.com", mail("wang.lei@qq.com", "qq.com", true)],
    ["zhang@163.com", mail("zhang@163.com", "163.com", true)],
    ["ivanov@mail.ru", mail("ivanov@mail.ru", "mail.ru", true)],
    ["x@hotmail.it", mail("x@hotmail.it", "hotmail.it", true)],
    // Refused.
    ["a@b", badMail("not a well-formed email address")],
    ["info@@x.com", badMail("more than one @ in the address")],
    ["sales@acme.com; info@acme.com", badMail("several addresses in one value")],
    ["sales@acme.com, info@acme.com", badMail("several addresses in one value")],
    ["sales@acme.com info@acme.com", badMail("several addresses in one value")],
    ["Sales <sales@acme.com>, Info <info@acme.com>", badMail("several addresses in one value")],
    ["N/A", badMail("no @ in the address")],
    ["info at acme dot com", badMail("no @ in the address")],
    ["", badMail("empty")],
    ["   ", badMail("empty")],
    ["mailto:", badMail("not an email address")],
    ["@acme.de", badMail("not a well-formed email address")],
    ["info@", badMail("not a well-formed email address")],
    ["info@acme", badMail("not a well-formed email address")],
    ["info@acme.de.", badMail("not a well-formed email address")],
    ["info@192.168.0.1", badMail("not a well-formed email address")],
    ["john doe@acme.com", badMail("not a well-formed email address")],
    ["info@co.uk", badMail("no registrable domain")],
    ["info@example.com", badMail("a reserved example domain")],
    ["a\u0000b@x.com", badMail("contains control or invalid characters")],
  ])("%j", (value, expected) => {
    expect(checkEmail(value)).toEqual(expected);
  });
});

describe("checkWebsite", () => {
  it.each<[string, WebsiteCheck]>([
    ["www.moebel-krueger.de", site("moebel-krueger.de")],
    ["https://www.acme.co.uk/en/about?x=1", site("acme.co.uk")],
    ["acme.com.au", site("acme.com.au")],
    ["HTTPS://WWW.ACME.DE", site("acme.de")],
    [" http://shop.nordicliving.dk/ ", site("nordicliving.dk")],
    ["http://acme.de:8080/shop", site("acme.de")],
    ["http://www.möbel-krüger.de/", site("möbel-krüger.de")],
    ["www.acme.co", site("acme.co")],
    ["sunrise-furniture.com.au/contact-us#form", site("sunrise-furniture.com.au")],
    ["https://www.tokyo-kagu.co.jp", site("tokyo-kagu.co.jp")],
    ["http://192.168.0.1", badSite("an IP address, not a domain name")],
    ["http://[::1]/", badSite("an IP address, not a domain name")],
    ["localhost", badSite("not a public domain")],
    ["http://localhost:3000", badSite("not a public domain")],
    ["N/A", badSite("not a website address")],
    ["www", badSite("not a website address")],
    ["acme", badSite("not a website address")],
    ["-", badSite("not a website address")],
    ["acme.de.", badSite("not a website address")],
    ["https://", badSite("not a website address")],
    ["", badSite("empty")],
    ["info@acme.de", badSite("an email address, not a website")],
    ["mailto:info@acme.de", badSite("an email address, not a website")],
    ["ftp://files.acme.de", badSite("not an http(s) link")],
    ["https://www.acme.de/ https://www.acme.com/", badSite("contains spaces: not a single link")],
    ["http://user:pw@acme.de", badSite("a link with a user name, not a website")],
    ["https://www.linkedin.com/company/acme", badSite(SOCIAL_SITE)],
    ["www.facebook.com/acmegmbh", badSite(SOCIAL_SITE)],
    ["https://www.instagram.com/acme/", badSite(SOCIAL_SITE)],
    ["www.xing.com/pages/acme-gmbh", badSite(SOCIAL_SITE)],
    ["acme.en.alibaba.com", badSite("a marketplace storefront")],
    ["https://acmefurniture.en.alibaba.com/productlist.html", badSite("a marketplace storefront")],
    ["https://www.amazon.de/s?me=A1B2C3", badSite("a marketplace storefront")],
    ["www.gmail.com", badSite("a free-mail provider, not the company's website")],
    ["co.uk", badSite("no registrable domain")],
    ["example.com", badSite("a reserved example domain")],
  ])("%j", (value, expected) => {
    expect(checkWebsite(value)).toEqual(expected);
  });
});

describe("checkPhone", () => {
  it.each<[string, string | undefined, PhoneCheck]>([
    ["+49 40 3344 5566", undefined, tel("+494033445566", "DE")],
    ["(617) 555-0142", "US", tel("+16175550142", "US")],
    ["(212) 555-0199", "us", tel("+12125550199", "US")],
    ["+33 1 42 68 53 00", undefined, tel("+33142685300", "FR")],
    ["0049 (0)40 33445566", undefined, tel("+494033445566", "DE")],
    ["0049 (0)40 33445566", "US", tel("+494033445566", "DE")],
    ["00 49 40 33445566", undefined, tel("+494033445566", "DE")],
    ["+0049 40 33445566", undefined, tel("+494033445566", "DE")],
    ["+49 (0)40 33445566", undefined, tel("+494033445566", "DE")],
    ["(+49) 40 33445566", undefined, tel("+494033445566", "DE")],
    ["040 33445566", "DE", tel("+494033445566", "DE")],
    ["040/33445566", "DE", tel("+494033445566", "DE")],
    ["+1 212-555-0199 ext. 12", undefined, tel("+12125550199", "US")],
    ["+49 40 3344 5566 x123", undefined, tel("+494033445566", "DE")],
    ["tel:+1-212-555-0199;ext=123", undefined, tel("+12125550199", "US")],
    ["+44 20 7946 0958 / +44 7700 900123", undefined, tel("+442079460958", "GB")],
    ["+49 40 3344 5566 / 5567", undefined, tel("+494033445566", "DE")],
    ["+49 40 33445566; +49 40 33445567", undefined, tel("+494033445566", "DE")],
    ["+49 40 33445566\n+49 40 33445567", undefined, tel("+494033445566", "DE")],
    ["Tel.: +49 40 3344 5566", undefined, tel("+494033445566", "DE")],
    ["+86 138 0013 8000", undefined, tel("+8613800138000", "CN")],
    ["138 0013 8000", "CN", tel("+8613800138000", "CN")],
    ["+7 495 123-45-67", undefined, tel("+74951234567", "RU")],
    ["+45 33 12 34 56", undefined, tel("+4533123456", "DK")],
    ["02 9374 4000", "AU", tel("+61293744000", "AU")],
    ["0011 49 40 33445566", "AU", tel("+494033445566", "DE")],
    ["011 49 40 33445566", "US", tel("+494033445566", "DE")],
    ["+49\u00a0151\u00a023456789", undefined, tel("+4915123456789", "DE")],
    ["０４０ ３３４４５５６６", "DE", tel("+494033445566", "DE")],
    ["+800 1234 5678", undefined, tel("+80012345678", null)],
    ["12345", undefined, badTel(NO_COUNTRY)],
    ["12345", "DE", badTel("not a valid number for DE")],
    ["call me", undefined, badTel("no digits")],
    ["n/a", "DE", badTel("no digits")],
    ["+", undefined, badTel("no digits")],
    ["", "DE", badTel("empty")],
    ["(617) 555-0142", undefined, badTel(NO_COUNTRY)],
    ["040 33445566", "Germany", badTel(NO_COUNTRY)],
    ["040 33445566", "XX", badTel("no country code, and the default country XX is unknown")],
    ["+1 555 555 5555", undefined, badTel("not a valid number for +1")],
    ["+44 7700 900123", undefined, badTel("not a valid number for +44")],
    ["+1 800 FLOWERS", undefined, badTel("wrong number of digits for +1")],
    ["1234567", "US", badTel("wrong number of digits for US")],
    ["+49 40 3344\u00005566", undefined, badTel("contains control or invalid characters")],
  ])("%j (default %s)", (value, country, expected) => {
    expect(checkPhone(value, country)).toEqual(expected);
  });
});

describe("checkSocial", () => {
  it.each<[string, SocialCheck]>([
    ["https://www.linkedin.com/company/acme", profile("linkedin", "company")],
    ["linkedin.com/company/acme-trading-gmbh/", profile("linkedin", "company")],
    ["https://www.linkedin.com/company/acme/about/?viewAsMember=true", profile("linkedin", "company")],
    ["https://www.linkedin.com/school/tu-muenchen/", profile("linkedin", "company")],
    ["de.linkedin.com/in/juergen-krueger", profile("linkedin", "person")],
    ["https://uk.linkedin.com/pub/john-smith/1/2/3", profile("linkedin", "person")],
    ["HTTPS://WWW.LINKEDIN.COM/IN/METTE-HANSEN", profile("linkedin", "person")],
    ["https://lnkd.in/dAbC123", profile("linkedin", "other")],
    ["https://www.facebook.com/acmegmbh", profile("facebook", "other")],
    ["https://de-de.facebook.com/acmegmbh/", profile("facebook", "other")],
    ["https://m.facebook.com/pages/Acme/123456", profile("facebook", "company")],
    ["https://www.facebook.com/people/Juergen-Krueger/1000123", profile("facebook", "person")],
    ["https://www.facebook.com/profile.php?id=100063", profile("facebook", "other")],
    ["instagram.com/acme_official/", profile("instagram", "other")],
    ["https://www.instagram.com/acme?igsh=abc123", profile("instagram", "other")],
    ["https://twitter.com/acme", profile("x", "other")],
    ["https://x.com/acme/status/1790000000", profile("x", "other")],
    ["https://www.youtube.com/@acme", profile("youtube", "other")],
    ["https://www.youtube.com/channel/UC123abc", profile("youtube", "other")],
    ["youtu.be/dQw4w9WgXcQ", profile("youtube", "other")],
    ["https://www.tiktok.com/@acme", profile("tiktok", "other")],
    ["https://wa.me/491701234567", profile("whatsapp", "other")],
    ["https://api.whatsapp.com/send?phone=491701234567&text=Hi", profile("whatsapp", "other")],
    ["https://chat.whatsapp.com/AbCdEf", profile("whatsapp", "other")],
    ["https://www.linkedin.com/", badProfile(NO_PROFILE)],
    ["linkedin.com/in/", badProfile(NO_PROFILE)],
    ["https://www.linkedin.com/company/", badProfile(NO_PROFILE)],
    ["wa.me/", badProfile(NO_PROFILE)],
    ["https://www.youtube.com/watch", badProfile(NO_PROFILE)],
    ["https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.de", badProfile(SHARE)],
    ["https://www.linkedin.com/shareArticle?mini=true&url=x", badProfile(SHARE)],
    ["https://twitter.com/intent/tweet?text=x", badProfile(SHARE)],
    ["https://api.whatsapp.com/send", badProfile("no phone number in the WhatsApp link")],
    ["https://wa.me/call-me", badProfile("no phone number in the WhatsApp link")],
    ["https://www.acme.de", badProfile(NOT_SOCIAL)],
    ["linkedin.com.evil.net/in/x", badProfile(NOT_SOCIAL)],
    ["www.xing.com/profile/Juergen_Krueger", badProfile(NOT_SOCIAL)],
    ["@acme", badProfile(NOT_SOCIAL)],
    ["linkedin.com/company/acme facebook.com/acme", badProfile("contains spaces: not a single link")],
    ["ftp://linkedin.com/in/x", badProfile("not an http(s) link")],
    ["", badProfile("empty")],
  ])("%j", (value, expected) => {
    expect(checkSocial(value)).toEqual(expected);
  });
});

describe("limits", () => {
  const long = (s: string) => s + "a".repeat(MAX_LENGTH + 1 - s.length);
  it("refuses values over the limit before reading them", () => {
    const reason = `longer than ${MAX_LENGTH} characters`;
    expect(checkEmail(long("info@acme.de "))).toEqual(badMail(reason));
    expect(checkWebsite(long("https://acme.de/"))).toEqual(badSite(reason));
    expect(checkPhone(long("+49 40 33445566 "))).toEqual(badTel(reason));
    expect(checkSocial(long("https://linkedin.com/in/"))).toEqual(badProfile(reason));
  });

  it("takes values at the limit", () => {
    const url = "https://www.acme.de/" + "a".repeat(MAX_LENGTH - 20);
    expect(url.length).toBe(MAX_LENGTH);
    expect(checkWebsite(url)).toEqual(site("acme.de"));
    expect(checkSocial("https://www.linkedin.com/in/" + "a".repeat(MAX_LENGTH - 28))).toEqual(profile("linkedin", "person"));
  });

  it("stays quick on 10,000-character junk", () => {
    for (const s of ["@".repeat(10_000), "a".repeat(10_000), "+".repeat(10_000), '"'.repeat(10_000)]) {
      expect(checkEmail(s).ok).toBe(false);
      expect(checkWebsite(s).ok).toBe(false);
      expect(checkPhone(s, "DE").ok).toBe(false);
      expect(checkSocial(s).ok).toBe(false);
    }
    // Just under the limit, the slowest shapes we know of still take milliseconds.
    const t = performance.now();
    for (const s of ['"'.repeat(2047) + "@x.com", "1/".repeat(1000), "a@".repeat(1000), "<".repeat(1024) + ">".repeat(1024), "x.".repeat(1024)]) {
      for (const check of [checkEmail, checkWebsite, (v: string) => checkPhone(v, "DE"), checkSocial]) expect(check(s).ok).toBe(false);
    }
    // A cell of 120 numbers: the first is taken.
    expect(checkPhone(("+49 40 " + "1".repeat(9) + ";").repeat(120))).toEqual(tel("+4940111111111", "DE"));
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe("agreement with the present criterion", () => {
  it("an ok email's address passes isEmail, an ok website passes isWebsite", () => {
    const values = ["Max Mustermann <max@firma.de>", "mailto:info@x.co.uk", " JOHN.DOE@ACME.DE ", "www.moebel-krueger.de", "https://www.acme.co.uk/en/about?x=1"];
    for (const v of values) {
      const e = checkEmail(v);
      if (e.ok) expect(isEmail(e.address!), v).toBe(true);
      if (checkWebsite(v).ok) expect(isWebsite(v), v).toBe(true);
    }
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), fc.webUrl(), fc.domain()), (v) => {
        const e = checkEmail(v);
        if (e.ok) expect(isEmail(e.address!)).toBe(true);
        if (checkWebsite(v).ok) expect(isWebsite(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("a well-formed address is ok unless its domain is not registrable", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (v) => {
        expect(isEmail(v)).toBe(true);
        const e = checkEmail(v);
        if (!e.ok) expect(["no registrable domain", "a reserved example domain"]).toContain(e.reason);
        else expect(e.address).toBe(v.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });
});

describe("properties", () => {
  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "binary", maxLength: 3000 }),
    fc.string({ unit: fc.constantFrom(..."+0123456789 ()-/;x@.:<>\"',\n\t\u0000\u00a0wa.melinkdn"), maxLength: 80 }),
  );
  const country = fc.option(fc.oneof(fc.constantFrom("DE", "US", "GB", "CN", "AU", "de", "XX", "", "__proto__", "constructor"), fc.string()), { nil: undefined });

  it("never throws, and gives the same answer for the same input", () => {
    fc.assert(
      fc.property(anyString, country, (v, c) => {
        const run = () => [checkEmail(v), checkWebsite(v), checkPhone(v, c), checkSocial(v)] as const;
        const first = run();
        expect(run()).toEqual(first);
        for (const r of first) {
          expect(typeof r.ok).toBe("boolean");
          // Refusals say why; acceptances carry no reason.
          expect(r.ok ? r.reason : typeof r.reason).toBe(r.ok ? undefined : "string");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
