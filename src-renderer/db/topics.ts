/**
 * Topic rule queries over the mentions in IndexedDB: try a rule on recent mentions before saving
 * it, and re-tag every past mention after the rules change. The matcher is the one main runs when
 * it hears a mention (src-main/shared/enrich/topic-rules.ts), so old and new tags agree.
 */
import type { EarshotDb, MentionRecord } from './schema';
import { recordTopicChanges, type TopicChange } from './topic-changes';
import { compileRules, matchTopics, normalizeForMatch, ruleMatches, topicText, type CompiledRule, type TopicRule } from '../../src-main/shared/enrich/topic-rules';

export interface RulePreview {
  /** Mentions created in the window. */
  scanned: number;
  /** Of those, how many the rule would tag. */
  matched: number;
  /** The newest matches, for a look. */
  sample: MentionRecord[];
}

/** How many mentions since `sinceMs` a rule would tag, and the newest few of them. */
export async function previewRule(db: EarshotDb, rule: TopicRule, sinceMs: number, sampleSize = 5): Promise<RulePreview> {
  const [compiled] = compileRules([rule]);
  let scanned = 0;
  const hits: MentionRecord[] = [];
  await db.mentions
    .where('createdMs')
    .aboveOrEqual(sinceMs)
    .each((m) => {
      scanned++;
      if (ruleMatches(compiled!, normalizeForMatch(topicText(m)))) hits.push(m);
    });
  hits.sort((a, b) => b.createdMs - a.createdMs);
  return { scanned, matched: hits.length, sample: hits.slice(0, sampleSize) };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]): boolean => (a ?? []).length === b.length && b.every((x, i) => a![i] === x);

/** The mentions whose topics the rules change, with their new topics. */
export function topicChanges(compiled: readonly CompiledRule[], mentions: readonly MentionRecord[]): TopicChange[] {
  return mentions.flatMap((m) => {
    const topics = matchTopics(compiled, topicText(m));
    return sameList(m.topics, topics) ? [] : [{ id: m.id, topics }];
  });
}

/**
 * Re-tags every mention with the rules, in chunks of `chunk` (one transaction each, so the inbox
 * stays responsive and a closed window keeps what was done). Only mentions whose topics change are
 * written, and each chunk's changes go into the topic journal (topic-changes.ts) in the same
 * transaction: the report's facts and the voice-of-the-customer columns take in just those.
 * Calls onProgress(done, total) after each chunk; resolves with how many changed.
 */
export async function retagMentions(
  db: EarshotDb,
  rules: readonly TopicRule[],
  onProgress: (done: number, total: number) => void = () => undefined,
  chunk = 500,
): Promise<number> {
  const compiled = compileRules(rules);
  const total = await db.mentions.count();
  let done = 0;
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? db.mentions.orderBy('id') : db.mentions.where('id').above(after)).limit(chunk).toArray();
    if (page.length === 0) break;
    const changes = topicChanges(compiled, page);
    if (changes.length > 0) {
      await db.transaction('rw', db.mentions, db.meta, async () => {
        await db.mentions.bulkUpdate(changes.map((c) => ({ key: c.id, changes: { topics: c.topics } })));
        await recordTopicChanges(db, changes);
      });
    }
    changed += changes.length;
    done += page.length;
    after = page[page.length - 1]!.id;
    onProgress(Math.min(done, total), total);
  }
  return changed;
}
