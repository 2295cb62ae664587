/**
 * Error codes are values: the core's dispatch passes a BridgeError's code through and calls every
 * other error `failed`, whatever its words. And the polling assembly (core/polling.ts), shared by
 * the core and `npm run poll`, polls a configured source into the log with its reach scored.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../src-main/core/core';
import { createPolling, reachOfMention } from '../../../src-main/core/polling';
import { CursorStore } from '../../../src-main/core/cursors';
import { createLogStore } from '../../../src-main/log/create-log-store';
import { MemorySecretStore } from '../../../src-main/config/secrets';
import { createLogger } from '../../../src-main/core/log';
import { BridgeError, type Reply } from '../../../src-main/shared/contract';
import { parseLogEntry } from '../../../src-main/shared/log-entry';

const RESOURCES = join(import.meta.dirname, '../../../resources');
const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `earshot-${name}-`));

describe('error codes in the core dispatch', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.stop();
    core = undefined;
  });

  async function call(command: string, payload: unknown): Promise<Reply<unknown>> {
    core ??= new Core({
      dataDir: tempDir('dispatch'),
      resourcesDir: RESOURCES,
      mode: 'web',
      version: 'test',
      secrets: new MemorySecretStore(),
      log: createLogger('test'),
      config: { sources: [{ id: 'demo', kind: 'demo', paused: true, intervalSeconds: 3600 }] },
    });
    if (!core.started) await core.start();
    const conn = core.connect({ send: () => undefined });
    try {
      return await conn.handle(command, payload);
    } finally {
      conn.close();
    }
  }

  it.each([
    ['removeSource', { id: 'nope' }],
    ['setSourcePaused', { id: 'nope', paused: true }],
    ['testSource', { id: 'nope' }],
  ])('%s of an unknown source answers not-found', async (command, payload) => {
    const r = await call(command, payload);
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'no source with id "nope"' } });
  });

  it('a handler error that only reads like "no source with id" is failed, not not-found', async () => {
    await call('listSources', {});
    core!.override('openExternal', async () => {
      throw new Error('no source with id "x" (but a plain Error)');
    });
    const r = await call('openExternal', { url: 'https://example.com/' });
    expect(r.ok ? undefined : r.error.code).toBe('failed');
  });

  it("a handler's BridgeError keeps its code", async () => {
    await call('listSources', {});
    core!.override('openExternal', async () => {
      throw new BridgeError('not-found', 'that link is gone');
    });
    expect(await call('openExternal', { url: 'https://example.com/' })).toEqual({ ok: false, error: { code: 'not-found', message: 'that link is gone' } });
  });
});

describe('the polling assembly', () => {
  it('polls a configured source into the log, reach scored, and saves its cursor', async () => {
    const dir = tempDir('polling');
    const store = await createLogStore({ kind: 'journal', dataDir: dir });
    const cursors = await CursorStore.open(dir);
    const { poller, registry } = createPolling({ store, cursors, secrets: new MemorySecretStore(), sources: { resourcesDir: RESOURCES, dataDir: dir }, log: createLogger('test') });
    await registry.load([{ id: 'demo', kind: 'demo', backlog: 3, limit: 3 }]);
    await poller.pollNow('demo');
    expect(() => poller.pollNow('nope')).toThrow(expect.objectContaining({ code: 'not-found' }));
    const page = await store.read(0, 10);
    const mentions = page.map((p) => parseLogEntry(p.entry)).flatMap((r) => ('entry' in r && r.entry.type === 'mention' ? [r.entry.mention] : []));
    expect(mentions.map((m) => m.id)).toEqual(['demo:1', 'demo:2', 'demo:3']);
    for (const m of mentions) expect(Object.keys(m.reach).sort()).toEqual(['score', 'tier']);
    expect(cursors.get('demo')).toEqual({ emitted: 3 });
    await poller.stop();
    await store.close();
    await cursors.flush();
  });

  it('stores only the score and tier of a reach', () => {
    expect(Object.keys(reachOfMention({ followers: 2500 }, 'x')).sort()).toEqual(['score', 'tier']);
  });
});
