/**
 * Near-breach and breach warning for the list area: "3 mentions past due, 2 due within 15 minutes".
 * Renders nothing while everything is on time. (Desktop notifications are inbox/breach-notifier.ts.)
 */
import { useEffect, useState } from 'react';
import { getDb } from '../db/schema';
import { breachCounts, breachLine } from './breach-counts';
import { useThrottledLiveQuery } from '../db/throttled-live-query';
import { onDueChanges } from '../db/due-changes';
import './sla.css';

const RECHECK_MS = 30_000;
/** A recount after a change waits this long (the inbox's counters wait as long: inbox-data.ts). */
const SETTLE_MS = 500;
/** Recounted when a write told its due changes (the counts are over them: db/awaiting-due.ts). */
const onDue = (kick: () => void): (() => void) => onDueChanges((c) => c.db === getDb().name && kick());

/** `enabled`: once the inbox has drawn its list (at start the list's first read comes first). */
export function SlaBanner({ enabled = true }: { enabled?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(t);
  }, []);
  // Recounted after each write's due changes, at most once a second: a rebuild applies hundreds of
  // pages a minute. The counts are over due times held in memory (db/awaiting-due.ts), kept from
  // those changes; only the first count reads the range (on disk, seconds at 100,000 waiting
  // mentions; the list and every other read wait behind it), so it waits until the inbox has drawn
  // its list and is paced after it (maxBackoffMs). A recount waits SETTLE_MS after a change, so a
  // burst of writes is counted once.
  const counts = useThrottledLiveQuery(() => breachCounts(getDb(), now), [now], { tables: [], kickOn: onDue, intervalMs: 1000, settleMs: SETTLE_MS, enabled, maxBackoffMs: Infinity });
  if (!counts || (!counts.pastDue && !counts.dueSoon)) return null;
  return (
    <div className={`sla-banner ${counts.pastDue ? 'sla-banner-breach' : 'sla-banner-near'}`} role="status" data-testid="sla-banner">
      <span aria-hidden>{counts.pastDue ? '⚠' : '⏱'}</span> {breachLine(counts)}
    </div>
  );
}
