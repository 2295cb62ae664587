/**
 * Near-breach and breach warning for the list area: "3 mentions past due, 2 due within 15 minutes".
 * Renders nothing while everything is on time. (Desktop notifications are inbox/breach-notifier.ts.)
 */
import { useEffect, useState } from 'react';
import { getDb } from '../db/schema';
import { breachCounts, breachLine } from './breach-counts';
import { useThrottledLiveQuery } from '../db/throttled-live-query';
import './sla.css';

const RECHECK_MS = 30_000;
/** A recount after a change waits this long (the inbox's counters wait as long: inbox-data.ts). */
const SETTLE_MS = 500;
/** Writes that touch only these indexes cannot change what waits for us. */
const IGNORE = ['', 'unread'];

/** `enabled`: once the inbox has drawn its list (at start the list's first read comes first). */
export function SlaBanner({ enabled = true }: { enabled?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(t);
  }, []);
  // Recounted after changes at most once a second: a rebuild applies hundreds of pages a minute. The
  // counts are over due times held in memory (db/awaiting-due.ts), but a big write reads the whole
  // range again (on disk, seconds at 120,000 open mentions; the list and every other read wait
  // behind it), so while writes stream in it keeps to a fifth of the time, uncapped: the banner may
  // lag, never the list. After a change it waits SETTLE_MS, so the list's read of a mention just
  // heard goes first.
  const counts = useThrottledLiveQuery(() => breachCounts(getDb(), now), [now], { tables: ['mentions'], intervalMs: 1000, settleMs: SETTLE_MS, ignore: IGNORE, enabled, maxBackoffMs: Infinity });
  if (!counts || (!counts.pastDue && !counts.dueSoon)) return null;
  return (
    <div className={`sla-banner ${counts.pastDue ? 'sla-banner-breach' : 'sla-banner-near'}`} role="status" data-testid="sla-banner">
      <span aria-hidden>{counts.pastDue ? '⚠' : '⏱'}</span> {breachLine(counts)}
    </div>
  );
}
