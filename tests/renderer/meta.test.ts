/**
 * Typed meta keys (db/meta.ts): each value is checked on the way back in, so an old or damaged one
 * reads as absent (the owner falls back or rebuilds) instead of being cast into shape.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { getMeta, hasMeta, putMeta, deleteMeta, type MetaKeyName } from '../../src-renderer/db/meta';
import { SAVED_REPLIES } from '../../src-renderer/db/team-data';
import { SETTINGS, DEFAULT_SETTINGS, loadSettings } from '../../src-renderer/db/settings';
import { readPosition } from '../../src-renderer/db/apply';
import { loadSavedReplies, STARTER_REPLIES } from '../../src-renderer/composer/saved-replies';

let n = 0;
describe('meta keys', () => {
  let db: EarshotDb;
  const raw = (key: MetaKeyName, value: unknown) => db.meta.put({ key, value });
  beforeEach(async () => {
    db = new EarshotDb(`meta-${++n}`);
    await db.open();
  });

  it.each([
    ['a number', 42],
    ['a string', 'x'],
    ['an object without logId', { position: 3 }],
    ['a position that is text', { logId: 'log-1', position: '3' }],
  ])('a damaged position (%s) reads as none: the log is read from the start', async (_, value) => {
    await raw('position', value);
    expect(await readPosition(db)).toBeUndefined();
  });

  it('a good position reads back exactly', async () => {
    await raw('position', { logId: 'log-1', position: 7, extra: true });
    expect(await readPosition(db)).toEqual({ logId: 'log-1', position: 7 });
  });

  it('saved replies: not a list reads as the starter set; rows without text are dropped', async () => {
    expect(await loadSavedReplies(db)).toBe(STARTER_REPLIES);
    await raw('savedReplies', { not: 'a list' });
    expect(await loadSavedReplies(db)).toBe(STARTER_REPLIES);
    await raw('savedReplies', [{ id: 'a', title: 'A', text: 'hi' }, null, { id: 'b', title: 'B' }, 'x']);
    expect(await getMeta(db, SAVED_REPLIES)).toEqual([{ id: 'a', title: 'A', text: 'hi' }]);
  });

  it('settings: any stored value reads with defaults, an unknown role becomes the default role', async () => {
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
    await raw('settings', { initials: 'MK', role: 'owner' });
    expect(await loadSettings(db)).toEqual({ ...DEFAULT_SETTINGS, initials: 'MK' });
    await raw('settings', 'garbage');
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('put, has and delete go by the key', async () => {
    expect(await hasMeta(db, SETTINGS)).toBe(false);
    await putMeta(db, SETTINGS, { ...DEFAULT_SETTINGS, name: 'Maya' });
    expect(await hasMeta(db, SETTINGS)).toBe(true);
    expect((await db.meta.get('settings'))?.value).toMatchObject({ name: 'Maya' });
    await deleteMeta(db, SETTINGS);
    expect(await hasMeta(db, SETTINGS)).toBe(false);
  });
});
