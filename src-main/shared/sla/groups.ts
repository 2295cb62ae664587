/**
 * Fairness by any group (INTERFACES.md "Fairness report", `--by GROUP`): which group(s) a mention
 * belongs to, and how a sentence names a group ("Customers writing in Spanish", "those on the Basic
 * plan"). A mention without a value is in the `unknown` group, which takes part in the ratio like
 * any other; a mention with several topics is in each of them.
 *
 * `plan` and `standing` are the customer fields of the CRM import. The renderer knows which customer
 * an author is and writes them on the mention's line of the exported log as
 * `"customer": {"plan": "...", "standing": "..."}` (events.ts), so the command groups the same way.
 */
import { CHANNELS, REACH_TIERS, type Channel, type Mention, type ReachTier } from '../mention';
import type { CustomerFields } from '../events';
import { TIER_AUDIENCE } from './sentence';

export const GROUP_BYS = ['tier', 'channel', 'lang', 'sentiment', 'topic', 'source', 'plan', 'standing'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const UNKNOWN_GROUP = 'unknown';

export const isGroupBy = (s: string): s is GroupBy => (GROUP_BYS as readonly string[]).includes(s);

const orUnknown = (v: string | null | undefined): string => (v === undefined || v === null || v.trim() === '' ? UNKNOWN_GROUP : v);

/** What grouping reads of a mention. */
export type GroupSource = Pick<Mention, 'channel' | 'sourceId' | 'lang' | 'sentiment' | 'topics'> & { reach: Pick<Mention['reach'], 'tier'> };

/** The groups of one mention (one, or for topics as many as it has). */
export function groupsOf(by: GroupBy, m: GroupSource, customer?: CustomerFields): string[] {
  switch (by) {
    case 'tier':
      return [m.reach.tier];
    case 'channel':
      return [m.channel];
    case 'lang':
      return [orUnknown(m.lang?.toLowerCase())];
    case 'sentiment':
      return [orUnknown(m.sentiment?.label)];
    case 'topic':
      return m.topics && m.topics.length > 0 ? [...new Set(m.topics)] : [UNKNOWN_GROUP];
    case 'source':
      return [orUnknown(m.sourceId)];
    case 'plan':
      return [orUnknown(customer?.plan)];
    case 'standing':
      return [orUnknown(customer?.standing)];
  }
}

/**
 * The order groups are listed and compared in (ties in the ratio go to the first at the maximum and
 * the last at the minimum, as for tiers): tiers and channels in their defined order, anything else
 * alphabetically with `unknown` last.
 */
export function orderGroups(by: GroupBy, keys: Iterable<string>): string[] {
  const all = [...new Set(keys)];
  const fixed: readonly string[] | undefined = by === 'tier' ? REACH_TIERS : by === 'channel' ? CHANNELS : undefined;
  const rank = (k: string): number => (k === UNKNOWN_GROUP ? 2 : 1);
  return all.sort((a, b) => {
    if (fixed) return fixed.indexOf(a) - fixed.indexOf(b);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
}

const CHANNEL_NAME: Record<Channel, string> = {
  x: 'X',
  appstore: 'the App Store',
  reddit: 'Reddit',
  mastodon: 'Mastodon',
  hackernews: 'Hacker News',
  'google-alerts': 'Google Alerts',
  feed: 'feeds',
  demo: 'the demo source',
};

/** "Spanish" for "es"; the code itself where the runtime does not know it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag
  }
}

/**
 * How a sentence names a group: the subject ("Customers writing in Spanish") and the comparison
 * ("those writing in English"). Both read after "Customers" / "those".
 */
export function groupPhrase(by: GroupBy, key: string): string {
  const unknown = key === UNKNOWN_GROUP;
  switch (by) {
    case 'tier':
      return `with ${TIER_AUDIENCE[key as ReachTier] ?? key} followers`;
    case 'channel':
      return `on ${CHANNEL_NAME[key as Channel] ?? key}`;
    case 'lang':
      return unknown ? 'whose language could not be told' : `writing in ${languageName(key)}`;
    case 'sentiment':
      return unknown ? 'whose sentiment could not be judged' : `writing ${key === 'negative' ? 'negatively' : key === 'positive' ? 'positively' : 'neutrally'}`;
    case 'topic':
      return unknown ? 'whose mentions matched no topic' : `writing about “${key}”`;
    case 'source':
      return unknown ? 'from an unknown source' : `heard through source “${key}”`;
    case 'plan':
      return unknown ? 'with no known plan' : `on the “${key}” plan`;
    case 'standing':
      return unknown ? 'with no known standing' : `in standing “${key}”`;
  }
}

/** What the groups are called in "Not enough answered mentions to compare ... yet". */
export const GROUP_NOUN: Record<GroupBy, string> = {
  tier: 'reach tiers',
  channel: 'channels',
  lang: 'languages',
  sentiment: 'sentiments',
  topic: 'topics',
  source: 'sources',
  plan: 'plans',
  standing: 'standings',
};
