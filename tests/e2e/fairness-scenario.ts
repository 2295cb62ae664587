/**
 * An event log with a known answer, for the fairness end-to-end test. Times are relative to `base`
 * so every due time is well in the past whenever the test runs.
 *
 * First responses, in minutes (default policy: 60 minutes, around the clock):
 *   everyday  12 25 33 40 47 58 75 90 140   median 47   (40 is the one marked noise, then not)
 *             + one never answered (past due), + one noise (left out)
 *   micro     30 45 80                      too few for the ratio (3 < 5)
 *   mid       20 25 30 35 40                median 30   (35 is a backfill: its clock starts late)
 *   mega      8 12 15 20 22 30              median 17.5
 * Fairness ratio = 47 / 17.5 = 2.686 (everyday over mega), above the 1.25 limit.
 */
import type { LogEvent } from '../../src-main/shared/events';
import type { Channel, ReachTier } from '../../src-main/shared/mention';

const MIN = 60_000;
const FOLLOWERS: Record<ReachTier, number> = { everyday: 150, micro: 3_000, mid: 30_000, macro: 300_000, mega: 3_000_000 };

export const SCENARIO_EXPECTED = { ratio: 2.686, slowest: 'everyday', fastest: 'mega', everydayMedian: 47, megaMedian: 17.5, midMedian: 30, mentions: 24 } as const;

export function scenarioLog(base: number): LogEvent[] {
  const ev: LogEvent[] = [];
  let k = 0;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const add = (tier: ReachTier, minutes: number | null, o: { agent?: string; channel?: Channel; backfillHours?: number; noise?: 'stays' | 'undone' } = {}): string => {
    const id = `scenario:${++k}`;
    const channel = o.channel ?? 'x';
    const created = base + k * 37 * MIN;
    const clock = created + (o.backfillHours ?? 0) * 60 * MIN;
    ev.push({
      type: 'mention',
      at: iso(clock + 20_000),
      mention: {
        id,
        sourceId: 'scenario',
        channel,
        text: `scenario mention ${k}`,
        createdAt: iso(created),
        ...(o.backfillHours ? { clockStartAt: iso(clock) } : {}),
        author: { key: `${channel}:author${k}`, handle: `author${k}`, name: `Author ${k}`, followers: channel === 'appstore' ? null : FOLLOWERS[tier] },
        reach: { score: 10, tier },
        ...(channel === 'appstore' ? { rating: 2 } : {}),
      },
    });
    const agent = o.agent ?? 'mk';
    if (o.noise) {
      ev.push({ type: 'noise', at: iso(clock + 2 * MIN), mentionId: id, agent });
      if (o.noise === 'undone') ev.push({ type: 'unnoise', at: iso(clock + 3 * MIN), mentionId: id, agent });
    }
    if (minutes !== null) {
      ev.push({ type: 'assigned', at: iso(clock + MIN), mentionId: id, agent });
      ev.push({ type: 'replied', at: iso(clock + minutes * MIN), mentionId: id, agent, via: channel, text: 'Thanks, looking into it' });
      ev.push({ type: 'resolved', at: iso(clock + (minutes + 10) * MIN), mentionId: id, agent });
    }
    return id;
  };
  const everyday = [12, 25, 33, 47, 58, 75, 90, 140].map((m, i) => add('everyday', m, { agent: ['mk', 'lb', 'pr'][i % 3], channel: i % 4 === 3 ? 'appstore' : 'x' }));
  add('everyday', 40, { agent: 'lb', noise: 'undone' });
  const waiting = add('everyday', null);
  add('everyday', 5, { noise: 'stays' });
  [30, 45, 80].forEach((m) => add('micro', m, { agent: 'pr', channel: 'reddit' }));
  [20, 25, 30, 40].forEach((m) => add('mid', m, { agent: 'lb' }));
  add('mid', 35, { agent: 'lb', backfillHours: 50 });
  const mega = [8, 12, 15, 20, 22, 30].map((m) => add('mega', m, { agent: 'mk' }));
  // mk answered a big account while two small ones waited: both passed over are logged.
  for (const passed of [waiting, everyday[6]!]) ev.push({ type: 'skipped', at: iso(base + 40 * 37 * MIN), mentionId: passed, agent: 'mk', takenMentionId: mega[0]!, reason: 'lead-instruction' });
  const rank = (e: LogEvent): number => (e.type === 'mention' ? 0 : 1);
  return ev.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b));
}
