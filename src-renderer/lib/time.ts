import { useSyncExternalStore } from 'react';

/** One shared one-second ticker for every countdown on screen (not a timer per row). */
const subscribers = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(cb: () => void): () => void {
  subscribers.add(cb);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const s of subscribers) s();
  }, 1000);
  return () => {
    subscribers.delete(cb);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * What a component shows that depends on the time, worked out from the same shared ticker: the
 * component draws again only when that changes ("42m left" for a minute), not every second as with
 * useNow. `derive` must return a primitive (compared with Object.is).
 */
export function useClock<T extends string | number | boolean>(derive: (nowMs: number) => T): T {
  return useSyncExternalStore(subscribe, () => derive(now));
}

/** "42m", "1h 05m", "3d 2h" */
export function formatDuration(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  if (m < 1) return `${Math.floor(Math.abs(ms) / 1000)}s`;
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export type Urgency = 'ok' | 'near' | 'overdue';

/** Amber in the last quarter of the target (at most 15 minutes), red once past due. */
export function urgency(dueAt: number, clockStartMs: number, nowMs: number): Urgency {
  const left = dueAt - nowMs;
  if (left < 0) return 'overdue';
  const window = Math.min(15 * 60_000, (dueAt - clockStartMs) / 4);
  return left <= window ? 'near' : 'ok';
}

export function formatClock(iso: string | number): string {
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
