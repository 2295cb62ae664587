/**
 * `npm run --silent enrich -- --input FILE [--topics FILE]`: fills lang, sentiment and topics, and
 * prints exactly what the app stores (the same mentions through the poller into the log come out
 * identical); a bad line is exit 1 naming the line, bad arguments or topics exit 2.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MentionSchema, type Mention } from '../../src-main/shared/mention';
import { JournalLog } from '../../src-main/log/journal-log';
import type { MentionEntry } from '../../src-main/shared/log-entry';
import { CursorStore } from '../../src-main/core/cursors';
import { Poller } from '../../src-main/core/poller';
import { createLogger, setLogSink } from '../../src-main/core/log';
import { Enricher } from '../../src-main/enrich/enrich';
import { parseTopicRules } from '../../src-main/enrich/topics';

import { runCli } from '../helpers/cli';

const enrich = (args: string[]) => runCli('enrich', args);


const base = (n: number, text: string, extra: Partial<Mention> = {}): Mention => ({
  id: `x:${n}`,
  sourceId: 'acme',
  channel: 'x',
  text,
  createdAt: `2026-11-20T10:00:0${n}.000Z`,
  author: { key: `x:${n}`, handle: `u${n}`, name: `U ${n}`, followers: 10 * n },
  reach: { score: n, tier: 'everyday' },
  ...extra,
});

const MENTIONS: Mention[] = [
  base(1, '@AcmeAir I want a refund, the flight was cancelled and nobody helped. Terrible.', { lang: 'en' }),
  base(2, 'Perdieron mi maleta y nadie responde. Servicio pésimo, quiero un reembolso'),
  base(3, 'Adorei o atendimento da tripulação, muito obrigado pela ajuda!', { lang: 'und' }),
  base(4, 'ok 👍'),
  base(5, 'Il volo è stato cancellato e nessuno ci ha aiutato, una vergogna', { lang: 'it', sentiment: { label: 'positive', score: 1 }, topics: ['stale'] }),
];
const TOPICS = {
  topics: [
    { id: 'refunds', name: 'Refunds', any: ['refund', 'reembolso'] },
    { id: 'lost-luggage', name: 'Lost luggage', any: ['lost bag', 'maleta', 'mala'], none: ['found it'] },
  ],
};

let dir: string;
let input: string;
let topics: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-enrich-cli-'));
  input = join(dir, 'mentions.jsonl');
  topics = join(dir, 'topics.json');
  writeFileSync(input, MENTIONS.map((m) => JSON.stringify(m)).join('\n') + '\n\n');
  writeFileSync(topics, JSON.stringify(TOPICS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each run starts tsx afresh: seconds each on a loaded machine.
describe('npm run enrich', { timeout: 90_000 }, () => {
  it('fills lang, sentiment and topics on every line', async () => {
    const r = await enrich(['--input', input, '--topics', topics]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => MentionSchema.parse(JSON.parse(l)));
    expect(out.map((m) => [m.id, m.lang, m.sentiment?.label ?? null, m.topics])).toEqual([
      ['x:1', 'en', 'negative', ['refunds']],
      ['x:2', 'es', 'negative', ['refunds', 'lost-luggage']],
      ['x:3', 'pt', 'positive', []],
      ['x:4', null, null, []],
      // Italian is named by the network but not judged: null, and the stale values are replaced.
      ['x:5', 'it', null, []],
    ]);
    expect(out[3]).toHaveProperty('sentiment', null);
  });

  it('prints exactly what the poller stores for the same mentions', async () => {
    const r = await enrich(['--input', input, '--topics', topics]);
    const printed = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Mention);

    setLogSink(() => undefined);
    const state = mkdtempSync(join(dir, 'state-'));
    const store = await JournalLog.open(join(state, 'log'));
    const cursors = await CursorStore.open(state);
    const enricher = new Enricher(parseTopicRules(JSON.stringify(TOPICS), 'topics'));
    const reachOf = new Map(MENTIONS.map((m) => [m.author.followers, m.reach]));
    const poller = new Poller({ store, cursors, score: (inputs) => reachOf.get(inputs.followers)!, enrich: (m) => enricher.enrich(m), log: createLogger('t') });
    poller.add({
      id: 'acme',
      kind: 'feed',
      intervalMs: 60_000,
      poll: async () => ({ mentions: MENTIONS.map(({ reach: _r, ...m }) => ({ ...m, reachInputs: { followers: m.author.followers } })), cursor: 'all' }),
    });
    await poller.pollNow('acme');
    const stored = (await store.read(0, 1000)).map((p) => (p.entry as MentionEntry).mention).map(({ receivedAt: _at, clockStartAt: _clock, ...m }) => m); // the poller's own fields: when heard, and a first poll's backfill clock
    await poller.stop();
    await store.close();
    setLogSink(null);
    expect(stored).toEqual(printed);
  });

  it('refuses a bad line with exit 1, naming the line and field, and prints nothing', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(MENTIONS[0])}\n{"id":"x:9","text":"no channel"}\nnot json\n`);
    const r = await enrich(['--input', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.jsonl:2: mention\.sourceId/);
    expect(r.stderr).toMatch(/bad\.jsonl:3: not JSON/);
  });

  it('exit 2 on bad arguments and on a bad topics file', async () => {
    const [none, bogus] = await Promise.all([enrich([]), enrich(['--input', input, '--bogus'])]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--input is required/);
    expect(bogus.code).toBe(2);
    const badTopics = join(dir, 'bad-topics.json');
    writeFileSync(badTopics, JSON.stringify({ topics: [{ id: 'a', name: 'A', any: [] }] }));
    const r = await enrich(['--input', input, '--topics', badTopics]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/topics\.0\.any: a topic needs at least one term/);
    expect((await enrich(['--input', join(dir, 'missing.jsonl')])).code).toBe(1);
  });

  it('without --topics no rule matches', async () => {
    const r = await enrich(['--input', input]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Mention).topics)).toEqual([[], [], [], [], []]);
  });
});
