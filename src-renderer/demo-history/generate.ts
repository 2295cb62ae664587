/**
 * A few weeks of made-up team history for the demo, with a deliberate bias: customers with few
 * followers are answered clearly slower than big accounts, and more so week by week, and agents
 * record skips ("lead's instruction", "VIP complaint") when they take a big account first. A new
 * user opening the fairness report sees what a warning looks like and how to read it.
 *
 * It speaks five languages, and hides a second bias for a lead to find by language: mentions in
 * Spanish wait about 1.8x longer for a first reply. Topics move over the weeks: complaints about the
 * app and the wifi rise week by week (a bad app release), the others stay level. Language, topic and
 * text come from a random stream of their own, so the reach story above draws the same numbers it
 * always did.
 *
 * Pure and deterministic: the same seed and end time give the same event log (INTERFACES.md
 * "Event log export"), which demo-history/seed.ts writes through the same import as any log.
 */
import type { Channel, Mention, ReachTier } from '../../src-main/shared/mention';
import type { LogEvent } from '../reports/log-lines';
import { createRng, type Rng } from './prng';
import { DEMO_TEXTS, type DemoText } from './demo-texts';

export const DEMO_AGENTS = ['mk', 'lb', 'pr'] as const;
const DAY = 86_400_000;
const MIN = 60_000;

export interface DemoHistoryOptions {
  /** Nothing in the history happens at or after this instant (epoch ms); the seeder passes now. */
  endMs: number;
  days?: number;
  seed?: number;
  /** Multiplies the mentions per day (benchmarks build a year of a busy team with it). */
  scale?: number;
}

const TIER_WEIGHTS: Array<readonly [ReachTier, number]> = [
  ['everyday', 55],
  ['micro', 24],
  ['mid', 12],
  ['macro', 6],
  ['mega', 3],
];
const CHANNELS_SMALL: Array<readonly [Channel, number]> = [
  ['x', 42],
  ['appstore', 16],
  ['reddit', 16],
  ['mastodon', 10],
  ['hackernews', 8],
  ['google-alerts', 8],
];
const CHANNELS_BIG: Array<readonly [Channel, number]> = [
  ['x', 65],
  ['mastodon', 10],
  ['google-alerts', 15],
  ['hackernews', 10],
];
const AUDIENCE: Record<ReachTier, [number, number]> = {
  everyday: [12, 999],
  micro: [1_000, 9_999],
  mid: [10_000, 99_999],
  macro: [100_000, 999_999],
  mega: [1_000_000, 8_000_000],
};
/** Median minutes to first reply by tier in the first week; everyday customers fall further behind each week. */
const MEDIAN_MINUTES: Record<ReachTier, number> = { everyday: 40, micro: 34, mid: 29, macro: 25, mega: 22 };
const EVERYDAY_DRIFT_PER_WEEK = 0.14;
const CHANNEL_FACTOR: Partial<Record<Channel, number>> = { appstore: 2.4, reddit: 1.2, hackernews: 1.1 };
const AGENT_FACTOR: Record<string, number> = { mk: 0.95, lb: 1.2, pr: 0.9 };

/** Spanish-speaking customers wait this much longer: the bias a lead finds with "fairness by language". */
export const DEMO_LANG_FACTOR: Partial<Record<DemoText['lang'], number>> = { es: 1.8 };
const LANG_WEIGHTS: Array<readonly [DemoText['lang'], number]> = [
  ['en', 60],
  ['es', 18],
  ['pt', 11],
  ['fr', 6],
  ['de', 5],
];
/** Topic weights in weeks 1, 2, 3, 4 (a week past the fourth keeps the fourth's). */
export const DEMO_TOPIC_TREND: Record<string, number[]> = {
  'lost-luggage': [3, 3, 3, 3],
  refunds: [2, 2, 2, 2],
  delays: [3, 3, 3, 3],
  app: [1, 2, 4, 7],
  wifi: [1, 1.5, 3, 5],
  staff: [2, 2, 2, 2],
};

/** A text for the mention: its language, then its topic by the week's trend, then the kind if that language has one. */
function pickText(voc: Rng, week: number, kind: DemoText['kind']): DemoText {
  const lang = voc.weighted(LANG_WEIGHTS);
  const inLang = DEMO_TEXTS.filter((t) => t.lang === lang);
  const topics = [...new Set(inLang.map((t) => t.topic))];
  const topic = voc.weighted(topics.map((t) => [t, DEMO_TOPIC_TREND[t]?.[Math.min(week, 3)] ?? 1] as const));
  const onTopic = inLang.filter((t) => t.topic === topic);
  const sameKind = onTopic.filter((t) => t.kind === kind);
  return voc.pick(sameKind.length > 0 ? sameKind : onTopic);
}

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Ema', 'Finn', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemi', 'Lars', 'Mina', 'Noor', 'Olu', 'Paula', 'Quinn', 'Rui', 'Sara', 'Tom'];
const LAST = ['Silva', 'Okafor', 'Meyer', 'Costa', 'Nakamura', 'Byrne', 'Haddad', 'Lund', 'Moreau', 'Patel', 'Reyes', 'Varga'];
const TEXTS: Record<string, string[]> = {
  complaint: [
    'My booking vanished from the app after the update. Can someone look at it?',
    'Charged twice for the same order, still waiting on a refund.',
    'The app logs me out every time I open it. Third day now.',
    'Support chat closed on me twice. Is anyone there?',
    'Delivery says arrived, nothing at my door.',
  ],
  question: [
    'Does the annual plan include the family add-on?',
    'How do I export my data before I switch phones?',
    'Is there a way to change the email on my account?',
  ],
  praise: ['Quick fix from your team yesterday, thank you!', 'New version is much faster, nice work.'],
};
const REPLIES = [
  'Sorry about this! Could you send us a DM with your order number? We will sort it out today.',
  'Thanks for flagging it. We have found the problem and a fix is on its way.',
  'Happy to help: you can do this under Settings > Account. Let us know if it works.',
];
const SKIP_STORIES: Array<readonly [{ reason: string; note?: string }, number]> = [
  [{ reason: 'lead-instruction' }, 40],
  [{ reason: 'other', note: 'VIP complaint, high visibility' }, 30],
  [{ reason: 'duplicate' }, 12],
  [{ reason: 'helped-elsewhere' }, 10],
  [{ reason: 'safety' }, 5],
  [{ reason: 'legal' }, 3],
];

function audienceScore(audience: number): number {
  return Math.max(0, Math.min(100, Math.round(Math.log10(Math.max(1, audience)) * 14)));
}

function makeMention(rng: Rng, voc: Rng, n: number, createdMs: number, week: number): Mention {
  const tier = rng.weighted(TIER_WEIGHTS);
  const channel = rng.weighted(tier === 'macro' || tier === 'mega' ? CHANNELS_BIG : CHANNELS_SMALL);
  const [lo, hi] = AUDIENCE[tier];
  const audience = Math.round(lo * Math.pow(hi / lo, rng.next()));
  const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const handle = `${name.toLowerCase().replace(/[^a-z]+/g, '')}${n % 97}`;
  const kind = rng.weighted([['complaint', 6], ['question', 3], ['praise', 1]] as const);
  const noFollowers = channel === 'appstore' || channel === 'google-alerts' || channel === 'hackernews';
  // The old English line is still drawn, so the main stream (and the reach story) stays as it was.
  rng.pick(TEXTS[kind]!);
  const said = pickText(voc, week, kind);
  return {
    id: `demo-history:${n}`,
    sourceId: 'demo',
    channel,
    text: said.text,
    createdAt: new Date(createdMs).toISOString(),
    receivedAt: new Date(createdMs + rng.int(5, 90) * 1000).toISOString(),
    author: { key: `${channel}:demo-history-${handle}`, handle, name, followers: noFollowers ? null : audience, verified: tier === 'mega' },
    reach: { score: audienceScore(audience), tier },
    ...(channel === 'appstore' ? { rating: kind === 'praise' ? 5 : rng.int(1, 3) } : {}),
    lang: said.lang,
    sentiment: said.sentiment,
    topics: said.topics,
  };
}

/** Minutes into the day a mention is posted: mostly daytime, some evening, few at night. */
function postMinute(rng: Rng): number {
  const hour = rng.weighted([[rng.int(0, 6), 1], [rng.int(7, 17), 7], [rng.int(18, 23), 3]] as const);
  return hour * 60 + rng.int(0, 59);
}

export function generateDemoHistory(opts: DemoHistoryOptions): LogEvent[] {
  const rng = createRng(opts.seed ?? 20_261_123);
  const voc = createRng((opts.seed ?? 20_261_123) + 9_001);
  const days = opts.days ?? 28;
  const lines: LogEvent[] = [];
  let n = 0;
  let lastBig: { id: string; at: number } | undefined;
  for (let d = 0; d < days; d++) {
    // Whole UTC days before the day of endMs: the same history all day long, whenever it is seeded.
    const dayStart = Math.floor(opts.endMs / DAY) * DAY - (days - d) * DAY;
    const week = Math.floor(d / 7);
    const weekend = new Date(dayStart).getUTCDay() % 6 === 0;
    const count = Math.round((weekend ? rng.int(18, 28) : rng.int(38, 52)) * (opts.scale ?? 1));
    const starts = Array.from({ length: count }, () => dayStart + postMinute(rng) * MIN + rng.int(0, 59) * 1000).sort((a, b) => a - b);
    for (const createdMs of starts) {
      const m = makeMention(rng, voc, ++n, createdMs, week);
      const at = (ms: number): string => new Date(Math.min(Math.round(ms), opts.endMs - 1000)).toISOString();
      lines.push({ type: 'mention', at: m.receivedAt!, mention: m });
      const agent = rng.pick(DEMO_AGENTS);
      const tier = m.reach.tier;
      if (tier === 'macro' || tier === 'mega') lastBig = { id: m.id, at: createdMs };
      if (rng.chance(0.03)) {
        lines.push({ type: 'noise', at: at(createdMs + rng.int(2, 20) * MIN), mentionId: m.id, agent });
        continue;
      }
      const drift = tier === 'everyday' ? 1 + EVERYDAY_DRIFT_PER_WEEK * week : 1;
      const langFactor = DEMO_LANG_FACTOR[m.lang as DemoText['lang']] ?? 1;
      const median = MEDIAN_MINUTES[tier] * drift * (CHANNEL_FACTOR[m.channel] ?? 1) * (AGENT_FACTOR[agent] ?? 1) * langFactor;
      const replyMin = Math.max(2, rng.logNormal(median, 0.55));
      lines.push({ type: 'assigned', at: at(createdMs + Math.min(replyMin * 0.3, 10) * MIN), mentionId: m.id, agent });
      if ((tier === 'everyday' || tier === 'micro') && replyMin > 50 && lastBig && createdMs - lastBig.at < 6 * 3_600_000 && rng.chance(0.4)) {
        const story = rng.weighted(SKIP_STORIES);
        const skipper = rng.pick(DEMO_AGENTS);
        lines.push({ type: 'skipped', at: at(createdMs + replyMin * 0.6 * MIN), mentionId: m.id, agent: skipper, takenMentionId: lastBig.id, ...story });
      }
      if (rng.chance(0.04)) {
        // Helped elsewhere (a phone call, an email) and closed without a reply here.
        lines.push({ type: 'resolved', at: at(createdMs + rng.logNormal(300, 0.5) * MIN), mentionId: m.id, agent });
        continue;
      }
      const repliedMs = createdMs + replyMin * MIN;
      lines.push({ type: 'replied', at: at(repliedMs), mentionId: m.id, agent, via: m.channel, text: rng.pick(REPLIES) });
      lines.push({ type: 'resolved', at: at(repliedMs + rng.logNormal(90, 0.8) * MIN), mentionId: m.id, agent });
    }
  }
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
