import { useNow, formatDuration, urgency } from '../lib/time';

export function Countdown({ dueAt, clockStartMs }: { dueAt: number; clockStartMs: number }) {
  const now = useNow();
  const u = urgency(dueAt, clockStartMs, now);
  const left = dueAt - now;
  return (
    <span className={`due due-${u}`} title={`Due ${new Date(dueAt).toLocaleString()}`}>
      {u === 'overdue' ? `${formatDuration(left)} over` : `${formatDuration(left)} left`}
    </span>
  );
}
