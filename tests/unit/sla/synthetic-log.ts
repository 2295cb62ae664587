/**
 * A seeded synthetic event log for load tests: a year of mentions across tiers and channels, with
 * assignments, replies (everyday customers made to wait a little longer), noise and skips.
 */
import { CHANNELS, REACH_TIERS, type Mention, type ReachTier } from '../../../src-main/shared/mention';
import type { LogEvent } from '../../../src-main/shared/events';
import { mulberry32 } from '../../../src-main/shared/sla/stats';

const TIER_SHARE: Array<[ReachTier, number]> = [
  ['everyday', 0.6],
  ['micro', 0.25],
  ['mid', 0.1],
  ['macro', 0.04],
  ['mega', 0.01],
];
const AGENTS = ['ana', 'ben', 'chloe', 'dev', 'eli', 'fay'];
const YEAR_MS = 365 * 86_400_000;

export function syntheticLog(mentions: number, seed = 1, startIso = '2026-01-01T00:00:00Z'): LogEvent[] {
  const rand = mulberry32(seed);
  const start = Date.parse(startIso);
  const events: LogEvent[] = [];
  const iso = (ms: number): string => new Date(ms).toISOString();
  for (let i = 0; i < mentions; i++) {
    const created = start + Math.floor((i / mentions) * YEAR_MS) + Math.floor(rand() * 60_000);
    let u = rand();
    let tier: ReachTier = 'everyday';
    for (const [t, share] of TIER_SHARE) {
      if (u < share) {
        tier = t;
        break;
      }
      u -= share;
    }
    const channel = CHANNELS[Math.floor(rand() * 4)]!; // x, appstore, reddit, mastodon
    const id = `${channel}:${i}`;
    const mention: Mention = {
      id,
      sourceId: `${channel}-source`,
      channel,
      text: `synthetic mention ${i}`,
      createdAt: iso(created),
      author: { key: `${channel}:a${i % 5000}`, handle: `a${i % 5000}`, name: `Author ${i % 5000}`, followers: null },
      reach: { score: REACH_TIERS.indexOf(tier) * 20, tier },
    };
    events.push({ type: 'mention', at: iso(created + 1000), mention });
    if (rand() < 0.03) {
      events.push({ type: 'noise', at: iso(created + 120_000), mentionId: id, agent: 'ana' });
      continue;
    }
    const agent = AGENTS[Math.floor(rand() * AGENTS.length)]!;
    events.push({ type: 'assigned', at: iso(created + 60_000), mentionId: id, agent });
    if (rand() < 0.02) events.push({ type: 'skipped', at: iso(created + 90_000), mentionId: id, agent, takenMentionId: `x:${i + 1}`, reason: 'synthetic' });
    if (rand() < 0.1) continue; // unanswered
    // Exponential waits with a mean of 45 minutes, 60 for everyday customers.
    const mean = tier === 'everyday' ? 60 : 45;
    const wait = Math.ceil(-Math.log(1 - rand()) * mean * 60_000);
    events.push({ type: 'replied', at: iso(created + wait), mentionId: id, agent, via: channel, text: 'thanks' });
    events.push({ type: 'resolved', at: iso(created + wait + 60_000), mentionId: id, agent });
  }
  return events;
}
