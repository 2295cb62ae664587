/**
 * One-time migration from the outbox journal of earlier versions (`<dataDir>/outbox.jsonl`): the
 * batches no renderer had acknowledged yet become mention entries in the log, then the file is
 * renamed `outbox.jsonl.imported` so this runs once. Acknowledged batches had already been removed
 * from that file by compaction, so they cannot be imported (they live only in that browser profile).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { MentionSchema, type Mention } from '../shared/mention';
import { mentionEntry } from '../shared/log-entry';
import { readFileIfExists, syncDir } from '../core/fsutil';
import type { Logger } from '../core/log';
import type { LogStore } from './log-store';

export async function importOutbox(dataDir: string, store: LogStore, log?: Logger): Promise<number> {
  const path = join(dataDir, 'outbox.jsonl');
  const text = await readFileIfExists(path);
  if (text === undefined) return 0;
  let acked = 0;
  const batches = new Map<number, unknown[]>();
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: { t?: string; seq?: number; acked?: number; mentions?: unknown[] };
    try {
      line = JSON.parse(raw) as typeof line;
    } catch {
      continue; // a torn last line: never fsync'd, so its cursor never moved and the source polls it again
    }
    if (line.t === 'h' && typeof line.acked === 'number') acked = Math.max(acked, line.acked);
    else if (line.t === 'a' && typeof line.seq === 'number') acked = Math.max(acked, line.seq);
    else if (line.t === 'm' && typeof line.seq === 'number' && Array.isArray(line.mentions)) batches.set(line.seq, line.mentions);
  }
  const mentions: Mention[] = [];
  let rejected = 0;
  for (const seq of [...batches.keys()].sort((a, b) => a - b)) {
    if (seq <= acked) continue;
    for (const m of batches.get(seq)!) {
      const r = MentionSchema.safeParse(m);
      if (r.success) mentions.push(r.data);
      else rejected++;
    }
  }
  await store.append(mentions.map((m) => mentionEntry(m)));
  await fs.rename(path, `${path}.imported`);
  await syncDir(dataDir);
  log?.info(`imported ${mentions.length} undelivered mention(s) from outbox.jsonl into the log`, rejected ? { rejected } : undefined);
  return mentions.length;
}
