/**
 * A log read in order (a team database's) as the exported event log the report commands read
 * (INTERFACES.md "Event log export"), with what every seat's renderer derives from the same entries:
 * - follow-ups (follow-ups-log.ts): a mention that joined a conversation carries `followUpOf`, and
 *   the reopening it caused follows it as a `reopened` line, as in the app's own export;
 * - topic rules: a `topic-rules` entry re-tags every mention heard before it ("a change is applied
 *   to past mentions too", INTERFACES.md "Topic rules"), as the renderer does when it applies one
 *   (src-renderer/db/apply.ts), so the mention lines carry the topics the app shows.
 * An entry that fails validation is passed on as it is (without its id), so the reader names it as
 * a bad line. Entries of other kinds (policies, saved replies...) are not part of the export.
 */
import { EVENT_TYPES } from './events';
import { FOLLOW_UP_REASON } from './follow-ups';
import { LogThreads } from './follow-ups-log';
import { parseLogEntry } from './log-entry';
import { compileRules, matchTopics, topicText, type CompiledRule } from './enrich/topic-rules';

/** The entry types the export is made of. */
export const EXPORTED_TYPES: readonly string[] = [...EVENT_TYPES, 'topic-rules'];

const sameList = (a: readonly string[] | undefined, b: readonly string[]): boolean => (a ?? []).length === b.length && b.every((x, i) => a![i] === x);

/** A mention's topics under `rules`, or undefined when they stay as they are (an equal list). */
export function retaggedTopics(rules: readonly CompiledRule[], m: { title?: string; text: string; topics?: string[] }): string[] | undefined {
  const topics = matchTopics(rules, topicText(m));
  return sameList(m.topics, topics) ? undefined : topics;
}

type Line = Record<string, unknown>;

export class LogExport {
  private readonly out: Line[] = [];
  private readonly threads = new LogThreads();
  /** Indexes in `out` of the mention lines, for a later re-tag. */
  private readonly mentionLines: number[] = [];

  /** The next entry of the log, as stored (with its id). */
  async add(raw: Record<string, unknown>): Promise<void> {
    if (!EXPORTED_TYPES.includes(String(raw.type))) return;
    const { id: _id, ...event } = raw;
    const parsed = parseLogEntry(raw);
    if ('error' in parsed) {
      if (raw.type !== 'topic-rules') this.out.push(event);
      return;
    }
    const entry = parsed.entry;
    if (entry.type === 'topic-rules') {
      this.retag(compileRules(entry.topics));
      return;
    }
    const step = await this.threads.next(entry);
    if (entry.type === 'mention') this.mentionLines.push(this.out.length);
    this.out.push(step ? { ...event, followUpOf: step.rootId } : event);
    if (step?.kind === 'follow-up' && step.reopen && entry.type === 'mention') {
      // At the follow-up's own time, as the renderer dates it (src-renderer/db/follow-ups.ts).
      this.out.push({ type: 'reopened', at: entry.mention.createdAt, mentionId: step.rootId, reason: FOLLOW_UP_REASON, followUpId: step.id });
    }
  }

  /** The export: one JSON line per event, in log order. */
  lines(): string[] {
    return this.out.map((l) => JSON.stringify(l));
  }

  private retag(rules: readonly CompiledRule[]): void {
    for (const i of this.mentionLines) {
      const line = this.out[i]!;
      const m = line.mention as { title?: string; text: string; topics?: string[] };
      const topics = retaggedTopics(rules, m);
      if (topics) this.out[i] = { ...line, mention: { ...m, topics } };
    }
  }
}
