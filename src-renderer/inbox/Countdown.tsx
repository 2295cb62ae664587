import { useNow, formatDuration, urgency } from '../lib/time';

/** A mark beside the time, so "due soon" and "over" do not rest on amber and red alone. */
const MARK = { ok: '', near: '▲', overdue: '●' } as const;

export function Countdown({ dueAt, clockStartMs }: { dueAt: number; clockStartMs: number }) {
  const now = useNow();
  const u = urgency(dueAt, clockStartMs, now);
  const left = dueAt - now;
  return (
    <span className={`due due-${u}`} title={`Due ${new Date(dueAt).toLocaleString()}${u === 'near' ? ' (soon)' : ''}`}>
      {MARK[u] ? (
        <span className="due-mark" aria-hidden>
          {MARK[u]}{' '}
        </span>
      ) : null}
      {u === 'overdue' ? `${formatDuration(left)} over` : `${formatDuration(left)} left`}
    </span>
  );
}
