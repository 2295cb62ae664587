/** Small, hand-countable event logs for the SLA and report tests. */
import type { LogEvent } from '../../src-main/shared/events';
import type { Channel, Mention, ReachTier } from '../../src-main/shared/mention';

const MIN = 60_000;
const FOLLOWERS: Record<ReachTier, number> = { everyday: 120, micro: 4_000, mid: 40_000, macro: 400_000, mega: 4_000_000 };

export function logMention(id: string, createdMs: number, tier: ReachTier, channel: Channel = 'x', extra: Partial<Mention> = {}): LogEvent {
  const createdAt = new Date(createdMs).toISOString();
  return {
    type: 'mention',
    at: createdAt,
    mention: {
      id,
      sourceId: 'scenario',
      channel,
      text: `mention ${id}`,
      createdAt,
      author: { key: `${channel}:${id}`, handle: `h${id}`, name: `Author ${id}`, followers: FOLLOWERS[tier] },
      reach: { score: 10, tier },
      ...extra,
    },
  };
}

/** A mention answered after `minutes`, by `agent`, then resolved. */
export function answered(id: string, createdMs: number, tier: ReachTier, minutes: number, agent = 'mk', channel: Channel = 'x'): LogEvent[] {
  const at = (m: number): string => new Date(createdMs + m * MIN).toISOString();
  return [
    logMention(id, createdMs, tier, channel),
    { type: 'assigned', at: at(1), mentionId: id, agent },
    { type: 'replied', at: at(minutes), mentionId: id, agent, via: channel, text: 'thanks' },
    { type: 'resolved', at: at(minutes + 5), mentionId: id, agent },
  ];
}

/**
 * The known answer: everyday answered in 10..60 minutes (median 35) plus one never answered; mega in
 * 5..25 (median 15); micro twice (too few to judge). Ratio 35 / 15 = 2.333, above the 1.25 limit.
 */
export function knownScenario(startMs: number): LogEvent[] {
  const ev: LogEvent[] = [];
  let n = 0;
  const next = (): number => startMs + ++n * 7 * MIN;
  [10, 20, 30, 40, 50, 60].forEach((m, i) => ev.push(...answered(`e${i}`, next(), 'everyday', m, i % 2 ? 'lb' : 'mk')));
  ev.push(logMention('e-unanswered', next(), 'everyday'));
  [5, 10, 15, 20, 25].forEach((m, i) => ev.push(...answered(`g${i}`, next(), 'mega', m, 'mk')));
  [30, 90].forEach((m, i) => ev.push(...answered(`m${i}`, next(), 'micro', m, 'pr', 'reddit')));
  ev.push({ type: 'skipped', at: new Date(startMs + 20 * 7 * MIN).toISOString(), mentionId: 'e-unanswered', agent: 'mk', takenMentionId: 'g4', reason: 'lead-instruction' });
  return ev.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
