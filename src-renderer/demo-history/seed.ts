/**
 * Seeds the demo history once: when the demo source is in use and the database holds no history of
 * its own, the generated weeks (generate.ts) are written through the same import as any event log,
 * in one transaction that also sets a flag, so a second call (a second window, React's double
 * effects in development) writes nothing.
 */
import Dexie from 'dexie';
import { bumpOldWrites } from '../db/old-writes';
import { writesHistory } from '../db/due-changes';
import type { EarshotDb } from '../db/schema';
import { getMeta, hasMeta, metaKey, putMeta, record } from '../db/meta';
import { importLog, type ImportResult } from '../reports/log-import';
import { generateDemoHistory } from './generate';

export const DEMO_HISTORY_PREFIX = 'demo-history:';

type Flag = { state: 'seeded' | 'removed'; at: string; mentions?: number };

/** Present at all (whatever it holds): the demo history was seeded once and is never seeded again. */
const FLAG = metaKey<Flag>('demoHistory', (raw) => {
  const v = record(raw);
  return (v?.state === 'seeded' || v?.state === 'removed') && typeof v.at === 'string'
    ? { state: v.state, at: v.at, ...(typeof v.mentions === 'number' ? { mentions: v.mentions } : {}) }
    : undefined;
});

async function hasOwnHistory(db: EarshotDb): Promise<boolean> {
  // Anything not from the demo source means real work is in here; leave it alone.
  return (await db.mentions.where('sourceId').notEqual('demo').limit(1).count()) > 0;
}

/**
 * Seeds when needed; resolves with what was written, or undefined when nothing was. `onWriting`
 * runs once it is decided that this call writes (a screen says so: it takes seconds).
 */
export async function seedDemoHistory(db: EarshotDb, nowMs = Date.now(), onWriting?: () => void): Promise<ImportResult | undefined> {
  if ((await hasMeta(db, FLAG)) || (await hasOwnHistory(db))) return undefined;
  onWriting?.();
  const lines = generateDemoHistory({ endMs: nowMs });
  let written = 0;
  return importLog(db, lines, undefined, {
    before: async () => !(await hasMeta(db, FLAG)) && !(await hasOwnHistory(db)),
    after: async () => {
      written = await db.mentions.where('id').startsWith(DEMO_HISTORY_PREFIX).count();
      await putMeta(db, FLAG, { state: 'seeded', at: new Date(nowMs).toISOString(), mentions: written });
    },
  });
}

export async function hasDemoHistory(db: EarshotDb): Promise<boolean> {
  return (await getMeta(db, FLAG))?.state === 'seeded';
}

/** Takes the demo history out again (for a team switching to its own sources); it does not come back. */
export async function removeDemoHistory(db: EarshotDb): Promise<number> {
  return db.transaction('rw', [db.mentions, db.authors, db.events, db.meta], async () => {
    writesHistory(Dexie.currentTransaction!.idbtrans); // history going, not news (a11y/history-writes.ts)
    const ids = await db.mentions.where('id').startsWith(DEMO_HISTORY_PREFIX).primaryKeys();
    const authorKeys = new Set((await db.mentions.bulkGet(ids)).map((m) => m?.authorKey).filter((k): k is string => Boolean(k)));
    await db.events.where('mentionId').startsWith(DEMO_HISTORY_PREFIX).delete();
    await db.mentions.bulkDelete(ids);
    await db.authors.bulkDelete([...authorKeys]);
    await bumpOldWrites(db); // a year of events gone: the report's stored facts are read again
    await putMeta(db, FLAG, { state: 'removed', at: new Date().toISOString() });
    return ids.length;
  });
}
