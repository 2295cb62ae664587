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
/** Writes that touch only these indexes cannot change what waits for us. */
const IGNORE = ['', 'unread'];

export function SlaBanner() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(t);
  }, []);
  // Recounted after changes at most once a second: a rebuild applies hundreds of pages a minute.
  const counts = useThrottledLiveQuery(() => breachCounts(getDb(), now), [now], { tables: ['mentions'], intervalMs: 1000, ignore: IGNORE });
  if (!counts || (!counts.pastDue && !counts.dueSoon)) return null;
  return (
    <div className={`sla-banner ${counts.pastDue ? 'sla-banner-breach' : 'sla-banner-near'}`} role="status" data-testid="sla-banner">
      <span aria-hidden>{counts.pastDue ? '⚠' : '⏱'}</span> {breachLine(counts)}
    </div>
  );
}
