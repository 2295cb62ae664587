/**
 * Runs reports in the worker when one can start (a browser, the desktop app), else on the main
 * thread (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { runExportLog, runReport, type ReportRequest, type ReportResponse } from './engine';
import type { WorkerReply, WorkerRequest } from './report.worker';

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
    worker = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'earshot-report' });
  } catch {
    broken = true;
    return undefined;
  }
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.value);
    else p.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failAll(`the report worker stopped (${e.message || 'could not start'})`);
  };
  return worker;
}

function inWorker<T>(kind: WorkerRequest['kind'], req: ReportRequest, fallback: () => Promise<T>): Promise<T> {
  const w = getWorker();
  if (!w) return fallback();
  const id = ++seq;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: (v) => resolve(v as T), reject });
    w.postMessage({ id, kind, req } satisfies WorkerRequest);
  }).catch((e: unknown) => {
    // The worker could not do it (it did not start, or died): do it here instead.
    if (broken) return fallback();
    throw e;
  });
}

export function requestReport(req: Omit<ReportRequest, 'dbName'>): Promise<ReportResponse> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return inWorker('report', full, () => runReport(full, db));
}

export function requestEventLog(req: Omit<ReportRequest, 'dbName'>): Promise<string> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return inWorker('export-log', full, () => runExportLog(full, db));
}
