import { describe, expect, it } from "vitest";
import { cleanPartyName, companyKey, LEGAL_FORMS, nonBuyer } from "../../src/customs/company-key.js";

const key = (s: string) => companyKey(s).key;

describe("companyKey", () => {
  it("gives one key for the spellings freight clerks use", () => {
    for (const s of ["ACME TRADING CO., LTD.", "Acme Trading Company Limited", "ACME TRADING C/O DHL GLOBAL FORWARDING", "Acme Trading Co", "acme trading ltd.", "ACME TRADING CO LTD ATTN: PURCHASING", "Acme Trading, Inc.\n123 Main St\nSpringfield"]) {
      expect(key(s), s).toBe("acme trading");
    }
  });

  it.each(Object.entries(LEGAL_FORMS).flatMap(([family, forms]) => forms.filter((f) => f !== "the").map((f) => [family, f])))("%s: removes %j at the end", (_family, form) => {
    expect(key(`Columbus Widget ${form}`)).toBe("columbus widget");
  });

  it("removes legal forms written with punctuation, and several in a row", () => {
    expect(companyKey("Müller Möbel GmbH & Co. KG")).toEqual({ key: "muller mobel", legalForms: ["gmbh and co kg"], alt: "mueller moebel" });
    expect(companyKey("Grupo Mueblero S.A. de C.V.")).toEqual({ key: "grupo mueblero", legalForms: ["s a de c v"], alt: null });
    expect(companyKey("Meble Hurt Sp. z o.o.").key).toBe("meble hurt");
    expect(companyKey("Nordic Living A/S").key).toBe("nordic living");
    expect(companyKey("Tokyo Kagu K.K.").key).toBe("tokyo kagu");
    expect(companyKey("Sunrise Furniture Pty. Ltd.").key).toBe("sunrise furniture");
    expect(companyKey("Sumber Alfaria PT Tbk").key).toBe("sumber alfaria");
    expect(companyKey("PT Sumber Alfaria Trijaya").key).toBe("sumber alfaria trijaya");
    expect(companyKey("OOO Romashka").key).toBe("romashka");
    expect(companyKey("Coca-Cola Company (The)").key).toBe("coca cola");
    expect(companyKey("Arthur J. Gallagher & Co.").key).toBe("arthur j gallagher");
  });

  it("removes legal forms only as whole words at the ends", () => {
    expect(key("Columbus Trading")).toBe("columbus trading");
    expect(key("Cosmo Agency")).toBe("cosmo agency");
    expect(key("Ltd Edition Furniture")).toBe("ltd edition furniture");
    expect(key("Inc")).toBe("inc"); // a name that is only a legal form stays
  });

  it("folds accents, & and +", () => {
    expect(key("Möbel & Küchen")).toBe(key("MOBEL AND KUCHEN"));
    expect(key("Home+Garden Ltd")).toBe("home and garden");
  });

  it("keeps coded importer IDs as they are", () => {
    expect(key("7357925")).toBe("7357925");
    expect(key("SHHZGSL")).toBe("shhzgsl");
  });

  it("cuts addresses and contact tails from party names", () => {
    expect(cleanPartyName("ABC INC. 123 MAIN ST, NEW YORK")).toBe("ABC INC.");
    expect(cleanPartyName("XYZ TRADING TEL: +1 212 555 0100")).toBe("XYZ TRADING");
    expect(cleanPartyName("QRS HOME DBA QRS OUTLET")).toBe("QRS HOME");
    expect(cleanPartyName("LMN IMPORTS AS AGENT FOR OPQ")).toBe("LMN IMPORTS");
  });
});

describe("nonBuyer", () => {
  it.each([
    ["TO ORDER", "to order"], ["TO THE ORDER OF DEUTSCHE BANK AG", "to order"], ["ORDER", "to order"], ["To Order of Shipper", "to order"],
    ["SAME AS CONSIGNEE", "placeholder"], ["N/A", "placeholder"], ["CONFIDENTIAL", "placeholder"], ["", "placeholder"],
    ["HSBC BANK USA", "bank"], ["BANCO SANTANDER", "bank"],
    ["KUEHNE + NAGEL LOGISTICS", "forwarder"], ["ABC FREIGHT FORWARDING INC", "forwarder"], ["DHL GLOBAL FORWARDING", "forwarder"], ["XYZ CUSTOMS BROKER", "forwarder"],
  ])("%j is %s", (name, reason) => expect(nonBuyer(name)).toBe(reason));
  it("passes real buyers", () => {
    for (const n of ["ACME TRADING CO LTD", "Nordic Living ApS", "Ordering Systems Inc"]) expect(nonBuyer(n), n).toBeNull();
  });
});
