/**
 * A portrait compiled to one SQL query that gives, for every row of a prospect table, what
 * `portrait score` gives: score, confidence, tier, reasons, segment, and the rank. The JavaScript engine
 * (engine/score-record.ts) is the reference; this file writes the same arithmetic in the same order,
 * so the doubles, and so the printed numbers, are the same (test/sql proves it on DuckDB and Postgres).
 *
 * One CTE per stage: the cells as text; per field its trimmed text, blankness, folded words, number or
 * country code; per criterion its match and detail; the segment and the weights it gives; points; the
 * points rounded to tenths that add up to the score (largest remainder, as engine apportion); the
 * reasons. Where SQL cannot do what the engine does (a website's registrable domain needs the public
 * suffix list), compileSql refuses and names the criterion, rather than return a query that differs.
 */
import { countryIndex } from "../engine/country.js";
import { keywordTokens } from "../engine/keywords.js";
import { phraseKey } from "../engine/text.js";
import { mapFields, outputNaming } from "../io/map-fields.js";
import { presentCheckFor } from "../engine/criteria/present.js";
import { logScale } from "../engine/criteria/range.js";
import type { CompiledPortrait } from "../engine/types.js";
import { DISQUALIFIED_TIER } from "../engine/types.js";
import { comparesCountries } from "../portrait/rules.js";
import type { PortraitSpec, TestSpec } from "../portrait/schema.js";
import { compileCustoms } from "../portrait/compile-customs.js";
import { customsFieldPlan } from "../pipeline/customs-join.js";
import type { Stages } from "./party.js";
import { buyerCtes, chain, customsRefusals, jsNumberText, joinCtes, PROFILE_DECIMALS, SQL_PROFILE_COLUMNS, type CustomsSource, type SqlProfileColumn } from "./customs.js";
import { countryJoinSql, countryKeyColumns, countryTablesSql as countryTables } from "./country.js";
import { DIALECT, jsRound, qualifiedName, type Dialect, type DialectName } from "./dialect.js";
import { formatCompactSql, numberStages, whyNotNumberSql } from "./number.js";
import { blankSql, foldTableSql, JS_SPACE_CLASS, jsTrimSql, phraseStages } from "./text.js";

export interface SqlOptions {
  readonly dialect: DialectName;
  /** The relation to read: a table name (quoted as an identifier) ... */
  readonly table?: string;
  /** ... or a FROM item written as SQL (embedded DuckDB passes `read_csv(...)`). */
  readonly from?: string;
  /** The relation's columns, to map them to the portrait's fields as `score` does (header aliases); default: a
   * column per field, named as the field. */
  readonly columns?: readonly string[];
  /** Score even when no column feeds a field a criterion uses (it counts as blank). */
  readonly allowMissingFields?: boolean;
  /** false: no rank column; the rows still come in rank order. */
  readonly rankColumn?: boolean;
  /** Customs shipment relations to aggregate and join the prospects to (the portrait's customs.* fields; output columns
   * customs_match and customs_buyer), and the as-of day number (null: the latest date in the data). */
  readonly customs?: { readonly sources: readonly CustomsSource[]; readonly asOf: number | null };
}

export interface CompiledSql {
  readonly sql: string;
  /** The output columns after the input's: names as `score` writes them (renamed when the input has one). */
  readonly outputs: { rank: string; score: string; confidence: string; tier: string; reasons: string; segment: string | null; customsMatch: string | null; customsBuyer: string | null };
  readonly columns: readonly string[];
}

/** The portrait asks for something the dialect cannot do exactly. */
export class SqlRefusal extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`cannot compile this portrait to SQL exactly:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Columns the query adds have this prefix; an input column with it is refused. */
const P = "pt__";

interface Test {
  /** Column prefix: `${P}c3`, `${P}q1`, `${P}s2w1`. */
  readonly key: string;
  readonly field: number;
  readonly spec: TestSpec;
  /** What it is, for comments and refusals: `criterion "target-market"`. */
  readonly what: string;
  /** A disqualify rule's reason. */
  readonly reason?: string;
}

interface ScoredCriterion extends Test {
  readonly label: string;
  readonly missing: "zero" | "neutral" | "exclude";
  /** Its weight in the portrait (index 0) and in each segment (1...); null where it does not count. */
  readonly weights: readonly (number | null)[];
}

export function compileSql(spec: PortraitSpec, portrait: CompiledPortrait, options: SqlOptions): CompiledSql {
  const d = DIALECT[options.dialect];
  const problems: string[] = [];
  const columns = options.columns ?? portrait.fields;
  const fieldColumn = mapFields(portrait, columns).columnOf;
  const segs = spec.segments ?? [];

  // Criteria: the portrait's (with each segment's weights), then each segment's own.
  const criteria: ScoredCriterion[] = spec.criteria.map((c, i) => ({
    key: `${P}c${i + 1}`, field: portrait.fields.indexOf(c.field), spec: c, what: `criterion "${c.id}"`, label: c.label ?? c.id, missing: c.missing ?? "zero",
    weights: [c.weight, ...segs.map((s) => (s.weights && Object.hasOwn(s.weights, c.id) ? s.weights[c.id]! : c.weight))],
  }));
  segs.forEach((s, si) =>
    (s.criteria ?? []).forEach((c, i) =>
      criteria.push({
        key: `${P}s${si + 1}c${i + 1}`, field: portrait.fields.indexOf(c.field), spec: c, what: `criterion "${c.id}" of segment "${s.id}"`, label: c.label ?? c.id,
        missing: c.missing ?? "zero", weights: [null, ...segs.map((_, sj) => (sj === si ? c.weight : null))],
      }),
    ),
  );
  const rules: Test[] = (spec.disqualify ?? []).map((r, i) => ({ key: `${P}q${i + 1}`, field: portrait.fields.indexOf(r.field), spec: r, what: `disqualify rule "${r.id}"`, reason: r.reason }));
  const whens: Test[][] = segs.map((s, si) => (s.when ?? []).map((w, wi) => ({ key: `${P}s${si + 1}w${wi + 1}`, field: portrait.fields.indexOf(w.field), spec: { ...w, id: s.id }, what: `segment "${s.id}" rule ${wi + 1}` })));
  const tests: Test[] = [...criteria, ...rules, ...whens.flat()];

  const customsSpec = compileCustoms(spec.customs);
  for (const t of tests) {
    const f = portrait.fields[t.field]!;
    if (f.startsWith("customs.")) {
      const c = f.slice("customs.".length);
      if (c !== "match" && !(SQL_PROFILE_COLUMNS as readonly string[]).includes(c)) {
        problems.push(`${t.what}: field ${f} is not compiled to SQL (the SQL computes customs.match, ${SQL_PROFILE_COLUMNS.map((x) => `customs.${x}`).join(", ")})`);
      } else if (!options.customs && !options.allowMissingFields) {
        problems.push(`${t.what}: field ${f} comes from customs data: give the customs table (or allow missing fields: then it is blank)`);
      }
    }
    const check = presentCheck(t.spec);
    if (check === "email" || check === "url" || check === "social") problems.push(`${t.what}: present: ${check} checks a registrable domain against the public suffix list (and, for url and social, parses the link as a browser does), which SQL cannot do`);
  }
  const unmapped = [...new Set(tests.map((t) => t.field))].filter((f) => fieldColumn[f] === -1 && !portrait.fields[f]!.startsWith("customs."));
  if (unmapped.length > 0 && !options.allowMissingFields) {
    problems.push(`no column maps to ${unmapped.map((f) => portrait.fields[f]).join(", ")} (columns: ${columns.join(", ")}); name them as the portrait's fields or aliases, or allow missing fields`);
  }
  if (columns.some((c) => c.startsWith(P))) problems.push(`an input column starts with "${P}", which the query uses for its own columns`);
  if (options.customs) problems.push(...customsRefusals(d, customsSpec, options.customs.sources, "customs", customsFieldPlan(portrait).contacts.map((f) => portrait.fields[f]!)));
  if (problems.length > 0) throw new SqlRefusal(problems);

  const used = [...new Set(tests.map((t) => t.field))].sort((a, b) => a - b);
  const needs = (f: number, kind: "words" | "number" | "country") =>
    tests.some((t) => t.field === f && (kind === "number" ? t.spec.range !== undefined : kind === "country" ? isCountryTest(t.spec) : t.spec.keywords !== undefined || isSetTest(t.spec)));
  const col = (name: string) => d.ident(name);
  const fv = (f: number, part: string) => `${P}f${f + 1}_${part}`;

  const ctes: Array<{ name: string; comment: string; body: string }> = [];
  const stage = (name: string, comment: string, cols: string[], from = ctes[ctes.length - 1]!.name) => {
    ctes.push({ name, comment, body: `SELECT *${cols.map((c) => `,\n    ${c}`).join("")}\n  FROM ${from}` });
  };
  const anyCountry = tests.some((t) => isCountryTest(t.spec)) || options.customs !== undefined;
  const anyWords = used.some((f) => needs(f, "words")) || options.customs !== undefined;

  if (anyWords) {
    ctes.push({ name: `${P}fold`, comment: "the engine's text folding, character by character (lower case, no accents, punctuation as spaces), by script", body: foldTableSql(d) });
  }
  if (anyCountry) {
    const tables = countryTablesSql(d);
    ctes.push({ name: `${P}country_codes`, comment: `ISO 3166-1 alpha-2 and alpha-3 codes (i18n-iso-countries), ${tables.codeCount} rows`, body: tables.codes });
    ctes.push({ name: `${P}country_names`, comment: `country names in 78 languages and common spellings, folded (i18n-iso-countries), ${tables.nameCount} rows`, body: tables.names });
  }
  // A schema- or project-qualified name (`crm.leads`) is quoted part by part.
  let source = options.from ?? qualifiedName(d, options.table ?? "prospects");
  const cu = `${P}x`;
  if (options.customs) {
    const refs = { fold: `${P}fold`, countryCodes: `${P}country_codes`, countryNames: `${P}country_names` };
    const plan = buyerCtes(d, customsSpec, spec.customs, options.customs.sources, { ...refs, asOf: options.customs.asOf, keywordHit: keywordHitSql });
    const plan2 = customsFieldPlan(portrait);
    const cell = (f: number) => (alias: string) => (f >= 0 && fieldColumn[f]! >= 0 ? `CAST(${alias}.${col(columns[fieldColumn[f]!]!)} AS ${d.text})` : `CAST(NULL AS ${d.text})`);
    const join = joinCtes(d, `${P}input`, cell(plan2.company), cell(plan2.country), plan.buyers, refs);
    ctes.push({ name: `${P}input`, comment: "the prospect rows", body: `SELECT * FROM ${source}` }, ...plan.ctes, ...join.ctes);
    source = join.joined;
  }
  const customsCell = (f: number) => {
    const c = portrait.fields[f]!.slice("customs.".length);
    if (!options.customs) return `CAST(NULL AS ${d.text})`;
    if (c === "match") return `CASE WHEN ${cu}m_id IS NULL THEN 'none' ELSE 'exact' END`;
    // Numbers as JavaScript writes them (String(30) is `30`, not DuckDB's `30.0`): keywords and sets read the text.
    const places = PROFILE_DECIMALS[c as SqlProfileColumn];
    return places === undefined ? d.toText(`${cu}b_${c}`) : jsNumberText(d, `${cu}b_${c}`, places);
  };
  ctes.push({
    name: `${P}cells`,
    comment: "the cells each field reads, as text (NULL where no column maps)",
    body: `SELECT *${used.map((f) => `,\n    ${portrait.fields[f]!.startsWith("customs.") ? customsCell(f) : fieldColumn[f]! >= 0 ? `CAST(${col(columns[fieldColumn[f]!]!)} AS ${d.text})` : `CAST(NULL AS ${d.text})`} AS ${fv(f, "v")}`).join("")}\n  FROM ${source}`,
  });
  // Keywords: each (field, keyword) found once, in its own column, whichever tests ask for it.
  const hitColumns = new Map<string, { field: number; name: string; expr: string; words: string }>();
  const hitColumn = (f: number, tokens: readonly string[]): string => {
    if (tokens.length === 0) return "NULL";
    const id = `${f}\u0000${tokens.join(" ")}`;
    let hit = hitColumns.get(id);
    if (!hit) {
      hit = { field: f, name: `${fv(f, "k")}${hitColumns.size + 1}`, expr: keywordHitSql(d, `(' ' || ${fv(f, "p")} || ' ')`, tokens), words: tokens.join(" ") };
      hitColumns.set(id, hit);
    }
    return hit.name;
  };
  const built = tests.map((t) => ({ t, sql: testSql(d, t, fv, hitColumn) }));

  // Each field's tests run on its distinct values (a column holds far fewer values than rows, as the engine's memo
  // knows), one chain of stages per field, joined back to the rows after.
  const stepwise = (name: string, comment: string, steps: Stages) => chain(ctes, ctes[ctes.length - 1]!.name, name, comment, steps);
  const chains: Array<{ field: number; cte: string }> = [];
  for (const f of used) {
    const chain = `${P}f${f + 1}`;
    const v = fv(f, "v");
    ctes.push({ name: `${chain}_values`, comment: `field ${portrait.fields[f]}: its distinct values`, body: `SELECT DISTINCT ${v}\n  FROM ${P}cells\n  WHERE ${v} IS NOT NULL` });
    stage(`${chain}_trimmed`, `${portrait.fields[f]}: trimmed as JavaScript trims`, [`${jsTrimSql(d, v)} AS ${fv(f, "t")}`]);
    stage(`${chain}_blank`, `${portrait.fields[f]}: blank (empty or a placeholder such as n/a)`, [`${blankSql(d, v, fv(f, "t"))} AS ${fv(f, "b")}`]);
    if (needs(f, "words")) stepwise(`${chain}_words`, `${portrait.fields[f]}: words as the engine folds them (engine/text.ts): lower case, no accents, one space between`, phraseStages(d, v, fv(f, "p"), `${P}fold`));
    if (needs(f, "number")) stepwise(`${chain}_number`, `${portrait.fields[f]}: the number as people write it (engine/parse-number.ts)`, numberStages(d, v, fv(f, "n")));
    if (needs(f, "country")) {
      stage(`${chain}_country_keys`, `${portrait.fields[f]}: what a country is looked up by: a two- or three-letter code, else its folded name without a leading "the"`,
        countryKeyColumns(d, fv(f, "t"), fv(f, "p"), fv(f, "k"), fv(f, "kn")).map((c) => `${c.expr} AS ${c.name}`));
      const prev = ctes[ctes.length - 1]!.name;
      ctes.push({ name: `${chain}_country`, comment: `${portrait.fields[f]}: the ISO code`, body: countryJoinSql("pt__lr.*", prev, fv(f, "k"), fv(f, "kn"), fv(f, "c"), { codes: `${P}country_codes`, names: `${P}country_names` }) });
    }
    const hits = [...hitColumns.values()].filter((h) => h.field === f);
    if (hits.length > 0) stage(`${chain}_keywords`, `${portrait.fields[f]}: the words each keyword matched (whole words, * any letters), or NULL`, hits.map((h) => `-- ${h.words}\n    ${h.expr} AS ${h.name}`));
    stage(
      `${chain}_tests`,
      `${portrait.fields[f]}: each test on it: match 0..1 (NULL: blank or unreadable) and its detail`,
      built.filter(({ t }) => t.field === f).flatMap(({ t, sql: { match, detail, unreadable } }) => {
        const blank = fv(t.field, "b");
        return [
          `-- ${t.what}: ${describe(t.spec)}\n    CASE WHEN ${blank} THEN NULL ${unreadable ? `WHEN ${unreadable} IS NOT NULL THEN NULL ` : ""}ELSE ${match} END AS ${t.key}_m`,
          `CASE WHEN ${blank} THEN 'missing' ${unreadable ? `WHEN ${unreadable} IS NOT NULL THEN ${unreadable} ` : ""}ELSE ${detail} END AS ${t.key}_d`,
          `NOT ${blank}${unreadable ? ` AND ${unreadable} IS NULL` : ""} AS ${t.key}_ok`,
        ];
      }),
    );
    chains.push({ field: f, cte: ctes[ctes.length - 1]!.name });
  }
  // Back to the rows; a NULL cell (no value, or no column) is blank: no match, detail "missing".
  ctes.push({
    name: `${P}tests`,
    comment: "every row with its tests' results",
    body: `SELECT ${P}c.*${built
      .map(({ t }) => {
        const j = `${P}j${t.field + 1}`;
        return `,\n    ${j}.${t.key}_m AS ${t.key}_m, coalesce(${j}.${t.key}_d, 'missing') AS ${t.key}_d, coalesce(${j}.${t.key}_ok, FALSE) AS ${t.key}_ok`;
      })
      .join("")}\n  FROM ${P}cells ${P}c${chains.map(({ field, cte }) => `\n  LEFT JOIN ${cte} ${P}j${field + 1} ON ${P}j${field + 1}.${fv(field, "v")} = ${P}c.${fv(field, "v")}`).join("")}`,
  });

  // Segment and disqualification.
  const policy = (c: ScoredCriterion) => (c.missing === "zero" ? d.num(0) : c.missing === "neutral" ? d.num(0.5) : "NULL");
  const effective = (c: ScoredCriterion) => `CASE WHEN ${c.key}_ok THEN ${c.key}_m ELSE ${policy(c)} END`;
  stage(
    `${P}effective`,
    "each criterion's match as the score counts it: the missing policy's (0, 0.5, or NULL: left out) where blank or unreadable",
    criteria.map((c) => `${effective(c)} AS ${c.key}_e`),
  );
  const holds = (t: Test) => `coalesce(${t.key}_m >= ${d.num(0.5)}, FALSE)`;
  const segHolds = (si: number) => (whens[si]!.length === 0 ? "TRUE" : whens[si]!.map(holds).join(" AND "));
  const scoreOf = (wi: number) => summaryScore(d, criteria, wi);
  const segCols: string[] = [];
  if (segs.length > 0) {
    segCols.push(...segs.map((_, si) => `${segHolds(si)} AS ${P}fits${si + 1}`));
    if (spec.segment_rule === "best") segCols.push(...segs.map((_, si) => `${scoreOf(si + 1)} AS ${P}score${si + 1}`));
  }
  const disqualified = rules.map((r) => `WHEN coalesce(${r.key}_m >= ${d.num(1)}, FALSE) THEN ${d.str(`DISQUALIFIED ${r.spec.id}: ${r.reason} (`)} || ${r.key}_d || ')'`);
  segCols.push(`${disqualified.length === 0 ? `CAST(NULL AS ${d.text})` : `CASE ${disqualified.join(" ")} END`} AS ${P}disqualified`);
  stage(`${P}segments`, "which segments' rules hold, and the first disqualify rule that matches", segCols);
  if (segs.length > 0) {
    let choice: string;
    if (spec.segment_rule === "best") {
      // The first fitting segment, replaced by a later one only when it scores strictly more.
      const best = segs.reduce<{ idx: string; score: string }>(
        (acc, _, si) => {
          const fits = `${P}fits${si + 1}`;
          const sc = `${P}score${si + 1}`;
          return {
            idx: `CASE WHEN ${fits} AND (${acc.idx} IS NULL OR ${sc} > ${acc.score}) THEN ${si + 1} ELSE ${acc.idx} END`,
            score: `CASE WHEN ${fits} AND (${acc.idx} IS NULL OR ${sc} > ${acc.score}) THEN ${sc} ELSE ${acc.score} END`,
          };
        },
        { idx: "NULL", score: "NULL" },
      );
      choice = best.idx;
    } else {
      choice = `CASE ${segs.map((_, si) => `WHEN ${P}fits${si + 1} THEN ${si + 1}`).join(" ")} ELSE 0 END`;
    }
    stage(`${P}chosen`, `the prospect's segment (segment_rule: ${spec.segment_rule ?? "first"}); 0: unassigned`, [`coalesce(${choice}, 0) AS ${P}seg`]);
  }
  const w = (c: ScoredCriterion) => {
    if (segs.length === 0) return d.num(c.weights[0]!);
    const cases = c.weights.map((wt, i) => (wt === null ? null : `WHEN ${i} THEN ${d.num(wt)}`)).filter((x) => x !== null);
    return `CASE ${P}seg ${cases.join(" ")} END`;
  };
  stage(`${P}weights`, "each criterion's weight for the prospect's segment (NULL: not one of its criteria)", criteria.map((c) => `${w(c)} AS ${c.key}_w`));
  stage(
    `${P}denominator`,
    "the sum of the positive weights of the criteria that count",
    [`${sumSql(criteria.map((c) => `CASE WHEN ${c.key}_e IS NOT NULL AND ${c.key}_w > ${d.num(0)} THEN ${c.key}_w ELSE ${d.num(0)} END`), d)} AS ${P}den`,
      `${sumSql(criteria.map((c) => `coalesce(abs(${c.key}_w), ${d.num(0)})`), d)} AS ${P}total`,
      `${sumSql(criteria.map((c) => `CASE WHEN ${c.key}_ok THEN coalesce(abs(${c.key}_w), ${d.num(0)}) ELSE ${d.num(0)} END`), d)} AS ${P}judged`],
  );
  stage(
    `${P}raw`,
    "each criterion's points before rounding: 100 x weight x match / denominator",
    criteria.map((c) => `-- ${c.spec.id}\n    CASE WHEN ${c.key}_e IS NULL OR ${c.key}_w IS NULL OR ${P}den = ${d.num(0)} THEN ${d.num(0)} ELSE ${d.num(100)} * ${c.key}_w * ${c.key}_e / ${P}den END AS ${c.key}_r`),
  );
  stage(`${P}sum`, "the points' sum", [`${sumSql(criteria.map((c) => `${c.key}_r`), d)} AS ${P}sum`]);
  stage(`${P}score`, "the score, 0..100 in tenths", [`${jsRound(d, `least(${d.num(100)}, greatest(${d.num(0)}, ${P}sum)) * ${d.num(10)}`)} AS ${P}tenths`]);
  // Apportion (engine apportion): floors, then one tenth each to the largest remainders, ties to the earlier.
  stage(
    `${P}floors`,
    "points in tenths rounded down, and what is left over",
    criteria.flatMap((c) => [`floor(${c.key}_r * ${d.num(10)} + ${d.num(1e-9)}) AS ${c.key}_fl`, `${c.key}_r * ${d.num(10)} - floor(${c.key}_r * ${d.num(10)} + ${d.num(1e-9)}) AS ${c.key}_rem`]),
  );
  const posRem = (c: ScoredCriterion) => `${c.key}_rem > ${d.num(1e-9)}`;
  stage(
    `${P}deficit`,
    "tenths the floors fall short of the score by; how many remainders can take one; the largest share",
    [
      `${P}tenths - (${sumSql(criteria.map((c) => `${c.key}_fl`), d)}) AS ${P}deficit`,
      `${criteria.map((c) => `CASE WHEN ${posRem(c)} THEN 1 ELSE 0 END`).join(" + ")} AS ${P}npos`,
      `${largestShare(d, criteria)} AS ${P}big`,
    ],
  );
  stage(
    `${P}points`,
    "each criterion's points in tenths, adding up to the score",
    criteria.map((c, i) => {
      const ahead = criteria.map((o, j) => (j === i ? null : `CASE WHEN ${posRem(o)} AND (${o.key}_rem > ${c.key}_rem${j < i ? ` OR ${o.key}_rem = ${c.key}_rem` : ""}) THEN 1 ELSE 0 END`)).filter((x) => x !== null);
      const rank = ahead.length === 0 ? "0" : ahead.join(" + ");
      const handed = `CASE WHEN ${P}deficit > 0 THEN least(${P}deficit, ${P}npos) ELSE 0 END`;
      const apportioned = `${c.key}_fl + CASE WHEN ${posRem(c)} AND ${P}deficit > 0 AND (${rank}) < ${P}deficit THEN 1 ELSE 0 END + CASE WHEN ${P}big = ${i + 1} THEN ${P}deficit - (${handed}) ELSE 0 END`;
      return `CASE WHEN ${P}sum >= ${d.num(0)} THEN ${apportioned} ELSE ${jsRound(d, `${c.key}_r * ${d.num(10)}`)} END AS ${c.key}_p`;
    }),
  );
  const tierCase = `CASE WHEN ${P}disqualified IS NOT NULL THEN ${d.str(DISQUALIFIED_TIER)} ${portrait.tiers.map((t) => `WHEN ${P}tenths / ${d.num(10)} >= ${d.num(t.min)} THEN ${d.str(t.name)}`).join(" ")} ELSE ${d.str(portrait.restTier)} END`;
  const floorTenths = `${P}tenths - (${sumSql(criteria.map((c) => `${c.key}_p`), d)})`;
  const reasonParts = [
    `${P}disqualified`,
    ...criteria.map((c) => `CASE WHEN ${c.key}_p <> 0 AND ${c.key}_w IS NOT NULL THEN ${d.str(`${c.label} (`)} || ${c.key}_d || ') ' || ${pointsText(d, `${c.key}_p`)} END`),
    `CASE WHEN ${floorTenths} <> 0 THEN 'floor at 0 ' || ${pointsText(d, floorTenths)} END`,
  ];
  const segName = (si: number) => (si === 0 ? "unassigned" : segs[si - 1]!.id);
  const outName = outputNaming(columns);
  const joined = options.customs !== undefined;
  const outputs = {
    rank: outName("rank"), score: outName("score"), confidence: outName("confidence"), tier: outName("tier"), reasons: outName("reasons"), segment: segs.length > 0 ? outName("segment") : null,
    customsMatch: joined ? outName("customs_match") : null, customsBuyer: joined ? outName("customs_buyer") : null,
  };
  stage(
    `${P}result`,
    "score, confidence, tier, reasons and segment, as portrait score writes them",
    [
      `${P}tenths / ${d.num(10)} AS ${P}out_score`,
      `CASE WHEN ${P}total = ${d.num(0)} THEN ${d.num(0)} ELSE ${jsRound(d, `${d.num(1000)} * ${P}judged / ${P}total`)} / ${d.num(1000)} END AS ${P}out_confidence`,
      `${tierCase} AS ${P}out_tier`,
      `coalesce(nullif(${d.joinNonNull("; ", reasonParts)}, ''), 'no criterion matched') AS ${P}out_reasons`,
      ...(segs.length > 0 ? [`CASE ${P}seg ${segs.map((_, si) => `WHEN ${si + 1} THEN ${d.str(segName(si + 1))}`).join(" ")} ELSE 'unassigned' END AS ${P}out_segment`] : []),
    ],
  );
  const collate = d.binary;
  const order = [
    `CASE WHEN ${P}disqualified IS NULL THEN 0 ELSE 1 END`,
    `${P}out_score DESC`,
    ...columns.map((c) => `coalesce(CAST(${col(c)} AS ${d.text}), '')${collate}`),
  ];
  // Without the rank column the rows come in rank order from a plain sort, which DuckDB spills to disk past its
  // memory limit (a window function over every row holds them all); the caller counts the rank.
  const ranked = options.rankColumn !== false;
  const select = [
    ...columns.map((c) => col(c)),
    ...(ranked ? [`ROW_NUMBER() OVER (ORDER BY ${order.join(", ")}) AS ${col(outputs.rank)}`] : []),
    `${P}out_score AS ${col(outputs.score)}`,
    `${P}out_confidence AS ${col(outputs.confidence)}`,
    `${P}out_tier AS ${col(outputs.tier)}`,
    `${P}out_reasons AS ${col(outputs.reasons)}`,
    ...(outputs.segment ? [`${P}out_segment AS ${col(outputs.segment)}`] : []),
    ...(outputs.customsMatch && outputs.customsBuyer
      ? [
          `CASE WHEN ${cu}m_id IS NULL THEN 'none' ELSE 'exact' END AS ${col(outputs.customsMatch)}`,
          `CASE WHEN ${cu}m_id IS NULL THEN '' WHEN ${cu}b_country <> '' THEN ${cu}b_buyer || ' (' || ${cu}b_country || ')' ELSE ${cu}b_buyer END AS ${col(outputs.customsBuyer)}`,
        ]
      : []),
  ];
  const header = [
    `-- portrait "${spec.name}"${spec.version === undefined ? "" : ` version ${spec.version}`}, compiled to ${d.name} SQL by portrait sql.`,
    "-- Every row of the input gets score, confidence, tier, reasons" + (segs.length > 0 ? " and segment" : "") + ", ranked as portrait score ranks.",
  ];
  const sql = `${header.join("\n")}\nWITH\n${ctes.map((c) => `-- ${c.comment}\n${c.name} AS ${c.name === `${P}cells` ? d.cellsCte : d.cte}(\n  ${c.body}\n)`).join(",\n")}\nSELECT\n  ${select.join(",\n  ")}\nFROM ${P}result\nORDER BY ${ranked ? col(outputs.rank) : order.join(", ")}\n`;
  return { sql, outputs, columns };
}

function presentCheck(t: TestSpec): string | null {
  if (t.in !== undefined || t.not_in !== undefined || t.keywords !== undefined || t.range !== undefined) return null;
  return presentCheckFor(t.field, t.present);
}

function isSetTest(t: TestSpec): boolean {
  return t.in !== undefined || t.not_in !== undefined;
}

function isCountryTest(t: TestSpec): boolean {
  return isSetTest(t) && comparesCountries(t);
}

function describe(t: TestSpec): string {
  const s = (v: unknown) => JSON.stringify(v).replace(/\n/g, " ");
  const text = t.in !== undefined ? `${t.field} in ${s(t.in)}` : t.not_in !== undefined ? `${t.field} not in ${s(t.not_in)}` : t.keywords !== undefined ? `${t.field} has ${t.match ?? "any"} of ${s(t.keywords)}` : t.range !== undefined ? `${t.field} in range ${s(t.range)}` : `${t.field} present (${presentCheck(t)})`;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The SQL of one test on its field's columns: match (0..1), detail text, and the unreadable message (NULL when
 * readable), for a non-blank cell. */
function testSql(d: Dialect, t: Test, fv: (f: number, part: string) => string, hitColumn: (f: number, tokens: readonly string[]) => string): { match: string; detail: string; unreadable: string | null } {
  const f = t.field;
  const spec = t.spec;
  const one = d.num(1);
  const zero = d.num(0);
  if (isSetTest(spec)) {
    const negate = spec.in === undefined;
    const values = (spec.in ?? spec.not_in ?? []).map(String);
    if (isCountryTest(spec)) {
      const keys = [...new Set(values.map((v) => countryIndex().lookup(v) ?? phraseKey(v)))];
      const member = `${fv(f, "c")} IN (${keys.map((k) => d.str(k)).join(", ")})`;
      return {
        match: `CASE WHEN ${member} THEN ${negate ? zero : one} ELSE ${negate ? one : zero} END`,
        detail: fv(f, "c"),
        unreadable: `CASE WHEN ${fv(f, "c")} IS NULL THEN '"' || ${fv(f, "t")} || '" not recognised' END`,
      };
    }
    const keys = [...new Set(values.map((v) => phraseKey(v)))];
    const member = `${fv(f, "p")} IN (${keys.map((k) => d.str(k)).join(", ")})`;
    return { match: `CASE WHEN ${member} THEN ${negate ? zero : one} ELSE ${negate ? one : zero} END`, detail: fv(f, "p"), unreadable: null };
  }
  if (spec.keywords !== undefined) {
    const hits = spec.keywords.map((k) => hitColumn(f, keywordTokens(k)));
    // The matched words, without repeats, in portrait order.
    const parts = hits.map((h, i) => (h === "NULL" ? null : i === 0 ? h : `CASE WHEN ${hits.slice(0, i).filter((p) => p !== "NULL").map((p) => `coalesce(${p}, '') <> ${h}`).concat(["TRUE"]).join(" AND ")} THEN ${h} END`)).filter((p): p is string => p !== null);
    const matched = parts.length === 0 ? "''" : d.joinNonNull(", ", parts);
    if ((spec.match ?? "any") === "any") {
      const any = hits.filter((h) => h !== "NULL").map((h) => `${h} IS NOT NULL`);
      const cond = any.length === 0 ? "FALSE" : any.join(" OR ");
      return { match: `CASE WHEN ${cond} THEN ${one} ELSE ${zero} END`, detail: `CASE WHEN ${cond} THEN ${matched} ELSE 'no keyword' END`, unreadable: null };
    }
    const all = hits.map((h) => (h === "NULL" ? "FALSE" : `${h} IS NOT NULL`)).join(" AND ");
    const lacking = d.joinNonNull(", ", spec.keywords.map((k, i) => (hits[i] === "NULL" ? d.str(k) : `CASE WHEN ${hits[i]} IS NULL THEN ${d.str(k)} END`)));
    return { match: `CASE WHEN ${all} THEN ${one} ELSE ${zero} END`, detail: `CASE WHEN ${all} THEN ${matched} ELSE 'lacks ' || ${lacking} END`, unreadable: null };
  }
  if (spec.range !== undefined) {
    const n = fv(f, "n");
    return { match: rangeSql(d, spec.range, n), detail: formatCompactSql(d, n), unreadable: `CASE WHEN ${n} IS NULL THEN ${whyNotNumberSql(d, fv(f, "v"))} END` };
  }
  const check = presentCheck(spec);
  if (check === "phone") {
    const v = fv(f, "v");
    const digits = `${d.length(d.replaceAll(v, "[^0-9]", ""))}`;
    const shape = d.matches(d.replaceAll(fv(f, "t"), "^[Tt][Ee][Ll]:", ""), `^[0-9${JS_SPACE_CLASS}()+./xX-]+${d.end}`);
    return { match: `CASE WHEN ${digits} BETWEEN 7 AND 15 AND ${shape} THEN ${one} ELSE ${zero} END`, detail: `CASE WHEN ${digits} BETWEEN 7 AND 15 AND ${shape} THEN 'present' ELSE 'malformed phone' END`, unreadable: null };
  }
  return { match: one, detail: "'present'", unreadable: null };
}

/** The words a keyword matched in `padded` (the cell's words between spaces), or NULL; "NULL" when it has no word. */
export function keywordHitSql(d: Dialect, padded: string, tokens: readonly string[]): string {
  if (tokens.length === 0) return "NULL";
  if (tokens.length === 1 && !tokens[0]!.includes("*")) {
    return `CASE WHEN ${d.strpos(padded, d.str(` ${tokens[0]} `))} > 0 THEN ${d.str(tokens[0]!)} END`;
  }
  const re = ` (${tokens.map((t) => t.split("*").map(escapeRe).join("[^ ]*")).join(" ")}) `;
  return d.extract(padded, re, 1);
}

function escapeRe(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

/** engine/criteria/range.ts rangeMatch on the number column `n`; the log scale's constants computed here, as the
 * engine computes them. */
function rangeSql(d: Dialect, r: { min?: number; ideal?: number; max?: number; scale?: "linear" | "log" }, n: string): string {
  const { min, ideal, max } = r;
  const scale = r.scale ?? "linear";
  const whens: string[] = [];
  if (max !== undefined) whens.push(`WHEN ${n} > ${d.num(max)} THEN ${d.num(0)}`);
  if (min !== undefined) whens.push(`WHEN ${n} < ${d.num(min)} THEN ${d.num(0)}`);
  if (ideal === undefined || min === undefined || ideal <= min) {
    if (ideal !== undefined && min === undefined) whens.push(`WHEN ${n} >= ${d.num(ideal)} THEN ${d.num(1)}`);
    return `CASE ${whens.join(" ")} ELSE ${d.num(1)} END`;
  }
  whens.push(`WHEN ${n} >= ${d.num(ideal)} THEN ${d.num(1)}`);
  const f = scale === "log" ? logScale : (v: number) => v;
  const span = f(ideal) - f(min);
  if (span <= 0) return `CASE ${whens.join(" ")} ELSE ${d.num(1)} END`;
  const fx = scale === "log" ? `ln(${d.num(1)} + greatest(${n}, ${d.num(0)}))` : n;
  return `CASE ${whens.join(" ")} ELSE least(${d.num(1)}, greatest(${d.num(0)}, (${fx} - ${d.num(f(min))}) / ${d.num(span)})) END`;
}


/** a + b + c, summed left to right from 0 as the engine does. */
function sumSql(terms: readonly string[], d: Dialect): string {
  return terms.length === 0 ? d.num(0) : terms.map((t) => `(${t})`).join(" + ");
}

/** engine scoreSummary's score for the segment of weight column `wi` (0: the portrait's own). */
function summaryScore(d: Dialect, criteria: readonly ScoredCriterion[], wi: number): string {
  const counted = criteria.filter((c) => c.weights[wi] !== null);
  const den = sumSql(counted.map((c) => `CASE WHEN ${c.key}_e IS NOT NULL AND ${d.num(c.weights[wi]!)} > ${d.num(0)} THEN ${d.num(c.weights[wi]!)} ELSE ${d.num(0)} END`), d);
  const sum = sumSql(counted.map((c) => `CASE WHEN ${c.key}_e IS NULL OR (${den}) = ${d.num(0)} THEN ${d.num(0)} ELSE ${d.num(100)} * ${d.num(c.weights[wi]!)} * ${c.key}_e / (${den}) END`), d);
  return `${jsRound(d, `least(${d.num(100)}, greatest(${d.num(0)}, ${sum})) * ${d.num(10)}`)} / ${d.num(10)}`;
}

/** The 1-based index of the first criterion with the largest |points x 10| (where apportion puts what noise leaves). */
function largestShare(d: Dialect, criteria: readonly ScoredCriterion[]): string {
  let idx = "1";
  let val = `abs(${criteria[0]!.key}_r * ${d.num(10)})`;
  for (let i = 1; i < criteria.length; i++) {
    const v = `abs(${criteria[i]!.key}_r * ${d.num(10)})`;
    idx = `CASE WHEN ${v} > ${val} THEN ${i + 1} ELSE ${idx} END`;
    val = `greatest(${v}, ${val})`;
  }
  return idx;
}

/** engine/reasons formatPoints of `tenths / 10`: `+20`, `-7.5`, `+0.1`. */
function pointsText(d: Dialect, tenths: string): string {
  const a = `abs(${tenths})`;
  const whole = `floor(${a} / ${d.num(10)})`;
  const digit = `${a} - ${d.num(10)} * ${whole}`;
  return `CASE WHEN ${tenths} < 0 THEN '-' ELSE '+' END || ${d.intText(whole)} || CASE WHEN ${digit} = 0 THEN '' ELSE '.' || ${d.intText(digit)} END`;
}

/** The country lookup tables as SELECTs: codes (`code`, `iso2`) and folded names (`name_key`, `iso2`). */
export function countryTablesSql(d: Dialect): { codes: string; names: string; codeCount: number; nameCount: number } {
  return countryTables(d, (names, rows) => valuesSql(d, names, rows));
}

function valuesSql(d: Dialect, names: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i += 6) lines.push(rows.slice(i, i + 6).map((r) => `(${r.map((v) => d.str(v)).join(", ")})`).join(", "));
  if (d.name === "bigquery") {
    return `SELECT * FROM UNNEST([STRUCT<${names.map((n) => `${n} STRING`).join(", ")}>\n    ${lines.join(",\n    ")}])`;
  }
  return `SELECT * FROM (VALUES\n    ${lines.join(",\n    ")}) AS v(${names.join(", ")})`;
}
