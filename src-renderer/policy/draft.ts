/** The policy being edited: plain helpers the editor's fields share (no React, no Dexie). */
import { SlaPolicySchema, WEEKDAYS, type SlaPolicy, type Weekday, type WeeklyHours } from '../../src-main/shared/sla/policy';
import { CHANNEL_INFO } from '../lib/channels';
import type { Channel } from '../../src-main/shared/mention';

export const DAY_LABEL: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** Channels a policy may override (the demo channel only exists in the demo). */
export const OVERRIDABLE: Channel[] = ['x', 'appstore', 'reddit', 'mastodon', 'hackernews', 'google-alerts', 'feed'];

export const TARGET_FIELDS = [
  { key: 'firstResponseMinutes', label: 'First response', hint: 'from the customer’s post to our first reply' },
  { key: 'nextResponseMinutes', label: 'Next response', hint: 'from a customer’s follow-up to our next reply' },
  { key: 'resolutionMinutes', label: 'Resolution', hint: 'from the post to resolved' },
] as const;
export type TargetKey = (typeof TARGET_FIELDS)[number]['key'];

/** Office hours a team switching business hours on starts from: 9:00-18:00, Monday to Friday. */
export function officeHours(): WeeklyHours {
  const day: Array<[string, string]> = [['09:00', '18:00']];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null };
}

/** Every IANA zone the runtime knows, with UTC and the policy's own zone always present. */
export function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const set = new Set(['UTC', ...zones]);
  set.add(current);
  return [...set].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** Where a schema issue is, in the editor's words. */
function placeOf(path: ReadonlyArray<PropertyKey>): string {
  const [head, a, b] = path;
  if (head === 'businessHours' && typeof a === 'string' && a in DAY_LABEL) return `Business hours, ${DAY_LABEL[a as Weekday]}${typeof b === 'number' ? ` (interval ${b + 1})` : ''}`;
  if (head === 'businessHours') return 'Business hours';
  if (head === 'holidays') return `Holiday ${typeof a === 'number' ? a + 1 : ''}`.trim();
  if (head === 'channels' && typeof a === 'string') return `${CHANNEL_INFO[a as Channel]?.label ?? a}, ${TARGET_FIELDS.find((f) => f.key === b)?.label.toLowerCase() ?? String(b)}`;
  const field = TARGET_FIELDS.find((f) => f.key === head);
  if (field) return field.label;
  if (head === 'fairnessRatioLimit') return 'Fairness limit';
  if (head === 'timezone') return 'Time zone';
  return path.map(String).join('.');
}

/** Problems that stop a save, each "Where: what". Empty when the draft is a valid policy. */
export function draftProblems(draft: SlaPolicy): string[] {
  const r = SlaPolicySchema.safeParse(draft);
  return r.success ? [] : r.error.issues.map((i) => `${placeOf(i.path)}: ${i.message}`);
}

/** Two policies say the same thing (key order and empty overrides aside). */
export function samePolicy(a: SlaPolicy, b: SlaPolicy): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(p: SlaPolicy): unknown {
  const channels = Object.fromEntries(
    Object.entries(p.channels)
      .map(([c, o]) => [c, Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined).sort())] as const)
      .filter(([, o]) => Object.keys(o).length > 0)
      .sort(),
  );
  const hours = p.businessHours ? Object.fromEntries(WEEKDAYS.map((d) => [d, p.businessHours?.[d] ?? []])) : null;
  return { ...p, name: p.name || undefined, businessHours: hours, holidays: [...p.holidays].sort(), channels };
}

/** Removes a channel's override of one target (and the channel entry when nothing is left). */
export function setOverride(p: SlaPolicy, channel: Channel, key: TargetKey, minutes: number | undefined): SlaPolicy {
  const cur = { ...(p.channels[channel] ?? {}) };
  if (minutes === undefined) delete cur[key];
  else cur[key] = minutes;
  const channels = { ...p.channels };
  if (Object.keys(cur).length) channels[channel] = cur;
  else delete channels[channel];
  return { ...p, channels };
}
