/**
 * A customer's follow-up reopening a resolved conversation is derived from the log, not logged, so
 * `fairness --team` and `voc --team` must derive it as every seat's renderer does (shared/
 * follow-ups.ts). A hand-built team log in a real PostgreSQL, appended from two seats: the renderer
 * applies it into IndexedDB (fake-indexeddb) and computes its reports; the commands read the
 * database; the figures are the same, and the follow-up is not counted as a new unanswered request.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { usePgServer } from '../../helpers/pg-server';
import { runCli } from '../../helpers/cli';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { mentionEntry, type LogEntry } from '../../../src-main/shared/log-entry';
import type { Mention } from '../../../src-main/shared/mention';
import { readTeamEventLog } from '../../../src-main/team/read-team-log';
import { EarshotDb } from '../../../src-renderer/db/schema';
import { runQueuedRetag } from '../../../src-renderer/db/retag-queue';
import { applyPage } from '../../../src-renderer/db/apply';
import { runReport } from '../../../src-renderer/reports/engine';
import { runVoc } from '../../../src-renderer/voc/voc-engine';

const run = (command: 'fairness' | 'voc', ...args: string[]) => runCli(command, args);
const server = usePgServer();


const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const NOW = at(24 * 60);

const dana = { key: 'x:100', handle: 'danawhit', name: 'Dana Whitfield', followers: 212 };
const acme = { key: 'x:1', handle: 'AcmeAir', name: 'Acme Air', followers: 90_000 };

function mention(id: string, minutes: number, extra: Partial<Mention> = {}): LogEntry {
  const handle = extra.author?.handle ?? `h${id.replace(/\W/g, '')}`;
  const m: Mention = {
    id,
    sourceId: 'acme-mentions',
    channel: 'x',
    text: `Refund still missing, text of ${id}`,
    createdAt: at(minutes),
    author: { key: `x:${handle}`, handle, name: handle, followers: 10 },
    reach: { score: 5, tier: 'everyday' },
    lang: 'en',
    ...extra,
  };
  return mentionEntry(m, at(minutes + 1));
}

const act = (id: string, type: string, mentionId: string, minutes: number, extra: Record<string, unknown> = {}): LogEntry => ({ id, type, at: at(minutes), mentionId, ...extra });

/** Dana is answered and resolved, then writes again in the same conversation; our reply is heard back too. */
const LOG: LogEntry[] = [
  mention('x:1000', 0, { author: dana, conversationId: '1000' }),
  mention('x:2000', 2, { conversationId: '2000' }),
  act('a1', 'assigned', 'x:1000', 5, { agent: 'mk', take: true }),
  act('r1', 'replied', 'x:1000', 20, { agent: 'mk', via: 'x', text: 'On it', replyId: '5000' }),
  act('d1', 'resolved', 'x:1000', 21, { agent: 'mk' }),
  mention('x:5000', 20, { author: acme, conversationId: '1000', inReplyToId: '1000' }),
  act('r2', 'replied', 'x:2000', 30, { agent: 'jo', via: 'x', text: 'Hello' }),
  // The follow-up: same author, same conversation, after our reply, while it was resolved.
  mention('x:1001', 60, { author: dana, conversationId: '1000', inReplyToId: '5000' }),
  mention('x:3000', 61, { conversationId: '3000', reach: { score: 40, tier: 'micro' } }),
  act('r3', 'replied', 'x:1000', 90, { agent: 'mk', via: 'x', text: 'Done now', replyId: '5001' }),
  act('r4', 'replied', 'x:3000', 200, { agent: 'jo', via: 'x', text: 'Late, sorry' }),
];

describe('follow-ups in a team log', () => {
  it('fairness --team and voc --team see the reopening the renderer derives: same figures as the app', async () => {
    const url = await server.createDatabase();
    const seats = await Promise.all(['ana', 'ben'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    for (const [i, e] of LOG.entries()) await seats[i % 2]!.append([e]);

    // The renderer: the whole log from position 0, as a fresh profile gets it.
    const store = seats[0]!;
    const page = await store.read(0, 1000);
    expect(page).toHaveLength(LOG.length);
    const db = new EarshotDb(`follow-up-reports-${Date.now()}`);
    await db.open();
    await applyPage(db, page, store.logId);
    await Promise.all(seats.map((s) => s.close()));
    expect(await db.mentions.get('x:1001')).toMatchObject({ threadRootId: 'x:1000' });
    expect(await db.events.get('reopened:x:1001')).toMatchObject({ mentionId: 'x:1000', at: at(60) });

    // The command's reading of the log carries the same join and reopening.
    const lines = (await readTeamEventLog(url)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.followUpOf).map((l) => [(l.mention as Mention).id, l.followUpOf])).toEqual([
      ['x:5000', 'x:1000'],
      ['x:1001', 'x:1000'],
    ]);
    expect(lines.filter((l) => l.type === 'reopened')).toEqual([{ type: 'reopened', at: at(60), mentionId: 'x:1000', reason: 'customer wrote again', followUpId: 'x:1001' }]);

    const nowMs = Date.parse(NOW);
    const app = await runReport({ dbName: db.name, range: {}, nowMs }, db);
    const cli = await run('fairness', '--team', url, '--now', NOW);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const fromTeam = JSON.parse(cli.stdout) as typeof app.report;
    // Two everyday requests and one micro (the follow-up and our own reply are not new ones), all answered.
    expect(fromTeam.tiers.everyday).toMatchObject({ mentions: 2, answered: 2, unansweredPastDue: 0 });
    expect(fromTeam.input.mentions).toBe(5);
    expect(fromTeam).toEqual(JSON.parse(JSON.stringify(app.report)));

    const period = { fromMs: T0 - 7 * 86_400_000, toMs: nowMs };
    const voc = await runVoc({ dbName: db.name, ...period, filter: {} }, db);
    const vocCli = await run('voc', '--team', url, '--from', new Date(period.fromMs).toISOString(), '--to', NOW);
    expect(vocCli.stderr).toBe('');
    expect(vocCli.code).toBe(0);
    expect(JSON.parse(vocCli.stdout)).toEqual(JSON.parse(JSON.stringify(voc.report)));
    db.close();
  }, 120_000);

  it('a change of topic rules re-tags the mentions before it: voc --team shows the topics the app shows', async () => {
    const url = await server.createDatabase();
    const seats = await Promise.all(['ana', 'ben'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    const rules = { id: 'rules-2', type: 'topic-rules', at: at(100), topics: [{ id: 'refund', name: 'Refunds', any: ['refund'] }, { id: 'wifi', name: 'Wifi', any: ['wifi'], none: ['refund'] }] };
    const log: LogEntry[] = [
      // Tagged when heard under the rules of the time ('billing'); the new rules say otherwise.
      mention('x:7000', 0, { text: 'Where is my refund?', topics: ['billing'] }),
      mention('x:7001', 5, { text: 'The wifi on board was down', topics: [] }),
      mention('x:7002', 10, { text: 'Wifi down and no refund either', topics: ['billing'] }),
      mention('x:7003', 20, { text: 'Lovely crew today' }),
      rules,
      // Heard after the change: tagged by main with the new rules already, and never re-tagged.
      mention('x:7004', 120, { text: 'refund please', topics: ['refund'] }),
      mention('x:7005', 130, { text: 'the wifi again', topics: [] }),
    ];
    for (const [i, e] of log.entries()) await seats[i % 2]!.append([e]);
    const store = seats[0]!;
    const db = new EarshotDb(`topic-reports-${Date.now()}`);
    await db.open();
    await applyPage(db, await store.read(0, 1000), store.logId);
    // The apply queues the re-tag; the window runs it in chunks after (db/retag-queue.ts).
    await runQueuedRetag(db);
    await Promise.all(seats.map((s) => s.close()));
    expect((await db.mentions.bulkGet(['x:7000', 'x:7001', 'x:7002', 'x:7003', 'x:7005'])).map((m) => m?.topics)).toEqual([['refund'], ['wifi'], ['refund'], undefined, []]);

    const nowMs = Date.parse(NOW);
    const period = { fromMs: T0 - 7 * 86_400_000, toMs: nowMs };
    const voc = await runVoc({ dbName: db.name, ...period, filter: {}, fresh: true }, db);
    const cli = await run('voc', '--team', url, '--from', new Date(period.fromMs).toISOString(), '--to', NOW);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const fromTeam = JSON.parse(cli.stdout) as typeof voc.report;
    expect(fromTeam.topics.map((t) => [t.id, t.mentions])).toEqual([
      ['refund', 3],
      ['wifi', 1],
    ]);
    expect(fromTeam).toEqual(JSON.parse(JSON.stringify(voc.report)));
    db.close();
  }, 120_000);
});
