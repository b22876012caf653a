/**
 * The channel plan: for one prospect, the first channel to use and the next step (channel, content,
 * and the activity in force on the as-of date), chosen from the contact data that passes its check
 * and the segment's channel preference. Pure: the date comes in as a parameter.
 */
import { checkEmail, checkPhone, checkSocial, checkWebsite } from "../contact/check.js";
import { countryIndex } from "./country.js";
import { isBlank, phraseKey } from "./text.js";
import type { CompiledActivity, CompiledChannel, CompiledPortrait } from "./types.js";

/** The step put first when a prospect has no official website: a rep verifies a company there before writing. */
export const RESEARCH_CHANNEL = "research";

export interface OutreachPlan {
  /** The first channel to use: a channel id, or "research". */
  readonly channel: string;
  /** `LinkedIn: case study; then email: catalogue (Canton Fair, 15 Apr-5 May)`. */
  readonly nextStep: string;
  /** The activity in force for the first channel, if any. */
  readonly activity: string | null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const day = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;

/** The activities in force on a date (both ends included), for a channel. */
export function activitiesOn(activities: readonly CompiledActivity[], channel: string, asOf: string | null): CompiledActivity[] {
  if (asOf === null) return [];
  return activities.filter((a) => a.from <= asOf && asOf <= a.to && a.channels.includes(channel));
}

interface Usable {
  readonly channel: CompiledChannel;
  readonly note: string;
}

function usable(portrait: CompiledPortrait, c: CompiledChannel, values: readonly (string | undefined)[]): Usable | null {
  if (c.check === "none") return { channel: c, note: "" };
  const v = values[c.fieldIndex];
  if (isBlank(v)) return null;
  if (c.values && !c.values.has(phraseKey(v!))) return null;
  switch (c.check) {
    case "email": {
      const e = checkEmail(v!);
      return e.ok ? { channel: c, note: e.freeMail ? " (free-mail address)" : "" } : null;
    }
    case "url":
      return checkWebsite(v!).ok ? { channel: c, note: "" } : null;
    case "phone": {
      const country = portrait.countryField >= 0 ? countryIndex().lookup(values[portrait.countryField] ?? "") : null;
      return checkPhone(v!, country ?? undefined).ok ? { channel: c, note: "" } : null;
    }
    case "social":
      return checkSocial(v!).ok ? { channel: c, note: "" } : null;
    default:
      return { channel: c, note: "" };
  }
}

/** One step; an activity goes with the first step that can carry it, not with every step. */
function step(u: Usable, activities: readonly CompiledActivity[], asOf: string | null, used: Set<string>): { text: string; activity: string | null } {
  const a = activitiesOn(activities, u.channel.id, asOf).find((x) => !used.has(x.id));
  if (a) used.add(a.id);
  const content = a?.content ?? u.channel.content;
  const when = a ? ` (${a.label}, ${day(a.from)}-${day(a.to)})` : "";
  return { text: `${u.channel.label}: ${content}${when}${u.note}`, activity: a?.label ?? null };
}

/**
 * Null when the portrait has no channels. Channels are tried in the segment's order of preference,
 * then in the portrait's; the plan names the first usable one and the one after it.
 */
export function planOutreach(portrait: CompiledPortrait, values: readonly (string | undefined)[], segmentId: string | undefined, asOf: string | null): OutreachPlan | null {
  if (portrait.channels.length === 0) return null;
  const preferred = portrait.segments.find((s) => s.id === segmentId)?.channels ?? [];
  const order = [...preferred.map((id) => portrait.channels.find((c) => c.id === id)!).filter(Boolean), ...portrait.channels.filter((c) => !preferred.includes(c.id))];
  // The plan names two steps: check channels in order until two pass (phone parsing is the costly check).
  const open: Usable[] = [];
  for (const c of order) {
    const u = usable(portrait, c, values);
    if (u) open.push(u);
    if (open.length === 2) break;
  }
  const site = portrait.websiteField >= 0 ? values[portrait.websiteField] : undefined;
  const needsResearch = portrait.websiteField >= 0 && (isBlank(site) || !checkWebsite(site!).ok);
  const used = new Set<string>();
  const steps = open.slice(0, 2).map((u) => step(u, portrait.activities, asOf, used));
  if (needsResearch || steps.length === 0) {
    const what = needsResearch ? "find the official website" : "find a contact: no usable email, phone or profile";
    const rest = steps.length > 0 ? `; then ${steps[0]!.text}` : "";
    return { channel: RESEARCH_CHANNEL, nextStep: `${RESEARCH_CHANNEL}: ${what}${rest}`, activity: null };
  }
  return { channel: open[0]!.channel.id, nextStep: steps.map((s) => s.text).join("; then "), activity: steps[0]!.activity };
}
