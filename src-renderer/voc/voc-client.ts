/**
 * Runs the voice-of-the-customer report in its worker when one can start, else on the main thread
 * (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { forgetVocState, runVoc, runVocMembers, type VocRequest, type VocResponse } from './voc-engine';
import { forgetVocColumnsInMemory } from './voc-store';
import type { VocWorkerRequest } from './voc.worker';
import { createWorkerClient, type WithoutId } from '../lib/worker-client';
import type { VocFigure } from '../../src-main/shared/voc/report';

const client = createWorkerClient<VocWorkerRequest>(() => new Worker(new URL('./voc.worker.ts', import.meta.url), { type: 'module', name: 'earshot-voc' }), 'voice-of-the-customer');

function inWorker<T>(msg: WithoutId<VocWorkerRequest>, fallback: () => Promise<T>): Promise<T> {
  return client.call(msg, fallback);
}

export function requestVoc(req: Omit<VocRequest, 'dbName'> & { fresh?: boolean }): Promise<VocResponse> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return inWorker({ kind: 'report', req: full }, () => runVoc(full, db));
}

export function requestVocMembers(req: Omit<VocRequest, 'dbName'>, figure: VocFigure): Promise<string[]> {
  const db = getDb();
  const full = { ...req, dbName: db.name, figure };
  return inWorker({ kind: 'members', req: full }, () => runVocMembers(full, db));
}

/**
 * After the mentions' topics were rewritten (dropVocColumns already removed the stored columns):
 * the copies held in memory, here and in the worker, are forgotten too, so the next report builds.
 */
export async function forgetVocColumns(): Promise<void> {
  const db = getDb();
  forgetVocColumnsInMemory(db.name);
  forgetVocState(db.name);
  if (client.running) await inWorker({ kind: 'forget', dbName: db.name }, () => Promise.resolve(true));
}
