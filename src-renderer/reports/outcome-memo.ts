/**
 * What each mention's SLA outcome costs to work out (its policy version, due time and first-response
 * minutes: business-time arithmetic), kept in columns between reports over the same facts
 * (facts-report.ts), with the inputs it came from, so the next report works out again only the rows
 * whose clock start or first reply changed, or all of them under another policy. The rest of an
 * outcome (breached, past due, agent, skips) is cheap and read at report time, since it depends on
 * `now`. A value kept is the one outcomeOf gives for the same inputs, so figures are unchanged.
 */
import { outcomeOf, type PolicyRules } from '../../src-main/shared/sla/outcomes';
import { CHANNELS, REACH_TIERS } from '../../src-main/shared/mention';
import { clockOf, type Facts } from './facts';

/** Per facts row; valid where `known` is 1. `minutes` is NaN for an unanswered mention. */
export interface OutcomeColumns {
  policyIndex: Int32Array;
  dueMs: Float64Array;
  minutes: Float64Array;
}

interface Memo extends OutcomeColumns {
  policies: string;
  known: Uint8Array;
  clock: Float64Array;
  reply: Float64Array;
}

const memos = new WeakMap<Facts, Memo>();

function sized(size: number, policies: string, from?: Memo): Memo {
  const m: Memo = { policies, known: new Uint8Array(size), clock: new Float64Array(size), reply: new Float64Array(size), policyIndex: new Int32Array(size), dueMs: new Float64Array(size), minutes: new Float64Array(size) };
  if (from) for (const k of ['known', 'clock', 'reply', 'policyIndex', 'dueMs', 'minutes'] as const) m[k].set(from[k] as never);
  return m;
}

/** Room for the facts' rows and as many again (facts grow as mentions arrive). */
const capacity = (rows: number): number => Math.max(1024, rows * 2);

function memoFor(f: Facts, policies: string): Memo {
  let m = memos.get(f);
  if (!m || m.policies !== policies || m.clock.length < f.n) {
    // Grown under the same policies: what was worked out so far stays.
    const keep = m && m.policies === policies ? m : undefined;
    memos.set(f, (m = sized(capacity(f.n), policies, keep)));
  }
  return m;
}

/**
 * The outcome columns for one report: `policies` names the policy versions (their JSON), `rules` are
 * them as outcomeOf reads them. `ensure(row, ...)` makes the row's values current for a first reply
 * by now at `replyMs` (+Infinity: none). Channel and tier never change for a row, so they are not
 * compared. Arguments, not an object: this runs 200,000 times a report. `inputs` are the clock start
 * and first reply each known row's values were worked out from: a caller over every row checks them
 * itself and calls ensure() only when they differ (a call per row costs a new session's worker).
 */
export function outcomeColumns(f: Facts, policies: string, rules: PolicyRules): { columns: OutcomeColumns; inputs: Pick<Memo, 'known' | 'clock' | 'reply'>; ensure(row: number, channel: number, tier: number, clockStartMs: number, replyMs: number): void } {
  const m = memoFor(f, policies);
  return {
    columns: m,
    inputs: m,
    // The channel and tier as the facts hold them (indexes into CHANNELS and REACH_TIERS): named only when worked out.
    ensure(i, channel, tier, clockStartMs, replyMs) {
      if (m.known[i] && m.clock[i] === clockStartMs && m.reply[i] === replyMs) return;
      // The agent, owner and skips do not change these three: placeholders.
      const o = outcomeOf(rules, 0, '', CHANNELS[channel]!, REACH_TIERS[tier]!, clockStartMs, replyMs, null, null, 0);
      m.known[i] = 1;
      m.clock[i] = clockStartMs;
      m.reply[i] = replyMs;
      m.policyIndex[i] = o.policyIndex;
      m.dueMs[i] = o.dueMs;
      m.minutes[i] = o.firstResponseMinutes ?? Number.NaN;
    },
  };
}

/** Rows worked out between two looks at the clock while warming the columns up. */
const WARM_CHUNK = 512;

/**
 * Works out the columns of every row ahead, as a report as of `nowMs` would (its first reply by then),
 * in slices of about `sliceMs` with the thread let go between them (`yieldTo`), while `go()` holds.
 * A new session's report worker does this while IndexedDB reads the window of new events: the
 * all-time report worked out next then finds 200,000 outcomes known (0.2-0.4 s of business-time
 * arithmetic). The values are the ones ensure() would put there; a row whose reply a later fold
 * changes is worked out again by ensure().
 */
export async function warmOutcomeColumns(f: Facts, policies: string, rules: PolicyRules, nowMs: number, go: () => boolean, yieldTo: () => Promise<void>, sliceMs = 8): Promise<number> {
  const memo = outcomeColumns(f, policies, rules);
  const n = f.n;
  let i = 0;
  while (i < n && go()) {
    const t = performance.now();
    while (i < n && performance.now() - t < sliceMs) {
      const end = Math.min(n, i + WARM_CHUNK);
      for (; i < end; i++) {
        const replyMs = f.replyMs[i]!;
        memo.ensure(i, f.channel[i]!, f.tier[i]!, clockOf(f, i), replyMs <= nowMs ? replyMs : Infinity);
      }
    }
    if (i < n) await yieldTo();
  }
  return i;
}

/**
 * The columns as stored beside the facts they were worked out for (facts-save.ts), so that a new
 * session's first all-time report does not work out 200,000 outcomes again (0.2-0.5 s in the report
 * worker). Only rows whose values came from the facts' own clock start and first reply are kept
 * (`known`); their inputs are not stored: they are the facts' values as saved with them.
 */
export interface SavedOutcomes extends OutcomeColumns {
  /** The policy versions they were worked out under (their JSON, as outcomeColumns takes them). */
  policies: string;
  /** 1 where the row's values hold; rows past `rows` are room (0). */
  known: Uint8Array;
  /** Facts rows covered (the facts' `n` when saved); absent: every row of the columns (a save of version 6 or older). */
  rows?: number;
}

/**
 * Rows of room past the facts' rows, in the memo a new session takes back and in the columns stored
 * (so the new session takes them as they are read): the mentions a fold of the window adds fit
 * without fresh columns for all. Not as many again: fresh memory costs a new session's worker about
 * 3-4 ms a MB on a slow machine, and these columns take 37 bytes a row.
 */
const roomOf = (rows: number): number => Math.max(1024, rows >> 3);

/**
 * What of these facts' columns holds for the facts as they are now: rows worked out from their
 * present clock start and first reply (not a reply after the report's `now`, worked out as none), and
 * how many. Undefined when fewer than `atLeast` do (then nothing is copied).
 */
export function savedOutcomes(f: Facts, atLeast = 1): { outcomes: SavedOutcomes; rows: number } | undefined {
  const m = memos.get(f);
  if (!m) return undefined;
  const n = Math.min(f.n, m.known.length);
  const len = n + roomOf(n);
  const known = new Uint8Array(len);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (m.known[i] && m.clock[i] === clockOf(f, i) && m.reply[i] === f.replyMs[i]) {
      known[i] = 1;
      rows++;
    }
  }
  if (rows === 0 || rows < atLeast) return undefined;
  const room = <T extends Int32Array | Float64Array>(col: T): T => {
    const out = new (col.constructor as new (length: number) => T)(len);
    out.set(col.subarray(0, n));
    return out;
  };
  return { outcomes: { policies: m.policies, rows: n, known, policyIndex: room(m.policyIndex), dueMs: room(m.dueMs), minutes: room(m.minutes) }, rows };
}

/**
 * Takes back columns saved with these very facts (same rows, same values), as they were read back:
 * before anything is folded into them, since the inputs of each row are taken from the facts
 * themselves. A row a fold changes later is worked out again by ensure(). Facts of another size
 * than the saved columns: nothing taken. Columns stored with room (version 7) are taken as they are,
 * not copied. Returns how many rows were taken.
 */
export function restoreOutcomes(f: Facts, s: SavedOutcomes): number {
  const n = s.rows ?? s.known.length;
  const len = s.known.length;
  if (n !== f.n || len < n || [s.policyIndex, s.dueMs, s.minutes].some((a) => a.length !== len)) return 0;
  let m: Memo;
  if (len > n) {
    m = { policies: s.policies, known: s.known, policyIndex: s.policyIndex, dueMs: s.dueMs, minutes: s.minutes, clock: new Float64Array(len), reply: new Float64Array(len) };
  } else {
    m = sized(n + roomOf(n), s.policies);
    m.known.set(s.known);
    m.policyIndex.set(s.policyIndex);
    m.dueMs.set(s.dueMs);
    m.minutes.set(s.minutes);
  }
  // Each row's inputs, copied whole (a row not known is worked out again, its inputs with it), then
  // the clock start where it is the post time (clockOf, written out).
  m.reply.set(f.replyMs.subarray(0, n));
  m.clock.set(f.clockStartMs.subarray(0, n));
  const { clock, known } = m;
  const created = f.createdMs;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (!known[i]) continue;
    rows++;
    if (Number.isNaN(clock[i]!)) clock[i] = created[i]!;
  }
  memos.set(f, m);
  return rows;
}
