/**
 * sql/party.ts equals customs/company-key.ts on real engines: the cleaned name, the company key, the umlaut key, the
 * legal forms removed and the non-buyer reason of messy party names (legal forms, contact tails, addresses, several lines, umlauts written
 * both ways, full-width signs), each batch in one query, on DuckDB and on Postgres (PGlite).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cleanPartyName, companyKey, nonBuyer } from "../../src/customs/company-key.js";
import { DIALECT, type Dialect } from "../../src/sql/dialect.js";
import { partyStages } from "../../src/sql/party.js";
import { foldTableSql, inFoldedDomain } from "../../src/sql/text.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const ENGINES = [
  ["duckdb", duckdbQuery],
  ["postgres", postgresQuery],
] as const;

function partyQuery(d: Dialect, values: readonly (string | null)[]): string {
  const party = partyStages(d, "v", "n", "fold", { alt: true, nonBuyer: true, legal: true });
  const rows = values.map((v, i) => `(${i}, ${v === null ? "NULL" : d.str(v)})`).join(",\n  ");
  const ctes = [`fold AS (${foldTableSql(d)})`, `q0 AS (SELECT i, CAST(v AS ${d.text}) AS v FROM (VALUES\n  ${rows}) AS input(i, v))`];
  party.stages.forEach((cols, k) => ctes.push(`q${k + 1} AS ${d.cte}(SELECT *, ${cols.map((c) => `${c.expr} AS ${c.name}`).join(", ")} FROM q${k})`));
  return `WITH ${ctes.join(",\n")}\nSELECT i, ${party.clean} AS clean, ${party.key} AS key, ${party.alt} AS alt, ${party.nonBuyer} AS nonbuyer, ${party.legal} AS legal FROM q${party.stages.length} ORDER BY i`;
}

function want(v: string | null) {
  const raw = v ?? "";
  const k = companyKey(raw);
  return { clean: cleanPartyName(raw), key: k.key, alt: k.alt, nonbuyer: nonBuyer(raw), legal: k.legalForms.join(" ") };
}

async function mismatches(run: (sql: string) => Promise<Record<string, unknown>[]>, d: Dialect, values: readonly (string | null)[]) {
  const rows = await run(partyQuery(d, values));
  expect(rows.length).toBe(values.length);
  const out: unknown[] = [];
  values.forEach((v, i) => {
    const js = want(v);
    const { i: _, ...sql } = rows[i]!;
    if (JSON.stringify(sql) !== JSON.stringify(js)) out.push({ input: v, js, sql });
  });
  return out;
}

const FIXED = [
  "ACME TRADING CO., LTD.", "Acme Trading Company Limited", "ACME TRADING C/O DHL GLOBAL FORWARDING", "acme trading ltd.", "ACME TRADING CO LTD ATTN: PURCHASING",
  "Acme Trading, Inc.\n123 Main St\nSpringfield", "\n  \r\n Möbelhaus Krüger GmbH\nBerlin", "Müller Möbel GmbH & Co. KG", "MOEBELHAUS KRUEGER", "Mu\u0308ller Mo\u0308bel",
  "Grupo Mueblero S.A. de C.V.", "Meble Hurt Sp. z o.o.", "Nordic Living A/S", "Tokyo Kagu K.K.", "Sunrise Furniture Pty. Ltd.", "Sumber Alfaria PT Tbk",
  "PT Sumber Alfaria Trijaya", "OOO Romashka", "Coca-Cola Company (The)", "Arthur J. Gallagher & Co.", "Ltd Edition Furniture", "Inc", "Home+Garden Ltd", "Home＋Garden ＆ Co",
  "7357925", "SHHZGSL", "ABC INC. 123 MAIN ST, NEW YORK", "ABC Inc., 12 Main", "XYZ TRADING TEL: +1 212 555 0100", "QRS HOME DBA QRS OUTLET", "LMN IMPORTS AS AGENT FOR OPQ",
  "foo bar e-mail: a@b.c", "foo x@y.z", "TO ORDER", "TO THE ORDER OF DEUTSCHE BANK AG", "ORDER", "To Order of Shipper", "order ofö", "SAME AS CONSIGNEE", "N/A", "", "   ", null,
  "HSBC BANK USA", "BANCO SANTANDER", "Kuehne + Nagel", "DHL GLOBAL FORWARDING", "Bankö", "co co co co co co co co co ltd", "pt pt pt acme pt", "the the acme",
  "Straße & Söhne GmbH", "İstanbul Mobilya A.Ş.", "ΕΠΙΠΛΑ Α.Ε.", "ООО Ромашка", "家具有限公司", "ACME\u00a0TRADING\u2003LTD", "ACME\u2028TRADING", "Café ﬁne s.a.", "acme s.a. 99 rue x",
];

const pieces = [
  "ACME", "Acme", "acme", "Trading", "TRADING", "Möbel", "MÖBEL", "Mo\u0308bel", "Krüger", "KRUEGER", "Küchen", "Ölmühle", "Furniture", "Home", "Import", "Export", "Columbus", "Cosmo",
  "Co", "CO.", "Co.,", "Ltd", "LTD.", "Inc", "INC.", "Inc.,", "GmbH", "GMBH & CO. KG", "S.A.", "SA", "s.a. de c.v.", "Sp. z o.o.", "A/S", "AB", "Oy", "PT", "OOO", "K.K.", "Pty Ltd", "The",
  "&", "+", "＆", "＋", "-", ",", ".", "(", ")", "/", "c/o", "C/O", "ATTN:", "Attn", "TEL:", "tel.", "Phone:", "FAX", "E-MAIL:", "email", "DBA", "d/b/a", "T/A", "AS AGENT FOR", "agent for",
  "on behalf of", "care of", "123", "1234567", "+1 212 555 0100", "(030) 123-4567", "a@b.com", "12 Main St", "Bank", "BANCO", "Logistics", "Freight", "Express", "DHL", "Schenker", "to",
  "order", "of", "the", "TO ORDER", "N/A", "none", "Ｆｕｌｌ", "ß", "æ", "ΑΕ", "ООО", "家具", "İ", "ı", "K", "\u0301",
];
const seps = [" ", " ", " ", "", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", ", ", "\u3000"];
const name = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...seps)), { minLength: 1, maxLength: 8 })
  .map((ps) => ps.map(([p, s]) => p + s).join(""))
  .map((s) => s.trimEnd())
  .filter(inFoldedDomain);

describe.each(ENGINES)("sql/party.ts on %s", (engineName, run) => {
  const d = DIALECT[engineName];

  it("reads the known names as company-key.ts does", async () => {
    expect(FIXED.filter((v) => v !== null && !inFoldedDomain(v))).toEqual(["Café ﬁne s.a."]);
    expect(await mismatches(run, d, FIXED.filter((v) => v === null || inFoldedDomain(v)))).toEqual([]);
  });

  it("reads random party names as company-key.ts does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 300, maxLength: 300 }), async (values) => {
        expect(await mismatches(run, d, values)).toEqual([]);
      }),
      { numRuns: Number(process.env.SQL_RUNS ?? 3) },
    );
  }, 120_000);
});
