/**
 * Where main keeps the team's topic rules. Solo mode: `topics.json` in the data folder, written
 * atomically. When the team log lands, rules become log entries; the rest of main sees only the
 * TopicRuleStore interface below, so that swap replaces this file and nothing else.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TopicRulesSchema, type TopicRules } from '../shared/enrich/topic-rules';
import { describeZodError } from '../shared/contract';
import { SerialQueue, readFileIfExists, writeFileAtomic } from '../core/fsutil';
import type { Logger } from '../core/log';

export interface TopicRuleStore {
  get(): TopicRules;
  set(rules: TopicRules): Promise<void>;
  /** Called after every change (main re-compiles its matcher). */
  onChange(cb: (rules: TopicRules) => void): void;
}

/** Reads and validates a topic rules file (`--topics FILE`, topics.json); throws a message naming the field. */
export function parseTopicRules(text: string, where: string): TopicRules {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not JSON: ${(e as Error).message}`);
  }
  const r = TopicRulesSchema.safeParse(raw);
  if (!r.success) throw new Error(`${where}: ${describeZodError('', r.error)}`);
  return r.data;
}

export class FileTopicRuleStore implements TopicRuleStore {
  private readonly queue = new SerialQueue();
  private readonly listeners: Array<(r: TopicRules) => void> = [];

  private constructor(
    private readonly path: string,
    private rules: TopicRules,
  ) {}

  static pathFor(dataDir: string): string {
    return join(dataDir, 'topics.json');
  }

  /**
   * Opens the data folder's rules; with none saved yet, the defaults (the demo ships a set). An
   * unreadable file is moved aside (never overwritten) and reported, and the defaults are used.
   */
  static async open(dataDir: string, defaults: TopicRules, log?: Logger): Promise<FileTopicRuleStore> {
    const path = FileTopicRuleStore.pathFor(dataDir);
    const text = await readFileIfExists(path);
    if (text === undefined) return new FileTopicRuleStore(path, defaults);
    try {
      return new FileTopicRuleStore(path, parseTopicRules(text, path));
    } catch (e) {
      const aside = `${path}.unreadable-${Date.now()}`;
      await fs.rename(path, aside);
      log?.warn(`${(e as Error).message}; kept it as ${aside} and started from the default topics`);
      return new FileTopicRuleStore(path, defaults);
    }
  }

  get(): TopicRules {
    return this.rules;
  }

  async set(rules: TopicRules): Promise<void> {
    const valid = TopicRulesSchema.parse(rules);
    const text = `${JSON.stringify(valid, null, 2)}\n`;
    await this.queue.run(() => writeFileAtomic(this.path, text));
    this.rules = valid;
    for (const cb of this.listeners) cb(valid);
  }

  onChange(cb: (rules: TopicRules) => void): void {
    this.listeners.push(cb);
  }
}

/** The demo's default rules (resources/demo/topics.json); none when the file is missing. */
export async function loadDefaultTopics(path: string): Promise<TopicRules> {
  const text = await readFileIfExists(path);
  return text === undefined ? { topics: [] } : parseTopicRules(text, path);
}
