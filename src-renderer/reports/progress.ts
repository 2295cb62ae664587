/**
 * What the work on the report's facts is doing (the fairness report's, and voice of the customer's,
 * which counts from the same facts), told as it goes, so the screen can say it instead of a bare
 * "Counting…": the first report over a year of mentions builds its facts from every
 * mention and event (28-30 s at 200,000 mentions, fairness bench), and a new session's first report
 * reads the facts stored earlier and takes in what came since (1-2 s). Whoever runs the work sets
 * where it is told (the report worker posts it to the page; on the main thread, where no worker can
 * start, report-client.ts hands it on directly). Pure: no Dexie, no DOM.
 */
import { formatInt } from './format';

export type ReportProgress =
  /** The first count: every mention read, then every event (the totals as counted when it began). */
  | { step: 'first-count'; mentionsRead: number; mentions: number; eventsRead: number; events: number }
  | { step: 'reading-stored' }
  | { step: 'taking-in'; mentions: number; events: number }
  | { step: 'figures' };

let sink: ((p: ReportProgress) => void) | undefined;

/** Where progress is told from now on (undefined: nowhere). */
export function setProgressSink(s: ((p: ReportProgress) => void) | undefined): void {
  sink = s;
}

/** Tells the progress of the work under way (a no-op when no one listens). */
export function tellProgress(p: ReportProgress): void {
  sink?.(p);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${formatInt(n)} ${n === 1 ? one : many}`;

/** How far along, from 0 to 1, where that is known (a first count); else undefined. */
export function progressShare(p: ReportProgress): number | undefined {
  if (p.step !== 'first-count') return undefined;
  const total = p.mentions + p.events;
  return total > 0 ? Math.min(1, (p.mentionsRead + p.eventsRead) / total) : undefined;
}

/** The progress one worker tells (each worker client has its own), heard by the screen that waits on it. */
export class ProgressHub {
  private readonly listeners = new Set<(p: ReportProgress) => void>();
  /** Listens from now on; returns the unsubscribe. */
  listen(listener: (p: ReportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  readonly tell = (p: ReportProgress): void => this.listeners.forEach((l) => l(p));
}

/** The line the screen shows while the report is being worked out. */
export function progressLine(p: ReportProgress): string {
  switch (p.step) {
    case 'first-count':
      return `Counting every mention once, for this and later reports: ${Math.floor((progressShare(p) ?? 0) * 100)}% (${formatInt(p.mentionsRead)} of ${plural(p.mentions, 'mention')}, ${formatInt(p.eventsRead)} of ${plural(p.events, 'event')})`;
    case 'reading-stored':
      return 'Reading the counts kept from the last report…';
    case 'taking-in':
      return `Adding what came since: ${plural(p.mentions, 'mention')}, ${plural(p.events, 'event')}…`;
    case 'figures':
      return 'Working out the figures…';
  }
}
