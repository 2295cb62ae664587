/**
 * Business-time arithmetic against a slow oracle that is correct by inspection: it walks UTC minute
 * by minute and asks luxon for each minute's local wall-clock time, weekday and date. The fast code
 * must agree with it on random schedules, zones and holidays, with daylight-saving weeks drawn often.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  type BusinessCalendar,
} from '../../../src-main/shared/sla/business-time';
import { WEEKDAYS, type WeeklyHours } from '../../../src-main/shared/sla/policy';

const MINUTE = 60_000;
const ZONES = ['Europe/Lisbon', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;

// ---- the oracle -------------------------------------------------------------------------------

const toMinutes = (hhmm: string): number => parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(3), 10);

/** Is the UTC minute starting at u business time? Its wall clock, in the zone, decides. */
function oracleOpen(u: number, cal: BusinessCalendar): boolean {
  if (!cal.businessHours) return true; // around the clock
  const local = DateTime.fromMillis(u, { zone: cal.timezone });
  if ((cal.holidays ?? []).includes(local.toISODate()!)) return false;
  const day = WEEKDAYS[local.weekday - 1]!;
  const wall = local.hour * 60 + local.minute;
  return (cal.businessHours?.[day] ?? []).some(([a, b]) => toMinutes(a) <= wall && wall < toMinutes(b));
}

function oracleAdd(start: number, minutes: number, cal: BusinessCalendar): number {
  if (minutes === 0) return start;
  let counted = 0;
  for (let u = start; u < start + 60 * 86_400_000; u += MINUTE) {
    if (oracleOpen(u, cal) && ++counted === minutes) return u + MINUTE;
  }
  throw new Error('oracle gave up');
}

function oracleBetween(a: number, b: number, cal: BusinessCalendar): number {
  let n = 0;
  for (let u = a; u < b; u += MINUTE) if (oracleOpen(u, cal)) n++;
  return n;
}

// ---- generators -------------------------------------------------------------------------------

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 0 to 2 intervals a day on a 15-minute grid, weighted towards the small hours where clocks change. */
const intervalArb = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 95 })),
    fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 96 })),
  )
  .filter(([a, b]) => a !== b)
  .map(([a, b]): [string, string] => [hhmm(Math.min(a, b) * 15), hhmm(Math.max(a, b) * 15)]);

const officeHours: WeeklyHours = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] };

const scheduleArb: fc.Arbitrary<WeeklyHours> = fc.oneof(
  fc.constant(officeHours),
  fc
    .record(Object.fromEntries(WEEKDAYS.map((d) => [d, fc.array(intervalArb, { maxLength: 2 })])) as Record<(typeof WEEKDAYS)[number], fc.Arbitrary<Array<[string, string]>>>)
    .filter((w) => WEEKDAYS.some((d) => w[d].length > 0)),
);

/** Windows where clocks change in 2026 (EU end of March and October, US March and November, Sydney April and October) and plain ones. */
const WINDOWS = ['2026-03-26', '2026-10-22', '2026-03-05', '2026-10-29', '2026-04-02', '2026-10-01', '2026-01-12', '2026-07-20', '2026-12-22'].map(
  (d) => Date.parse(`${d}T00:00:00Z`),
);

const startArb = fc
  .tuple(fc.constantFrom(...WINDOWS), fc.integer({ min: 0, max: 6 * 24 * 60 }))
  .map(([base, m]) => base + m * MINUTE);

const calendarArb = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    businessHours: scheduleArb,
    // Holidays near the windows so they matter.
    holidays: fc.uniqueArray(
      fc.tuple(fc.constantFrom(...WINDOWS), fc.integer({ min: 0, max: 10 })).map(([b, d]) => new Date(b + d * 86_400_000).toISOString().slice(0, 10)),
      { maxLength: 3 },
    ),
  })
  .map((c): BusinessCalendar => c);

/** Business minutes in a plain week; targets stay below it so the oracle walks at most a couple of weeks. */
function weeklyMinutes(w: WeeklyHours): number {
  return WEEKDAYS.reduce((s, d) => s + (w[d] ?? []).reduce((t, [a, b]) => t + toMinutes(b) - toMinutes(a), 0), 0);
}

const caseArb = fc.tuple(calendarArb, startArb, fc.double({ min: 0, max: 1, noNaN: true })).map(([cal, start, f]) => ({
  cal,
  start,
  minutes: Math.floor(f * Math.min(1500, weeklyMinutes(cal.businessHours!))),
}));

const RUNS = { numRuns: 100 };

/** The 2026 clock changes of each zone that has them, as UTC instants. */
const CLOCK_CHANGES: Record<string, string[]> = {
  'Europe/Lisbon': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'],
};

/** Schedules packed into the small hours, every day, with starts within a day and a half of a clock change. */
const dstNightArb = fc
  .record({
    timezone: fc.constantFrom(...Object.keys(CLOCK_CHANGES)),
    businessHours: fc.record(
      Object.fromEntries(
        WEEKDAYS.map((d) => [
          d,
          fc.array(
            fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })).filter(([a, b]) => a !== b).map(([a, b]): [string, string] => [hhmm(Math.min(a, b) * 15), hhmm(Math.max(a, b) * 15)]),
            { minLength: 1, maxLength: 2 },
          ),
        ]),
      ) as Record<(typeof WEEKDAYS)[number], fc.Arbitrary<Array<[string, string]>>>,
    ),
    which: fc.integer({ min: 0, max: 1 }),
    shift: fc.integer({ min: -36 * 60, max: 36 * 60 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    span: fc.integer({ min: 0, max: 2 * 24 * 60 }),
  })
  .map(({ timezone, businessHours, which, shift, share, span }) => ({
    cal: { timezone, businessHours } as BusinessCalendar,
    start: Date.parse(CLOCK_CHANGES[timezone]![which]!) + shift * MINUTE,
    // At most a week's worth of open minutes, so the oracle's walk stays short.
    minutes: Math.floor(share * Math.min(600, weeklyMinutes(businessHours))),
    span,
  }));

// ---- properties -------------------------------------------------------------------------------

describe('business time agrees with a minute-by-minute walk of the wall clock', () => {
  it('addBusinessMinutes gives the instant the last counted minute ends', () => {
    fc.assert(
      fc.property(caseArb, ({ cal, start, minutes }) => {
        expect(addBusinessMinutes(new Date(start), minutes, cal).getTime()).toBe(oracleAdd(start, minutes, cal));
      }),
      RUNS,
    );
  });

  it('businessMinutesBetween counts the open minutes in [a, b)', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 0, max: 3 * 24 * 60 }), (cal, a, span) => {
        const b = a + span * MINUTE;
        expect(businessMinutesBetween(new Date(a), new Date(b), cal)).toBe(oracleBetween(a, b, cal));
      }),
      RUNS,
    );
  });

  it('both agree with the oracle on the nights the clocks change', () => {
    fc.assert(
      fc.property(dstNightArb, ({ cal, start, minutes, span }) => {
        expect(addBusinessMinutes(new Date(start), minutes, cal).getTime()).toBe(oracleAdd(start, minutes, cal));
        expect(businessMinutesBetween(new Date(start), new Date(start + span * MINUTE), cal)).toBe(oracleBetween(start, start + span * MINUTE, cal));
      }),
      RUNS,
    );
  });

  it('isBusinessTime matches the oracle minute by minute', () => {
    fc.assert(
      fc.property(calendarArb, startArb, (cal, u) => {
        expect(isBusinessTime(new Date(u), cal)).toBe(oracleOpen(u, cal));
      }),
      { numRuns: 300 },
    );
  });

  it('round trip: the minutes between a start and its due time are the target', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 600 }), ({ cal, start, minutes }, lead) => {
        // A start inside hours (the end of `lead` business minutes is inside or at the end of an interval) ...
        const inside = addBusinessMinutes(new Date(start), lead, cal);
        const due = addBusinessMinutes(inside, minutes, cal);
        expect(businessMinutesBetween(inside, due, cal)).toBe(minutes);
        // ... and any start at all.
        expect(businessMinutesBetween(new Date(start), addBusinessMinutes(new Date(start), minutes, cal), cal)).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('between is additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (cal, a, x, y) => {
        const b = a + x * MINUTE;
        const c = b + y * MINUTE;
        const ab = businessMinutesBetween(new Date(a), new Date(b), cal);
        expect(ab + businessMinutesBetween(new Date(b), new Date(c), cal)).toBe(businessMinutesBetween(new Date(a), new Date(c), cal));
        expect(businessMinutesBetween(new Date(b), new Date(a), cal) + ab).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- hand-picked cases ------------------------------------------------------------------------

const lisbonOffice: BusinessCalendar = { timezone: 'Europe/Lisbon', businessHours: officeHours, holidays: ['2026-12-25'] };
const monFri9to18: BusinessCalendar = {
  timezone: 'Europe/Lisbon',
  businessHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '18:00']]])) as WeeklyHours,
  holidays: ['2026-12-25'],
};
const at = (iso: string, zone: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
const lisbon = (iso: string): Date => at(iso, 'Europe/Lisbon');

describe('hand-picked business-time cases', () => {
  const cases: Array<{ name: string; cal: BusinessCalendar; start: Date; minutes: number; due: Date }> = [
    { name: 'Friday 17:30 + 60 with Mon-Fri 9-18 is Monday 9:30 (summer, UTC+1)', cal: monFri9to18, start: lisbon('2026-06-12T17:30'), minutes: 60, due: lisbon('2026-06-15T09:30') },
    { name: 'Friday 17:30 + 30 ends at Friday 18:00, not Monday', cal: monFri9to18, start: lisbon('2026-06-12T17:30'), minutes: 30, due: lisbon('2026-06-12T18:00') },
    { name: 'a start before opening waits for it', cal: monFri9to18, start: lisbon('2026-06-15T07:10'), minutes: 15, due: lisbon('2026-06-15T09:15') },
    { name: 'a Friday that closes at 17:00 pushes to Monday', cal: lisbonOffice, start: lisbon('2026-11-20T16:30'), minutes: 60, due: lisbon('2026-11-23T09:30') },
    { name: 'Christmas Day (a Friday holiday) is skipped', cal: monFri9to18, start: lisbon('2026-12-24T17:30'), minutes: 60, due: lisbon('2026-12-28T09:30') },
    { name: 'the weekend of the spring-forward night is skipped by office hours', cal: monFri9to18, start: lisbon('2026-03-27T17:00'), minutes: 120, due: lisbon('2026-03-30T10:00') },
    {
      name: 'around the clock on the 23-hour day: 24 business hours from Saturday noon is Sunday 13:00',
      cal: { timezone: 'Europe/Lisbon', businessHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [['00:00', '24:00']]])) as WeeklyHours },
      start: lisbon('2026-03-28T12:00'),
      minutes: 24 * 60,
      due: lisbon('2026-03-29T13:00'),
    },
    {
      name: 'an interval starting in the spring-forward gap opens when the clocks jump (01:00-03:00 holds 60 minutes)',
      cal: { timezone: 'Europe/Lisbon', businessHours: { sun: [['01:00', '03:00']] } },
      start: lisbon('2026-03-29T00:30'),
      minutes: 90,
      due: lisbon('2026-04-05T01:30'),
    },
    {
      name: 'New York fall-back Sunday counts the repeated hour (25 hours open)',
      cal: { timezone: 'America/New_York', businessHours: { sun: [['00:00', '24:00']] } },
      start: at('2026-11-01T00:00', 'America/New_York'),
      minutes: 25 * 60,
      due: at('2026-11-02T00:00', 'America/New_York'),
    },
    {
      name: 'Sydney spring-forward Sunday (4 October 2026) holds 23 hours',
      cal: { timezone: 'Australia/Sydney', businessHours: { sun: [['00:00', '24:00']] } },
      start: at('2026-10-04T00:00', 'Australia/Sydney'),
      minutes: 23 * 60,
      due: at('2026-10-05T00:00', 'Australia/Sydney'),
    },
    {
      name: 'Kolkata (UTC+5:30) office hours',
      cal: { timezone: 'Asia/Kolkata', businessHours: officeHours },
      start: new Date('2026-07-17T11:00:00Z'), // Friday 16:30 local
      minutes: 60,
      due: new Date('2026-07-20T04:00:00Z'), // Monday 9:30 local
    },
    { name: 'around the clock is plain minutes, DST or not', cal: { timezone: 'Europe/Lisbon' }, start: new Date('2026-03-29T00:30:00Z'), minutes: 90, due: new Date('2026-03-29T02:00:00Z') },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(addBusinessMinutes(c.start, c.minutes, c.cal).toISOString()).toBe(c.due.toISOString());
      expect(businessMinutesBetween(c.start, c.due, c.cal)).toBe(c.minutes);
      expect(oracleAdd(c.start.getTime(), c.minutes, c.cal)).toBe(c.due.getTime());
    });
  }

  it('zero minutes is the start itself, even outside hours', () => {
    const sat = lisbon('2026-06-13T11:00');
    expect(addBusinessMinutes(sat, 0, monFri9to18).getTime()).toBe(sat.getTime());
  });

  it('refuses a negative target', () => {
    expect(() => addBusinessMinutes(new Date(), -1, monFri9to18)).toThrow(RangeError);
  });

  it('measures a weekend-and-holiday gap as zero business minutes', () => {
    expect(businessMinutesBetween(lisbon('2026-12-25T10:00'), lisbon('2026-12-27T23:00'), monFri9to18)).toBe(0);
  });

  it('counts fractions of a minute when instants are not on whole minutes', () => {
    expect(businessMinutesBetween(lisbon('2026-06-15T09:00'), lisbon('2026-06-15T09:00:30'), monFri9to18)).toBe(0.5);
  });
});
