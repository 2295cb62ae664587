/**
 * Business-time arithmetic: when a target of N business minutes falls due, and how many business
 * minutes lie between two instants. Pure, no Node or DOM; luxon answers every "what is the UTC
 * offset here" question, so no offset is ever written by hand.
 *
 * The model. Business hours are local wall-clock intervals per weekday, in the calendar's zone. An
 * instant is business time when its local wall-clock time falls inside an interval of its local
 * date's weekday and that date is not a holiday. Consequences on daylight-saving days:
 * - spring forward (a 23-hour day): wall times in the gap never happen, so an interval such as
 *   02:00-04:00 on that night holds only 03:00-04:00, i.e. 60 minutes. An interval that starts in
 *   the gap opens at the moment the clocks jump; one wholly inside the gap holds nothing.
 * - fall back (a 25-hour day): the repeated wall times happen twice and count twice, so 00:00-24:00
 *   on that day holds 25 hours.
 * This is exactly "walk the minutes and ask the wall clock", which the property tests check.
 *
 * How it stays fast. Each local date's intervals are turned into UTC instants once (memoised), then
 * regrouped by UTC day so a walk goes forward day by day, interval by interval, never minute by
 * minute. A target of days costs a handful of map lookups.
 *
 * Around the clock (no business hours) is plain elapsed time.
 */
import { IANAZone } from 'luxon';
import { WEEKDAYS, dayIntervals, hasBusinessHours, type WeeklyHours } from './policy';

/** What the arithmetic needs from a policy; an SlaPolicy is one. Treated as immutable. */
export interface BusinessCalendar {
  timezone: string;
  businessHours?: WeeklyHours | null;
  holidays?: readonly string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Offsets are sampled this far apart when looking for a daylight-saving change (then bisected). */
const OFFSET_PROBE = 6 * HOUR;
/** A walk that crosses this many days without one open minute has a calendar that never opens. */
const MAX_CLOSED_DAYS = 3660;
/** Memo entries kept per calendar before starting over (a decade of days, both kinds). */
const MAX_MEMO = 8000;

/** Intervals are flat arrays of UTC epoch ms: [start0, end0, start1, end1, ...], sorted, disjoint. */
type Flat = number[];

class CompiledCalendar {
  readonly zone: IANAZone;
  /** Per weekday (Monday = 0), intervals in ms from local midnight. */
  private readonly weekly: Array<Array<[number, number]>>;
  /** Holidays as day numbers: Date.UTC(y, m - 1, d) / DAY of the local date. */
  private readonly holidays: Set<number>;
  private readonly localDays = new Map<number, Flat>();
  private readonly utcDays = new Map<number, { iv: Flat; total: number }>();

  constructor(cal: BusinessCalendar) {
    const zone = IANAZone.create(cal.timezone);
    if (!zone.isValid) throw new RangeError(`not an IANA time zone: ${cal.timezone}`);
    this.zone = zone;
    this.weekly = WEEKDAYS.map((d) => dayIntervals(cal.businessHours, d).map(([a, b]): [number, number] => [a * MINUTE, b * MINUTE]));
    this.holidays = new Set(
      (cal.holidays ?? []).map((s) => {
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        return Date.UTC(y, m - 1, d) / DAY;
      }),
    );
  }

  private offsetMs(t: number): number {
    return this.zone.offset(t) * MINUTE;
  }

  /**
   * Stretches of constant UTC offset covering [from, to): [start, end, offsetMs] each. Offsets are
   * probed every few hours and a change is bisected to the millisecond, so the boundary is exact.
   * (Two changes within one probe step would be missed; no zone in the tz database does that.)
   */
  private offsetSegments(from: number, to: number): Array<[number, number, number]> {
    const segs: Array<[number, number, number]> = [];
    let segStart = from;
    let off = this.offsetMs(from);
    let t = from;
    while (t < to) {
      const next = Math.min(t + OFFSET_PROBE, to);
      if (this.offsetMs(next) === off) {
        t = next;
        continue;
      }
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.offsetMs(mid) === off) lo = mid;
        else hi = mid;
      }
      segs.push([segStart, hi, off]);
      segStart = hi;
      off = this.offsetMs(hi);
      t = hi;
    }
    segs.push([segStart, to, off]);
    return segs;
  }

  /** The open instants of one local date (day number), whatever UTC days they fall on. */
  private localDay(dn: number): Flat {
    const hit = this.localDays.get(dn);
    if (hit) return hit;
    const weekday = (new Date(dn * DAY).getUTCDay() + 6) % 7;
    const wall = this.holidays.has(dn) ? [] : (this.weekly[weekday] ?? []);
    const pieces: Array<[number, number]> = [];
    if (wall.length > 0) {
      // Offsets lie within -12h..+14h, so every instant whose wall date is dn lies in this window.
      const midnight = dn * DAY;
      for (const [u0, u1, off] of this.offsetSegments(midnight - 15 * HOUR, midnight + 39 * HOUR)) {
        for (const [s, e] of wall) {
          // Within a stretch of constant offset, wall time = instant + offset: solve for the instant.
          const lo = Math.max(u0, midnight + s - off);
          const hi = Math.min(u1, midnight + e - off);
          if (lo < hi) pieces.push([lo, hi]);
        }
      }
    }
    const flat = mergeFlat(pieces);
    this.remember(this.localDays, dn, flat);
    return flat;
  }

  /**
   * Open instants within the UTC day k, sorted. Gathered from the three local dates that can
   * overlap it, so the walk is strictly in time order even where a local date runs into the next.
   */
  utcDay(k: number): { iv: Flat; total: number } {
    const hit = this.utcDays.get(k);
    if (hit) return hit;
    const from = k * DAY;
    const to = from + DAY;
    const pieces: Array<[number, number]> = [];
    for (const dn of [k - 1, k, k + 1]) {
      const f = this.localDay(dn);
      for (let i = 0; i < f.length; i += 2) {
        const lo = Math.max(f[i]!, from);
        const hi = Math.min(f[i + 1]!, to);
        if (lo < hi) pieces.push([lo, hi]);
      }
    }
    const iv = mergeFlat(pieces);
    let total = 0;
    for (let i = 0; i < iv.length; i += 2) total += iv[i + 1]! - iv[i]!;
    const entry = { iv, total };
    this.remember(this.utcDays, k, entry);
    return entry;
  }

  private remember<V>(map: Map<number, V>, key: number, value: V): void {
    if (map.size >= MAX_MEMO) map.clear();
    map.set(key, value);
  }
}

function mergeFlat(pieces: Array<[number, number]>): Flat {
  pieces.sort((a, b) => a[0] - b[0]);
  const out: Flat = [];
  for (const [lo, hi] of pieces) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

const compiledCache = new WeakMap<BusinessCalendar, CompiledCalendar | null>();

/** The memoised form of a calendar, or null for around the clock. Pass the same object to reuse it. */
function compiled(cal: BusinessCalendar): CompiledCalendar | null {
  let c = compiledCache.get(cal);
  if (c === undefined) {
    c = hasBusinessHours(cal) ? new CompiledCalendar(cal) : null;
    compiledCache.set(cal, c);
  }
  return c;
}

function checkMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be a finite number >= 0, got ${minutes}`);
}

/**
 * Epoch-ms form of addBusinessMinutes, for hot loops. The earliest instant t >= start with exactly
 * `minutes` business minutes in [start, t): it ends on the last minute counted, so Friday 17:30 + 30
 * with hours to 18:00 is Friday 18:00, not Monday's opening. Zero minutes gives start itself.
 */
export function addBusinessMs(startMs: number, minutes: number, cal: BusinessCalendar): number {
  checkMinutes(minutes);
  const c = compiled(cal);
  if (!c || minutes === 0) return startMs + minutes * MINUTE;
  let left = minutes * MINUTE;
  let closedDays = 0;
  for (let k = Math.floor(startMs / DAY); ; k++) {
    const { iv, total } = c.utcDay(k);
    closedDays = total === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError('the business calendar never opens');
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= startMs) continue;
      const from = Math.max(iv[i]!, startMs);
      if (left <= end - from) return from + left;
      left -= end - from;
    }
  }
}

/**
 * Epoch-ms form of businessMinutesBetween. Negative when b is before a (so it can be summed and
 * compared), fractional when the instants are not on whole minutes.
 */
export function businessMinutesBetweenMs(a: number, b: number, cal: BusinessCalendar): number {
  if (b < a) return 0 - businessMinutesBetweenMs(b, a, cal) || 0; // `|| 0`: never -0
  const c = compiled(cal);
  if (!c) return (b - a) / MINUTE;
  let ms = 0;
  const last = Math.floor((b - 1) / DAY);
  for (let k = Math.floor(a / DAY); k <= last; k++) {
    const from = k * DAY;
    const { iv, total } = c.utcDay(k);
    if (from >= a && from + DAY <= b) {
      ms += total;
      continue;
    }
    for (let i = 0; i < iv.length; i += 2) {
      const lo = Math.max(iv[i]!, a);
      const hi = Math.min(iv[i + 1]!, b);
      if (lo < hi) ms += hi - lo;
    }
  }
  return ms / MINUTE;
}

/** When a target of `minutes` business minutes that starts at `start` falls due. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  return new Date(addBusinessMs(start.getTime(), minutes, calendar));
}

/** Business minutes in [a, b); negative when b is before a. Around the clock: plain minutes. */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  return businessMinutesBetweenMs(a.getTime(), b.getTime(), calendar);
}

/** Whether an instant is business time (the inbox shows "outside hours" with it). */
export function isBusinessTime(at: Date, calendar: BusinessCalendar): boolean {
  const c = compiled(calendar);
  if (!c) return true;
  const t = at.getTime();
  const { iv } = c.utcDay(Math.floor(t / DAY));
  for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= t && t < iv[i + 1]!) return true;
  return false;
}
