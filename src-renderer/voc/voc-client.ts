/**
 * Runs the voice-of-the-customer report in its worker when one can start, else on the main thread
 * (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { confirmVoc, forgetVocState, runVoc, runVocMembers, type VocRequest, type VocResponse } from './voc-engine';
import type { VocWorkerRequest } from './voc.worker';
import { createWorkerClient, type WithoutId } from '../lib/worker-client';
import type { VocFigure } from '../../src-main/shared/voc/report';
import { trackRequest } from '../lib/report-requests';
import { ProgressHub, type ReportProgress } from '../reports/progress';

const progress = new ProgressHub();
const client = createWorkerClient<VocWorkerRequest>(() => new Worker(new URL('./voc.worker.ts', import.meta.url), { type: 'module', name: 'earshot-voc' }), 'voice-of-the-customer', (n) => progress.tell(n as ReportProgress));

/** Listens to what the worker's work under way is doing (its facts: reports/progress.ts); returns the unsubscribe. */
export const onVocProgress = (listener: (p: ReportProgress) => void): (() => void) => progress.listen(listener);

function inWorker<T>(msg: WithoutId<VocWorkerRequest>, fallback: () => Promise<T>): Promise<T> {
  return client.call(msg, fallback);
}

export function requestVoc(req: Omit<VocRequest, 'dbName'> & { fresh?: boolean; early?: boolean }): Promise<VocResponse> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return trackRequest(inWorker({ kind: 'report', req: full }, () => runVoc(full, db)));
}

/**
 * For an answer with `checked: false`: resolves true once the stored facts' count check held (the
 * figures stand), false when it failed (ask again: the figures are counted from facts built anew).
 */
export function requestVocConfirm(): Promise<boolean> {
  const db = getDb();
  return inWorker({ kind: 'confirm', dbName: db.name }, () => confirmVoc(db.name));
}

export function requestVocMembers(req: Omit<VocRequest, 'dbName'>, figure: VocFigure): Promise<string[]> {
  const db = getDb();
  const full = { ...req, dbName: db.name, figure };
  return inWorker({ kind: 'members', req: full }, () => runVocMembers(full, db));
}

/**
 * After topic rules were applied to past mentions: the period's state held here and in the worker
 * is forgotten, so the next report takes the re-tagged mentions' topics in (from the topic journal).
 */
export async function vocTopicsChanged(): Promise<void> {
  const db = getDb();
  forgetVocState(db.name);
  if (client.running) await inWorker({ kind: 'topics-changed', dbName: db.name }, () => Promise.resolve(true));
}
