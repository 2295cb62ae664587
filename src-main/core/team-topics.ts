/**
 * A team shares one set of topic rules through the log (INTERFACES.md "Topic rules"): a seat that
 * saves rules appends a `topic-rules` entry; every seat adopts the latest one at start and each new
 * one as it arrives, so every seat's main tags the mentions it polls the same way. The data folder's
 * topics.json keeps the last adopted set, for a seat that starts while the database is away.
 */
import type { PgLogStore } from '../log/pg-log';
import type { TopicRuleStore } from '../enrich/topics';
import { TopicRulesEntrySchema } from '../shared/log-entry';
import type { Logger } from './log';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export async function followTeamTopics(log: PgLogStore, topics: TopicRuleStore, logger: Logger): Promise<() => void> {
  let position = 0;
  let chain = Promise.resolve();
  const adopt = async (raw: unknown, at: number): Promise<void> => {
    position = Math.max(position, at);
    const parsed = TopicRulesEntrySchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn(`skipped the team's topic rules at position ${at}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const rules = { topics: parsed.data.topics };
    if (!same(rules, topics.get())) await topics.set(rules);
  };
  const latest = await log.latestOfType('topic-rules');
  if (latest) await adopt(latest.entry, latest.position);
  else position = await log.head();
  const off = log.onAppend(() => {
    chain = chain
      .then(async () => {
        for (const p of await log.readOfType('topic-rules', position, 100)) await adopt(p.entry, p.position);
      })
      .catch((e: unknown) => logger.warn(`could not read the team's topic rules: ${(e as Error).message}`));
  });
  return off;
}
