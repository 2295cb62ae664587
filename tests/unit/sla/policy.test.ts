/**
 * The SLA policy file: what it accepts, what it refuses (naming the field), and the promise it
 * publishes per channel.
 */
import { describe, it, expect } from 'vitest';
import { SlaPolicySchema, DEFAULT_POLICY, targetsFor, describePromise, type SlaPolicyInput } from '../../../src-main/shared/sla/policy';

const office = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
} satisfies SlaPolicyInput['businessHours'];

const problems = (input: unknown): string[] => {
  const r = SlaPolicySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the policy schema', () => {
  it('accepts the example of INTERFACES.md as written', () => {
    const example = {
      firstResponseMinutes: 60,
      nextResponseMinutes: 240,
      resolutionMinutes: 1440,
      timezone: 'Europe/Lisbon',
      businessHours: { ...office, fri: [['09:00', '17:00']] },
      holidays: ['2026-12-25'],
      channels: { appstore: { firstResponseMinutes: 1440 } },
      fairnessRatioLimit: 1.25,
    };
    expect(SlaPolicySchema.parse(example)).toEqual(example);
  });

  it('fills what a file leaves out with the defaults', () => {
    expect(SlaPolicySchema.parse({})).toEqual({ ...DEFAULT_POLICY, businessHours: undefined });
  });

  it('refuses a time zone that is not in the IANA database', () => {
    expect(problems({ timezone: 'Lisbon' })).toEqual(['timezone: not an IANA time zone (e.g. "Europe/Lisbon")']);
  });

  it('refuses a malformed time, a backwards interval and an unknown day, naming each', () => {
    expect(problems({ businessHours: { mon: [['9:00', '18:00']], tue: [['18:00', '09:00']], wed: [['09:00', '18:00']], funday: [] } })).toEqual([
      'businessHours.mon.0.0: expected a wall-clock time "HH:MM" from 00:00 to 24:00',
      'businessHours.tue.0: an interval must end after it starts (split a shift past midnight over two days)',
      'businessHours: Unrecognized key: "funday"',
    ]);
  });

  it('refuses business hours that never open', () => {
    expect(problems({ businessHours: { mon: [], sat: null } })).toEqual(['businessHours: business hours open on no day; use null for around the clock']);
  });

  it('refuses impossible holidays, an unknown channel, fractional minutes and a misspelt key', () => {
    expect(problems({ holidays: ['2026-02-30', '25/12/2026'] })).toEqual(['holidays.0: no such date', 'holidays.1: expected a date "YYYY-MM-DD"']);
    expect(problems({ channels: { fax: { firstResponseMinutes: 5 } } })).toEqual(['channels: Unrecognized key: "fax"']);
    expect(problems({ firstResponseMinutes: 60.5 })).toEqual(['firstResponseMinutes: expected whole minutes']);
    expect(problems({ firstResponseMinute: 60 })).toEqual([': Unrecognized key: "firstResponseMinute"']);
  });

  it('allows 24:00 as the end of a day', () => {
    expect(problems({ businessHours: { sat: [['20:00', '24:00']] } })).toEqual([]);
  });
});

describe('targetsFor', () => {
  const policy = SlaPolicySchema.parse({ channels: { appstore: { firstResponseMinutes: 1440 } } });
  it('takes a channel override over the policy target, field by field', () => {
    expect(targetsFor(policy, 'appstore')).toEqual({ firstResponseMinutes: 1440, nextResponseMinutes: 240, resolutionMinutes: 1440 });
    expect(targetsFor(policy, 'x')).toEqual({ firstResponseMinutes: 60, nextResponseMinutes: 240, resolutionMinutes: 1440 });
  });
});

describe('the published promise', () => {
  const lisbon = SlaPolicySchema.parse({ timezone: 'Europe/Lisbon', businessHours: office, channels: { appstore: { firstResponseMinutes: 1440 } } });

  it('names the channel, the target and the hours', () => {
    expect(describePromise(lisbon, 'x')).toBe('We answer on X within 1 hour, 9:00-18:00 Lisbon time, Monday to Friday');
  });

  it('says "around the clock" and uses days when there are no business hours', () => {
    const policy = SlaPolicySchema.parse({ channels: { appstore: { firstResponseMinutes: 1440 } } });
    expect(describePromise(policy, 'appstore')).toBe('We answer App Store reviews within 1 day, around the clock');
    expect(describePromise(DEFAULT_POLICY, 'reddit')).toBe('We answer on Reddit within 1 hour, around the clock');
  });

  it('calls a target longer than an opening day business hours, so it is not read as "by tomorrow"', () => {
    expect(describePromise(lisbon, 'appstore')).toBe('We answer App Store reviews within 24 business hours, 9:00-18:00 Lisbon time, Monday to Friday');
  });

  it('lists different hours per run of days, and holidays', () => {
    const policy = SlaPolicySchema.parse({
      timezone: 'America/New_York',
      firstResponseMinutes: 90,
      businessHours: { ...office, fri: [['09:00', '17:00']], sat: [['10:00', '14:00']] },
      holidays: ['2026-11-26'],
    });
    expect(describePromise(policy, 'mastodon')).toBe(
      'We answer on Mastodon within 1 hour 30 minutes, 9:00-18:00 Monday to Thursday, 9:00-17:00 Friday, 10:00-14:00 Saturday, New York time, except holidays',
    );
  });

  it('writes the clock the way a locale does when one is given', () => {
    expect(describePromise(lisbon, 'x', 'en-US')).toBe('We answer on X within 1 hour, 9:00 AM-6:00 PM Lisbon time, Monday to Friday');
  });
});
