/**
 * The delivery worker (delivery/apply-host.ts, page-applier.ts workerApplier): pages validated and
 * written on the worker's own connection give the same rows as on the window's thread; delivery
 * through it still acks each batch only after it committed; a worker that dies hands its work back
 * to the window without losing or repeating a page. jsdom has no Worker, so a stand-in runs the
 * worker's code in this thread behind the same message protocol (structured clones, async replies);
 * tests/e2e/delivery-worker.test.ts runs the real one in Chromium.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { createApplyHost, type ApplyWorkerRequest } from '../../src-renderer/delivery/apply-host';
import { workerApplier } from '../../src-renderer/delivery/page-applier';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import { createMemoryBridge } from '../../src-renderer/bridge/memory-bridge';
import { applyPage } from '../../src-renderer/db/apply';
import { EarshotDb } from '../../src-renderer/db/schema';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { freshDb, mentionsPage, mention, logBridge, storedContents, until } from './helpers/db';
import { page } from './helpers/log';
import { mentionEntry } from '../../src-main/shared/log-entry';
import type { WorkerAnswer } from '../../src-renderer/lib/worker-client';

/**
 * A Worker running the delivery worker's code (apply.worker.ts) in this thread: requests and answers
 * are structured clones, delivered in later tasks; `die()` is a worker crash (its onerror).
 */
class StandInWorker {
  onmessage: ((e: MessageEvent<WorkerAnswer>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly host = createApplyHost((name) => new EarshotDb(name));
  dead = false;
  /** Requests received, by kind. */
  readonly seen: string[] = [];
  /** Crash when this many batches have been asked for (the last one is never answered). */
  dieAtApply = Infinity;

  postMessage(msg: ApplyWorkerRequest): void {
    const { id, ...req } = structuredClone(msg);
    setTimeout(() => {
      if (this.dead) return;
      this.seen.push(req.kind);
      if (req.kind === 'apply' && this.seen.filter((k) => k === 'apply').length >= this.dieAtApply) {
        this.die();
        return;
      }
      this.host.handle(req).then(
        (value) => this.answer({ id, ok: true, value }),
        (e: unknown) => this.answer({ id, ok: false, error: (e as Error).message }),
      );
    }, 0);
  }

  private answer(a: WorkerAnswer): void {
    setTimeout(() => !this.dead && this.onmessage?.({ data: structuredClone(a) } as MessageEvent<WorkerAnswer>), 0);
  }

  die(): void {
    this.dead = true;
    this.onerror?.({ message: 'crashed', preventDefault: () => undefined } as ErrorEvent);
  }

  terminate(): void {
    this.dead = true;
  }
}

const standIn = (w: StandInWorker): (() => Worker) => () => w as unknown as Worker;

describe('the delivery worker', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined });
    // The worker client starts workers only where the constructor exists (jsdom has none).
    vi.stubGlobal('Worker', StandInWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('writes by seq, on its own connection, exactly the rows the window thread writes', async () => {
    const here = await freshDb();
    const host = createApplyHost((name) => new EarshotDb(name));
    const pages = [mentionsPage(['x:1', 'x:2'], 0), mentionsPage(['x:3'], 2), mentionsPage(['x:4', 'x:1'], 3)];
    for (const [i, p] of pages.entries()) await host.handle({ kind: 'page', dbName: db.name, seq: i + 1, page: p });
    const r1 = await host.handle({ kind: 'apply', dbName: db.name, seqs: [1, 2], logId: 'L' });
    const r2 = await host.handle({ kind: 'apply', dbName: db.name, seqs: [3], logId: 'L' });
    const h1 = await applyPage(here, [...pages[0]!.entries, ...pages[1]!.entries], 'L');
    const h2 = await applyPage(here, pages[2]!.entries, 'L');
    expect([r1, r2]).toEqual([h1, h2]);
    expect(r1).toMatchObject({ position: 3, applied: 3, added: 3 });
    expect(await storedContents(db)).toEqual(await storedContents(here));
  });

  it('fails a batch with the same message as the window thread, and one whose page it never got clearly', async () => {
    const host = createApplyHost((name) => new EarshotDb(name));
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: mentionsPage(['x:5'], 4) });
    const here = await applyPage(db, mentionsPage(['x:5'], 4).entries, 'L').catch((e: Error) => e.message);
    await expect(host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' })).rejects.toThrow(here as string);
    expect(here).toMatch(/skipped from position 0 to 5/);
    await expect(host.handle({ kind: 'apply', dbName: db.name, seqs: [2], logId: 'L' })).rejects.toThrow('page 2 of the batch never reached the delivery worker');
  });

  it('gives a mention the SLA policy version another context saved just before its batch', async () => {
    const host = createApplyHost((name) => new EarshotDb(name));
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: mentionsPage(['x:1'], 0) });
    await host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' });
    // Saved by the window, whose news has not reached the worker yet: a plain IndexedDB write
    // (Dexie in this thread hears nothing of it), committed before the next batch.
    const from = '2026-11-20T09:00:00.000Z';
    const policy = { id: `policy:${from}`, from, policy: { ...DEFAULT_POLICY, firstResponseMinutes: 15 }, savedAt: from };
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(db.name);
      open.onsuccess = () => {
        const tx = open.result.transaction('policies', 'readwrite');
        tx.objectStore('policies').put(policy);
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    const entries = page([mentionEntry(mention('x:2', '2026-11-20T10:00:00.000Z'), '2026-11-20T10:00:01.000Z')], 1);
    await host.handle({ kind: 'page', dbName: db.name, seq: 2, page: { entries } });
    await host.handle({ kind: 'apply', dbName: db.name, seqs: [2], logId: 'L' });
    const stored = await db.mentions.get('x:2');
    expect(stored?.policyId).toBe(policy.id);
    expect(stored?.dueAt).toBe(Date.parse('2026-11-20T10:15:00.000Z'));
  });

  it('delivers through the worker: every page validated there, each batch acked only once committed', async () => {
    const worker = new StandInWorker();
    const acks: Array<{ position: number; inDb: number }> = [];
    const mb = logBridge(5, async (position) => acks.push({ position, inDb: await db.mentions.count() }));
    const stop = startDelivery(mb.bridge, db, { applier: workerApplier(db, standIn(worker)) });
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1', 'x:2'], 0));
    mb.emit('entries', mentionsPage(['x:3'], 2));
    mb.emit('entries', mentionsPage(['x:4', 'x:5'], 3));
    await until(() => acks[acks.length - 1]?.position === 5);
    for (const a of acks) expect(a.inDb).toBe(a.position);
    expect(worker.seen.filter((k) => k === 'page')).toHaveLength(3);
    expect(worker.seen).toContain('apply');
    expect((await db.mentions.toCollection().primaryKeys()).sort()).toEqual(['x:1', 'x:2', 'x:3', 'x:4', 'x:5']);
    expect(useDelivery.getState()).toMatchObject({ position: 5, received: 5, error: undefined });
    stop();
  });

  it('starts the worker and opens its connection once the window’s database is open, before the first page', async () => {
    const worker = new StandInWorker();
    let helloed = 0;
    const mb = createMemoryBridge({
      hello: () => {
        helloed++;
        return { logId: 'L', mode: 'web', version: 't', from: 0, head: 0, teamStatus: { state: 'solo', waiting: 0 } };
      },
      ack: () => ({}),
    });
    const stop = startDelivery(mb.bridge, db, { applier: workerApplier(db, standIn(worker)) });
    await until(() => worker.seen.length > 0 && helloed > 0);
    expect(worker.seen).toEqual(['open']);
    stop();
  });

  it('loads the worker as soon as it is made, and asks it nothing before the window’s database is open', async () => {
    const worker = new StandInWorker();
    let started = 0;
    const applier = workerApplier(db, () => {
      started++;
      return worker as unknown as Worker;
    });
    expect(started).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(worker.seen).toEqual([]);
    applier.prepare();
    await until(() => worker.seen.length > 0);
    expect(worker.seen).toEqual(['open']);
    expect(started).toBe(1);
    applier.stop();
  });

  it('a worker that dies while writing hands the batch and the rest to the window thread: nothing lost, nothing twice', async () => {
    const worker = new StandInWorker();
    worker.dieAtApply = 2;
    const acks: number[] = [];
    const mb = logBridge(6, (position) => acks.push(position));
    const stop = startDelivery(mb.bridge, db, { applier: workerApplier(db, standIn(worker)), maxBatch: 2 });
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1', 'x:2'], 0));
    await until(() => acks.length === 1);
    mb.emit('entries', mentionsPage(['x:3', 'x:4'], 2));
    mb.emit('entries', mentionsPage(['x:5', 'x:6'], 4));
    await until(() => acks[acks.length - 1] === 6);
    expect(worker.dead).toBe(true);
    expect(acks).toEqual([2, 4, 6]);
    expect((await db.mentions.toCollection().primaryKeys()).sort()).toEqual(['x:1', 'x:2', 'x:3', 'x:4', 'x:5', 'x:6']);
    expect(await db.search.count()).toBe(3);
    expect(useDelivery.getState()).toMatchObject({ position: 6, received: 6, error: undefined });
    stop();
  });
});
