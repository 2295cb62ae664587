/**
 * The SLA policy (INTERFACES.md "SLA policy"): response targets, optional business hours and
 * per-channel overrides. One schema, used by the policy editor, the inbox's due times and the
 * `fairness` command, so all three read a policy file the same way.
 *
 * Targets are whole minutes; with business hours they are business minutes (see business-time.ts).
 */
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { ChannelSchema, type Channel } from '../mention';

/** Monday first, as the policy file spells the days. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "09:30" -> 570. "24:00" is allowed as an end, meaning midnight at the end of the day. */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const ClockSchema = z.string().regex(CLOCK, 'expected a wall-clock time "HH:MM" from 00:00 to 24:00');

/**
 * One opening interval in local wall-clock time, start inclusive, end exclusive. A shift past
 * midnight is written as two intervals on two days; refusing it keeps every interval inside its day.
 */
const IntervalSchema = z
  .tuple([ClockSchema, ClockSchema])
  // Only judged when both ends are well-formed; a malformed one already has its own message.
  .refine(([a, b]) => !CLOCK.test(a) || !CLOCK.test(b) || clockMinutes(a) < clockMinutes(b), {
    message: 'an interval must end after it starts (split a shift past midnight over two days)',
  });

/** A day absent, null or [] is closed. Overlapping intervals are merged when the policy is used. */
const DayHoursSchema = z.array(IntervalSchema).nullable().optional();

export const WeeklyHoursSchema = z
  .strictObject({
    mon: DayHoursSchema,
    tue: DayHoursSchema,
    wed: DayHoursSchema,
    thu: DayHoursSchema,
    fri: DayHoursSchema,
    sat: DayHoursSchema,
    sun: DayHoursSchema,
  })
  // A schedule that never opens would make every due time infinitely far away.
  .refine((w) => WEEKDAYS.some((d) => (w[d]?.length ?? 0) > 0), {
    message: 'business hours open on no day; use null for around the clock',
  });
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

const Minutes = z.number().int('expected whole minutes').positive('expected a positive number of minutes');

export const TargetsSchema = z.strictObject({
  firstResponseMinutes: Minutes,
  nextResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
});
export type Targets = z.infer<typeof TargetsSchema>;

const TargetsOverrideSchema = TargetsSchema.partial();

const HolidaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"')
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealDate(s), { message: 'no such date' });

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Strict at every level: a policy file is written by hand, and a misspelt key ("firstResponseMinute")
 * silently falling back to a default would publish the wrong promise.
 */
export const SlaPolicySchema = z.strictObject({
  /** Optional label shown in reports ("Q1 2027 targets"). */
  name: z.string().max(200).optional(),
  firstResponseMinutes: Minutes.default(60),
  nextResponseMinutes: Minutes.default(240),
  resolutionMinutes: Minutes.default(1440),
  timezone: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), { message: 'not an IANA time zone (e.g. "Europe/Lisbon")' })
    .default('UTC'),
  /** Absent or null: around the clock. */
  businessHours: WeeklyHoursSchema.nullable().optional(),
  /** Local dates in the policy's time zone on which the clock does not run. */
  holidays: z.array(HolidaySchema).default([]),
  channels: z.partialRecord(ChannelSchema, TargetsOverrideSchema).default({}),
  fairnessRatioLimit: z.number().gt(1, 'the limit is a ratio above 1').default(1.25),
});
export type SlaPolicy = z.output<typeof SlaPolicySchema>;
/** What a policy file may omit (defaults fill it). */
export type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

/** A policy version: applies to mentions whose SLA clock starts at or after `from`. */
export const PolicyVersionSchema = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  policy: SlaPolicySchema,
});
export type PolicyVersion = z.output<typeof PolicyVersionSchema>;

export const DEFAULT_POLICY: SlaPolicy = {
  firstResponseMinutes: 60,
  nextResponseMinutes: 240,
  resolutionMinutes: 1440,
  timezone: 'UTC',
  businessHours: null,
  holidays: [],
  channels: {},
  fairnessRatioLimit: 1.25,
};

/** The three targets in force for a channel: the policy's, with the channel's overrides on top. */
export function targetsFor(policy: SlaPolicy, channel: Channel): Targets {
  const o = policy.channels[channel] ?? {};
  return {
    firstResponseMinutes: o.firstResponseMinutes ?? policy.firstResponseMinutes,
    nextResponseMinutes: o.nextResponseMinutes ?? policy.nextResponseMinutes,
    resolutionMinutes: o.resolutionMinutes ?? policy.resolutionMinutes,
  };
}

/** True when the policy counts business time; false for around the clock. */
export function hasBusinessHours(policy: Pick<SlaPolicy, 'businessHours'>): boolean {
  return policy.businessHours != null && WEEKDAYS.some((d) => (policy.businessHours?.[d]?.length ?? 0) > 0);
}

/** A day's intervals in minutes from local midnight, sorted, overlapping or touching ones merged. */
export function dayIntervals(hours: WeeklyHours | null | undefined, day: Weekday): Array<[number, number]> {
  const raw = (hours?.[day] ?? []).map(([a, b]): [number, number] => [clockMinutes(a), clockMinutes(b)]);
  raw.sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const iv of raw) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The published promise: what the team can tell a customer, rendered from the policy itself so the
// words can never drift from the numbers the reports hold the team to.

/** How the promise names each channel: "We answer <phrase> within ...". */
const CHANNEL_PHRASE: Record<Channel, string> = {
  x: 'on X',
  appstore: 'App Store reviews',
  reddit: 'on Reddit',
  mastodon: 'on Mastodon',
  hackernews: 'on Hacker News',
  'google-alerts': 'mentions found by Google Alerts',
  feed: 'mentions in feeds',
  demo: 'on the demo channel',
};

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * "1 hour", "90 minutes", "2 days". Days are only used around the clock: with business hours a
 * "day" would read as a calendar day, so longer targets are given in hours, and called business hours
 * when one opening day could not hold them (so "24 hours" is not misread as "by this time tomorrow").
 */
function describeDuration(minutes: number, withHours: boolean, longestDay: number): string {
  if (!withHours && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  const business = withHours && minutes > longestDay ? 'business ' : '';
  if (minutes % 60 === 0) return plural(minutes / 60, `${business}hour`);
  if (minutes < 60) return plural(minutes, `${business}minute`);
  return `${plural(Math.floor(minutes / 60), 'hour')} ${plural(minutes % 60, 'minute')}${business ? ' of business time' : ''}`;
}

/** "Lisbon time", "New York time"; "UTC" and the Etc/ zones by their own name. */
function zoneLabel(tz: string): string {
  if (/^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal)$/i.test(tz)) return 'UTC';
  if (!tz.includes('/') || tz.startsWith('Etc/')) return tz;
  return `${tz.slice(tz.lastIndexOf('/') + 1).replace(/_/g, ' ')} time`;
}

/** Without a locale: "9:00", "18:30", "24:00". With one: that locale's clock ("9:00 AM"). */
function clockText(minutes: number, locale: string | undefined): string {
  if (locale === undefined) return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  const fmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  return fmt.format(new Date(Date.UTC(2000, 0, 1, 0, minutes % 1440)));
}

function dayRange(days: Weekday[]): string {
  if (days.length === 7) return 'every day';
  const first = DAY_NAMES[days[0]!];
  const last = DAY_NAMES[days[days.length - 1]!];
  if (days.length === 1) return first;
  return days.length === 2 ? `${first} and ${last}` : `${first} to ${last}`;
}

/** The weekly schedule in words: "9:00-18:00 Lisbon time, Monday to Friday". */
function describeSchedule(policy: SlaPolicy, locale: string | undefined): string {
  // Runs of consecutive days with the same hours, Monday first.
  const runs: Array<{ text: string; days: Weekday[] }> = [];
  for (const day of WEEKDAYS) {
    const ivs = dayIntervals(policy.businessHours, day);
    const text = ivs.map(([a, b]) => `${clockText(a, locale)}-${clockText(b, locale)}`).join(' and ');
    const prev = runs[runs.length - 1];
    const prevDay = prev?.days[prev.days.length - 1];
    if (text && prev && prev.text === text && prevDay && WEEKDAYS.indexOf(prevDay) === WEEKDAYS.indexOf(day) - 1) {
      prev.days.push(day);
    } else if (text) {
      runs.push({ text, days: [day] });
    }
  }
  const zone = zoneLabel(policy.timezone);
  const holidays = policy.holidays.length > 0 ? ', except holidays' : '';
  if (runs.length === 1) return `${runs[0]!.text} ${zone}, ${dayRange(runs[0]!.days)}${holidays}`;
  return `${runs.map((r) => `${r.text} ${dayRange(r.days)}`).join(', ')}, ${zone}${holidays}`;
}

/**
 * The promise customers on a channel can be told, e.g. "We answer on X within 1 hour, 9:00-18:00
 * Lisbon time, Monday to Friday" or "We answer App Store reviews within 1 day, around the clock".
 * The words are English (the app's only language so far); `locale` picks the clock style.
 */
export function describePromise(policy: SlaPolicy, channel: Channel, locale?: string): string {
  const { firstResponseMinutes } = targetsFor(policy, channel);
  const withHours = hasBusinessHours(policy);
  const longestDay = Math.max(0, ...WEEKDAYS.map((d) => dayIntervals(policy.businessHours, d).reduce((s, [a, b]) => s + b - a, 0)));
  const within = describeDuration(firstResponseMinutes, withHours, longestDay);
  const when = withHours ? describeSchedule(policy, locale) : 'around the clock';
  return `We answer ${CHANNEL_PHRASE[channel]} within ${within}, ${when}`;
}
