/**
 * Text search from search rows (schema v6) finds exactly what the v3-v5 multi-entry `words` index
 * found: every term at the start of a word, any case, Latin accents folded, CJK and other scripts
 * by word. The reference is the old index itself, in its own database, queried as the old code did.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import Dexie from 'dexie';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { searchTerms } from '../../src-renderer/db/inbox-filter';
import { tokenize } from '../../src-renderer/db/derived';
import { SearchChunks, searchRow } from '../../src-renderer/db/search-text';
import { compactSearch } from '../../src-renderer/db/search-store';
import type { Mention } from '../../src-main/shared/mention';
import { freshDb, ingest, mention, at, filteredIdsByDue } from './helpers/db';

const TEXTS: Array<[string, Partial<Mention>]> = [
  ['Refund still missing after three weeks', {}],
  ['Café au lait was cold, crème brûlée excellent', { lang: 'fr' }],
  ['Vol annulé, aucune information à la porte. Remboursement svp.', { lang: 'fr' }],
  ['Mi vuelo fue cancelado y nadie responde. ¿Reembolsó alguien? Está mal.', { lang: 'es' }],
  ['Flug gestrichen, Hotline nicht erreichbar. Wie bekomme ich mein Geld zurück? Straße gesperrt.', { lang: 'de' }],
  ['フライトがキャンセルされました。払い戻しはどうすればいいですか？', { lang: 'ja' }],
  ['航班取消了，客服电话一直打不通，请尽快退款。', { lang: 'zh' }],
  ['Рейс отменён, верните деньги! Возврат не пришёл.', { lang: 'ru' }],
  ['الرحلة ألغيت ولم يرد أحد', { lang: 'ar' }],
  ['Gate B12 chaos 🙄 refunds? @AcmeAir #fail AC214', {}],
  ['Supercalifragilisticexpialidocious-and-then-some-more-letters-than-forty is a long word', {}],
  [Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '), { title: 'A very long review' }],
  ['Ça va? ÉTÉ à Zürich, naïve coöperation', { lang: 'fr', title: 'Crashes on boarding pass' }],
  ['Love the new seats', { title: 'Five stars for the new seats' }],
];
const NAMES = ['Dana Whitfield', 'Lucía Pérez', 'Jürgen Groß', '山田 太郎', 'Олег Петров', 'user42'];

const QUERIES = [
  'refund', 'REFUND', 'ref', 'refunds', 'cafe', 'café', 'CAFÉ', 'creme bru', 'brulee', 'annule', 'annulé', 'rembour',
  'reembolso', 'reembolsó', 'esta', 'está', 'zuruck', 'zurück', 'strasse', 'straße', 'gross', 'groß', 'jurg', 'jürgen',
  '払い戻し', '払い', 'キャンセル', '退款', '航班', '客服电话', 'рейс', 'РЕЙС', 'верн', 'отменен', 'отменён', 'الرحلة',
  'b12', 'ac2', 'acmeair', 'fail', 'supercalifragilisticexpialidocious', 'supercalifragilisticexpialidocious-and-then-some-more',
  'word1', 'word15', 'word159', 'word160', 'word199', 'very long', 'crashes boarding', 'dana whit', 'whit dana', 'lucia', 'lucía perez',
  'user4', '山田', '太郎', 'олег', 'ca va', 'ete zurich', 'naive coop', 'cooperation', 'refund zebra', 'zebra', 'a', 'the new',
  'seats', 'x', '12', 'de', 'ça',
];

/** The v3-v5 derivation of `words`, as db/derived.ts computed it then. */
const oldWords = (m: Mention): string[] => tokenize([m.author.name, m.author.handle, m.title ?? '', m.text].join(' \n '));

/** The old index, in a database of its own, queried as inbox-query.ts did: startsWith per term, intersected. */
class OldIndex extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({ mentions: 'id, *words' });
  }
  async put(ms: readonly Mention[]): Promise<void> {
    await this.table('mentions').bulkPut(ms.map((m) => ({ id: m.id, words: oldWords(m) })));
  }
  async search(text: string): Promise<string[] | undefined> {
    const terms = searchTerms(text);
    if (!terms.length) return undefined;
    const sets = await Promise.all(terms.map((t) => this.table('mentions').where('words').startsWith(t).primaryKeys()));
    return [...new Set(sets.reduce((a, b) => a.filter((id) => b.includes(id))).map(String))].sort();
  }
}

describe('text search from search rows agrees with the old words index', () => {
  let db: EarshotDb;
  let old: OldIndex;
  let all: Mention[];
  let n = 0;
  beforeEach(async () => {
    db = await freshDb();
    old = new OldIndex(`old-words-${++n}`);
    await old.open();
    all = [];
    for (let i = 0; i < 70; i++) {
      const [text, extra] = TEXTS[i % TEXTS.length]!;
      const name = NAMES[i % NAMES.length]!;
      all.push(mention(`m:${i}`, at(i), { ...extra, text, author: { key: `x:u${i % 9}`, handle: `handle_${name.split(' ')[0]!.toLowerCase()}${i % 9}`, name, followers: 5 } }));
    }
    await ingest(db, all);
    await old.put(all);
  });

  async function expectSameEverywhere(): Promise<void> {
    for (const q of QUERIES) {
      const expected = (await old.search(q)) ?? all.map((m) => m.id).sort();
      const got = (await filteredIdsByDue(db, { statuses: [], text: q }, 'mk', { smallSet: 0 })).sort();
      const gotSmall = (await filteredIdsByDue(db, { statuses: [], text: q }, 'mk', { smallSet: Infinity })).sort();
      expect(got, `search ${JSON.stringify(q)}`).toEqual(expected);
      expect(gotSmall, `search ${JSON.stringify(q)} over records`).toEqual(expected);
    }
  }

  it('finds the same ids for every query, in English, French, Spanish, German, Japanese, Chinese, Russian and Arabic', async () => {
    // The queries must mean something: most find some mentions, some find none.
    const found = await Promise.all(QUERIES.map(async (q) => ((await old.search(q)) ?? all).length));
    expect(found.filter((c) => c > 0).length).toBeGreaterThan(QUERIES.length * 0.8);
    expect(found.filter((c) => c === 0).length).toBeGreaterThan(2);
    await expectSameEverywhere();
  });

  it('still agrees after texts change, mentions are deleted and one comes back with new words', async () => {
    const edited = all.filter((_, i) => i % 5 === 0).map((m, k) => ({ ...m, text: k % 2 ? 'Zebra crossing at gate B12' : 'Refund arrived, merci beaucoup' }));
    await ingest(db, edited);
    await old.put(edited);
    const gone = all.filter((_, i) => i % 7 === 3).map((m) => m.id);
    await db.mentions.bulkDelete(gone);
    await old.table('mentions').bulkDelete(gone);
    all = all.filter((m) => !gone.includes(m.id)).map((m) => edited.find((e) => e.id === m.id) ?? m);
    const back = { ...mention(gone[0]!, at(500)), text: 'Straße nach Zürich gesperrt' };
    await ingest(db, [back]);
    await old.put([back]);
    all.push(back);
    expect((await old.search('zebra'))!.length).toBeGreaterThan(0);
    await expectSameEverywhere();
  });

  it('an assignment or a tag (same words) writes no search row; a new mention writes one per write', async () => {
    const before = await db.search.count();
    const row = (await db.mentions.get('m:1'))!;
    await db.mentions.put({ ...row, assignee: 'mk', tags: ['outage'] });
    expect(await db.search.count()).toBe(before);
    await ingest(db, [mention('new:1', at(900), { text: 'brand new words' }), mention('new:2', at(901), { text: 'more new words' })]);
    expect(await db.search.count()).toBe(before + 1);
    expect(await filteredIdsByDue(db, { statuses: [], text: 'brand' }, 'mk')).toEqual(['new:1']);
  });

  it('clearing the mentions clears the search rows', async () => {
    await db.mentions.clear();
    expect(await db.search.count()).toBe(0);
    await ingest(db, [mention('after:1', at(1), { text: 'refund again' })]);
    expect(await filteredIdsByDue(db, { statuses: [], text: 'refund' }, 'mk')).toEqual(['after:1']);
  });
});

describe('the upgrade to v6', () => {
  it('moves every mention of a v5 database from the words index to search rows, and drops the index', async () => {
    const name = `v5-${Date.now()}`;
    // A v5 database as it was: mentions with their `words`, behind the v5 indexes.
    const v5 = new Dexie(name);
    v5.version(5).stores({
      mentions:
        'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, [authorKey+createdMs], conversationId, status, assignee, *tags, reach.tier, dueAt, *words, unread, *replyIds, threadRootId, *facets',
    });
    const ms = TEXTS.map(([text, extra], i) => mention(`v5:${i}`, at(i), { ...extra, text }));
    await v5.table('mentions').bulkPut(ms.map((m) => ({ ...m, status: 'new', open: 1, dueAt: 0, createdMs: 0, clockStartMs: 0, authorKey: m.author.key, tags: [], words: oldWords(m), facets: [] })));
    v5.close();

    const db = new EarshotDb(name);
    await db.open();
    setDb(db);
    expect(db.tables.find((t) => t.name === 'mentions')!.schema.indexes.map((i) => i.name)).not.toContain('words');
    const rec = (await db.mentions.get('v5:0'))!;
    expect(rec.words).toBeUndefined();
    expect(rec.wordsHash).toBeDefined();
    const old = new OldIndex(`${name}-old`);
    await old.put(ms);
    for (const q of ['refund', 'annule', '退款', 'рейс', 'crashes boarding', 'zebra']) {
      expect((await filteredIdsByDue(db, { statuses: [], text: q }, 'mk')).sort(), q).toEqual(await old.search(q));
    }
  });
});

describe('search rows in memory', () => {
  it.each([
    ['a word start', ['refund'], ['a', 'c']],
    ['inside a word is no match', ['fund'], []],
    ['every term', ['refund', 'late'], ['c']],
    ['the newest entry of a rewritten mention only', ['gate'], ['b']],
    ['a deleted mention is gone', ['lost'], []],
  ])('%s', (_, terms, expected) => {
    const chunks = new SearchChunks();
    chunks.add([
      { seq: 1, ...searchRow([{ id: 'a', words: ['refund', 'please'], replaces: false }, { id: 'b', words: ['refund', 'now'], replaces: false }, { id: 'd', words: ['lost', 'bag'], replaces: false }]) },
      { seq: 2, ...searchRow([{ id: 'b', words: ['gate', 'b12'], replaces: true }, { id: 'c', words: ['late', 'refunds'], replaces: false }]) },
      { seq: 3, ...searchRow([{ id: 'd', words: [], replaces: true }]) },
    ]);
    expect(chunks.match(terms).sort()).toEqual(expected);
  });
});

describe('merging small search rows', () => {
  it('a live inbox (a row per arrival, edits, a delete and a return) searches the same after the rows are merged', async () => {
    const db = await freshDb();
    const texts = ['refund please', 'gate chaos', 'lost bag', 'refund arrived', 'café au lait'];
    for (let i = 0; i < 40; i++) await ingest(db, [mention(`live:${i}`, at(i), { text: texts[i % 5]! })]);
    await ingest(db, [{ ...mention('live:3', at(3)), text: 'gate closed' }]);
    await db.mentions.delete('live:7');
    await ingest(db, [{ ...mention('live:7', at(7)), text: 'zebra' }]);
    await db.mentions.delete('live:8');
    const queries = ['refund', 'gate', 'lost', 'zebra', 'cafe', 'refund arrived', 'bag'];
    const before = await Promise.all(queries.map((q) => filteredIdsByDue(db, { statuses: [], text: q }, 'mk')));
    expect(await db.search.count()).toBeGreaterThan(40);
    await compactSearch(db);
    expect(await db.search.count()).toBe(1);
    // A fresh load (a new session) over the merged row.
    const again = new EarshotDb(db.name);
    await again.open();
    expect(await Promise.all(queries.map((q) => filteredIdsByDue(again, { statuses: [], text: q }, 'mk')))).toEqual(before);
    expect(before[3]).toEqual(['live:7']);
    expect(before[2]).not.toContain('live:8');
    expect(before[1]).toContain('live:3');
  });
});
