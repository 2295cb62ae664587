/** A fresh database per test, installed as the app's, and mentions as ingest would store them. */
import { EarshotDb, setDb } from '../../../src-renderer/db/schema';
import { applyMentions, page } from './log';
import { mentionEntry } from '../../../src-main/shared/log-entry';
import type { LogPage } from '../../../src-main/shared/contract';
import { createMemoryBridge, type MemoryBridge } from '../../../src-renderer/bridge/memory-bridge';
import type { Mention } from '../../../src-main/shared/mention';
import { streamFilteredIds, type StreamOptions } from '../../../src-renderer/db/inbox-query';
import type { InboxFilter } from '../../../src-renderer/db/inbox-filter';
import { readPosition } from '../../../src-renderer/db/apply';

let n = 0;
export async function freshDb(): Promise<EarshotDb> {
  const db = new EarshotDb(`t-${Date.now()}-${++n}`);
  await db.open();
  setDb(db);
  return db;
}

export function mention(id: string, createdAt: string, extra: Partial<Mention> = {}): Mention {
  const handle = extra.author?.handle ?? `h_${id.replace(/\W/g, '')}`;
  return {
    id,
    sourceId: 'acme-mentions',
    channel: 'x',
    text: `text of ${id}`,
    createdAt,
    author: { key: `x:${handle}`, handle, name: handle, followers: 10 },
    reach: { score: 5, tier: 'everyday' },
    ...extra,
  };
}

export async function ingest(db: EarshotDb, mentions: Mention[]): Promise<void> {
  await applyMentions(db, mentions);
}

/** Minutes after a fixed morning, as ISO. */
export const at = (minutes: number): string => new Date(Date.UTC(2026, 10, 20, 9, 0, 0) + minutes * 60_000).toISOString();
export const ms = (minutes: number): number => Date.parse(at(minutes));

/** The inbox query, all at once (the inbox itself streams it): ids matching the filter in queue order. */
export function filteredIdsByDue(db: EarshotDb, f: InboxFilter, me: string, opts: StreamOptions = {}): Promise<string[]> {
  return streamFilteredIds(db, f, me, () => undefined, opts);
}

/** A delivery page of one mention per id (created 2026-11-20 10:00, heard a second later), positions from `from` + 1. */
export function mentionsPage(ids: readonly string[], from: number): LogPage {
  return { entries: page(ids.map((id) => mentionEntry(mention(id, '2026-11-20T10:00:00.000Z'), '2026-11-20T10:00:01.000Z')), from) };
}

/**
 * Main's side of delivery for the delivery tests: hello answers log `L` from position 0 with `head`,
 * and every ack's position goes to `onAck` (awaited when it returns a promise; a plain answer stays
 * synchronous, as it was written in each test).
 */
export function logBridge(head: number, onAck: (position: number) => unknown = () => undefined): MemoryBridge {
  return createMemoryBridge({
    hello: () => ({ logId: 'L', mode: 'web', version: 't', from: 0, head, teamStatus: { state: 'solo', waiting: 0 } }),
    ack: (req) => {
      const r = onAck(req.position);
      return r instanceof Promise ? r.then(() => ({})) : {};
    },
  });
}

/** Every stored mention, author and search row and the applied position, for comparing two databases. */
export async function storedContents(db: EarshotDb): Promise<unknown> {
  return {
    mentions: await db.mentions.toArray(),
    authors: await db.authors.toArray(),
    search: (await db.search.toArray()).map(({ seq: _seq, ...row }) => row),
    position: (await readPosition(db))?.position,
  };
}

/** Polls `cond` until it holds (a plain condition or a database read), failing after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
