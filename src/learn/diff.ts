/**
 * `portrait diff`: what a portrait change does, before it is merged. Pure: two specs (and the
 * same rows scored by both) in, the structural changes and the prospects that move out.
 */
import { countryIndex } from "../engine/country.js";
import type { ScoreResult } from "../engine/types.js";
import { comparesCountries } from "../portrait/rules.js";
import type { CriterionSpec, PortraitSpec, RuleSpec } from "../portrait/schema.js";

export interface Change {
  readonly kind: "added" | "removed" | "changed";
  readonly what: "portrait" | "field" | "criterion" | "rule" | "tier" | "segment" | "channel" | "activity";
  readonly id: string;
  readonly detail: string;
}

const TEST_KEYS = ["field", "in", "not_in", "normalize", "keywords", "match", "range", "present"] as const;
const show = (v: unknown) => (v === undefined ? "-" : typeof v === "string" ? v.replace(/\s+/g, " ").trim() : JSON.stringify(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

function setChange(name: string, a: unknown, b: unknown, key: (v: string) => string = (v) => v): string | null {
  const before = list(a).map(key);
  const after = list(b).map(key);
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (added.length === 0 && removed.length === 0) return null;
  return `${name} ${[added.length ? `+${added.join(", +")}` : "", removed.length ? `-${removed.join(", -")}` : ""].filter(Boolean).join(" ")}`;
}

function testChanges(a: CriterionSpec | RuleSpec, b: CriterionSpec | RuleSpec): string[] {
  const out: string[] = [];
  for (const key of TEST_KEYS) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    // Countries compare by code, so that `Germany` -> `DE` is no change.
    const norm = (key === "in" || key === "not_in") && comparesCountries(a) && comparesCountries(b) ? (v: string) => countryIndex().lookup(v) ?? v : undefined;
    const set = key === "in" || key === "not_in" || key === "keywords" ? setChange(key, a[key], b[key], norm) : null;
    if (set === null && norm && list(a[key]).length > 0 && list(b[key]).length > 0) continue;
    out.push(set ?? `${key} ${show(a[key])} -> ${show(b[key])}`);
  }
  return out;
}

export function structuralDiff(a: PortraitSpec, b: PortraitSpec): Change[] {
  const out: Change[] = [];
  for (const key of ["name", "version", "description"] as const) {
    if (a[key] !== b[key]) out.push({ kind: "changed", what: "portrait", id: key, detail: `${show(a[key])} -> ${show(b[key])}` });
  }
  const fa = a.fields ?? {};
  const fb = b.fields ?? {};
  for (const name of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    const inA = Object.hasOwn(fa, name);
    const inB = Object.hasOwn(fb, name);
    if (!inA) out.push({ kind: "added", what: "field", id: name, detail: `aliases ${list(fb[name]).join(", ")}` });
    else if (!inB) out.push({ kind: "removed", what: "field", id: name, detail: "" });
    else {
      const c = setChange("aliases", fa[name], fb[name]);
      if (c) out.push({ kind: "changed", what: "field", id: name, detail: c });
    }
  }
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const ca = byId(a.criteria);
  const cb = byId(b.criteria);
  for (const [id, c] of ca) if (!cb.has(id)) out.push({ kind: "removed", what: "criterion", id, detail: `weight ${c.weight} on ${c.field}` });
  for (const [id, c] of cb) {
    const old = ca.get(id);
    if (!old) {
      out.push({ kind: "added", what: "criterion", id, detail: `weight ${c.weight} on ${c.field}` });
      continue;
    }
    const changes = testChanges(old, c);
    if (old.weight !== c.weight) changes.unshift(`weight ${old.weight} -> ${c.weight}`);
    if ((old.missing ?? "zero") !== (c.missing ?? "zero")) changes.push(`missing ${old.missing ?? "zero"} -> ${c.missing ?? "zero"}`);
    if ((old.label ?? id) !== (c.label ?? id)) changes.push(`label ${show(old.label ?? id)} -> ${show(c.label ?? id)}`);
    if (changes.length) out.push({ kind: "changed", what: "criterion", id, detail: changes.join("; ") });
  }
  const ra = byId(a.disqualify ?? []);
  const rb = byId(b.disqualify ?? []);
  for (const [id, r] of ra) if (!rb.has(id)) out.push({ kind: "removed", what: "rule", id, detail: r.reason });
  for (const [id, r] of rb) {
    const old = ra.get(id);
    if (!old) out.push({ kind: "added", what: "rule", id, detail: r.reason });
    else {
      const changes = testChanges(old, r);
      if (old.reason !== r.reason) changes.push(`reason ${show(old.reason)} -> ${show(r.reason)}`);
      if (changes.length) out.push({ kind: "changed", what: "rule", id, detail: changes.join("; ") });
    }
  }
  if ((a.segment_rule ?? "first") !== (b.segment_rule ?? "first") && (a.segments || b.segments)) out.push({ kind: "changed", what: "portrait", id: "segment_rule", detail: `${a.segment_rule ?? "first"} -> ${b.segment_rule ?? "first"}` });
  out.push(...byIdChanges("segment", a.segments ?? [], b.segments ?? []));
  out.push(...byIdChanges("channel", a.channels?.use ?? [], b.channels?.use ?? []));
  out.push(...byIdChanges("activity", a.channels?.activities ?? [], b.channels?.activities ?? []));
  const ta = a.tiers ?? { A: 75, B: 50, C: 25 };
  const tb = b.tiers ?? { A: 75, B: 50, C: 25 };
  for (const name of new Set([...Object.keys(ta), ...Object.keys(tb)])) {
    const x = Object.hasOwn(ta, name) ? ta[name] : undefined;
    const y = Object.hasOwn(tb, name) ? tb[name] : undefined;
    if (x === y) continue;
    out.push({ kind: x === undefined ? "added" : y === undefined ? "removed" : "changed", what: "tier", id: name, detail: `${show(x)} -> ${show(y)}` });
  }
  return out;
}

/** Items with ids (segments, channels, activities): added, removed, or which of their keys changed. */
function byIdChanges<T extends { id: string }>(what: "segment" | "channel" | "activity", a: readonly T[], b: readonly T[]): Change[] {
  const out: Change[] = [];
  const ia = new Map(a.map((x) => [x.id, x]));
  const ib = new Map(b.map((x) => [x.id, x]));
  for (const [id] of ia) if (!ib.has(id)) out.push({ kind: "removed", what, id, detail: "" });
  for (const [id, x] of ib) {
    const old = ia.get(id);
    if (!old) {
      out.push({ kind: "added", what, id, detail: "" });
      continue;
    }
    const keys = [...new Set([...Object.keys(old), ...Object.keys(x)])].filter((k) => JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify((x as Record<string, unknown>)[k]));
    if (keys.length > 0) out.push({ kind: "changed", what, id, detail: keys.map((k) => `${k} ${show((old as Record<string, unknown>)[k])} -> ${show((x as Record<string, unknown>)[k])}`).join("; ") });
  }
  return out;
}

export interface Move {
  readonly id: string;
  readonly delta: number;
}

export interface RowChange {
  readonly file: string;
  readonly line: number;
  readonly label: string;
  readonly before: { score: number; tier: string };
  readonly after: { score: number; tier: string };
  /** Criteria whose points moved, largest first; criteria only one side has count from or to 0. */
  readonly moves: readonly Move[];
}

export interface RowsDiff {
  readonly rows: number;
  readonly tierChanged: number;
  readonly scoreChanged: number;
  /** Rows placed in another segment. */
  readonly segmentChanged: number;
  /** "B -> A": count, in tier order. */
  readonly transitions: ReadonlyArray<{ from: string; to: string; count: number }>;
  /** Tier changes first, then by the size of the score change; ties by file and line. */
  readonly changes: readonly RowChange[];
}

export interface DiffRow {
  readonly file: string;
  readonly line: number;
  readonly label: string;
  readonly before: ScoreResult;
  readonly after: ScoreResult;
}

export function rowsDiff(rows: readonly DiffRow[], tierOrder: readonly string[]): RowsDiff {
  const transitions = new Map<string, number>();
  const changes: RowChange[] = [];
  let scoreChanged = 0;
  let segmentChanged = 0;
  for (const r of rows) {
    if ((r.before.segment?.id ?? null) !== (r.after.segment?.id ?? null)) segmentChanged++;
    const key = `${r.before.tier}\u0000${r.after.tier}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    if (r.before.score === r.after.score && r.before.tier === r.after.tier) continue;
    if (r.before.score !== r.after.score) scoreChanged++;
    const points = new Map<string, number>();
    for (const c of r.before.contributions) points.set(c.id, -c.points);
    for (const c of r.after.contributions) points.set(c.id, (points.get(c.id) ?? 0) + c.points);
    const moves = [...points].map(([id, delta]) => ({ id, delta: Math.round(delta * 10) / 10 })).filter((m) => m.delta !== 0);
    moves.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.id < b.id ? -1 : 1));
    changes.push({ file: r.file, line: r.line, label: r.label, before: { score: r.before.score, tier: r.before.tier }, after: { score: r.after.score, tier: r.after.tier }, moves });
  }
  const rank = (t: string) => {
    const i = tierOrder.indexOf(t);
    return i < 0 ? tierOrder.length : i;
  };
  changes.sort((a, b) => {
    const ta = a.before.tier !== a.after.tier ? 0 : 1;
    const tb = b.before.tier !== b.after.tier ? 0 : 1;
    return ta - tb || Math.abs(b.after.score - b.before.score) - Math.abs(a.after.score - a.before.score) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
  });
  const list = [...transitions].map(([k, count]) => {
    const [from, to] = k.split("\u0000") as [string, string];
    return { from, to, count };
  });
  list.sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
  return { rows: rows.length, tierChanged: changes.filter((c) => c.before.tier !== c.after.tier).length, scoreChanged, segmentChanged, transitions: list, changes };
}
