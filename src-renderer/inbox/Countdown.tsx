import { useClock, formatDuration, urgency } from '../lib/time';

/** A mark beside the time, so "due soon" and "over" do not rest on amber and red alone. */
const MARK = { ok: '', near: '▲', overdue: '●' } as const;

/** "42m left" or "3d 2h over" (past due exactly when urgency() says overdue: nothing left). */
export function dueText(dueAt: number, nowMs: number): string {
  const left = dueAt - nowMs;
  return left < 0 ? `${formatDuration(left)} over` : `${formatDuration(left)} left`;
}

/** Draws again when its text or urgency changes (about once a minute), not on every tick of the clock. */
export function Countdown({ dueAt, clockStartMs }: { dueAt: number; clockStartMs: number }) {
  const u = useClock((now) => urgency(dueAt, clockStartMs, now));
  const text = useClock((now) => dueText(dueAt, now));
  return (
    <span className={`due due-${u}`} title={`Due ${new Date(dueAt).toLocaleString()}${u === 'near' ? ' (soon)' : ''}`}>
      {MARK[u] ? (
        <span className="due-mark" aria-hidden>
          {MARK[u]}{' '}
        </span>
      ) : null}
      {text}
    </span>
  );
}
