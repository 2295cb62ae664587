/**
 * Runs the voice-of-the-customer report in its worker when one can start, else on the main thread
 * (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { forgetVocState, runVoc, runVocMembers, type VocRequest, type VocResponse } from './voc-engine';
import { forgetVocColumnsInMemory } from './voc-store';
import type { VocWorkerReply, VocWorkerRequest } from './voc.worker';
import type { VocFigure } from '../../src-main/shared/voc/report';

let worker: Worker | undefined;
let broken = typeof Worker === 'undefined';
let seq = 0;
const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

function failAll(message: string): void {
  broken = true;
  worker?.terminate();
  worker = undefined;
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker | undefined {
  if (broken) return undefined;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./voc.worker.ts', import.meta.url), { type: 'module', name: 'earshot-voc' });
  } catch {
    broken = true;
    return undefined;
  }
  worker.onmessage = (e: MessageEvent<VocWorkerReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.value);
    else p.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failAll(`the voice-of-the-customer worker stopped (${e.message || 'could not start'})`);
  };
  return worker;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function inWorker<T>(msg: WithoutId<VocWorkerRequest>, fallback: () => Promise<T>): Promise<T> {
  const w = getWorker();
  if (!w) return fallback();
  const id = ++seq;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: (v) => resolve(v as T), reject });
    w.postMessage({ ...msg, id } as VocWorkerRequest);
  }).catch((e: unknown) => {
    if (broken) return fallback();
    throw e;
  });
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
  if (worker) await inWorker({ kind: 'forget', dbName: db.name }, () => Promise.resolve(true));
}
