/**
 * The inbox's ids, live. A new filter streams in: the first rows draw as soon as the first chunk of
 * the queue is read, and the rest follow (`complete` says when the count is final). When mentions
 * change under the same filter, the list is read again in the background and swapped in whole, so
 * it never shrinks to a first chunk while someone scrolls it. A change that only marks a mention as
 * read does not touch the queue and reads nothing.
 */
import { useEffect, useState } from 'react';
import { getDb } from '../db/schema';
import { streamFilteredIds, QueueMoved } from '../db/inbox-query';
import type { InboxFilter } from '../db/inbox-filter';
import { onTableChange, throttledRunner } from './throttled-live-query';

export interface InboxIds {
  ids: string[] | undefined;
  /** The ids are for this filter (not the previous one still on screen). */
  current: boolean;
  /** Every id is in (the count is final). */
  complete: boolean;
}

const IGNORE = ['', 'unread'];
/** Records read at the head of the queue for a new filter's first rows (db/inbox-query.ts). */
const HEAD = 300;

export function useInboxIds(filter: InboxFilter, me: string): InboxIds {
  const key = JSON.stringify([filter, me]);
  const [state, setState] = useState<{ key: string; ids: string[]; done: boolean }>();

  useEffect(() => {
    let alive = true;
    let signal = { cancelled: false };
    let first = true;
    const runner = throttledRunner(async () => {
      signal.cancelled = true;
      const sig = (signal = { cancelled: false });
      const progressive = first;
      first = false;
      try {
        await streamFilteredIds(getDb(), filter, me, (ids, done) => {
          if (alive && !sig.cancelled && (progressive || done)) setState({ key, ids, done });
        }, { signal: sig, head: progressive ? HEAD : 0 });
      } catch (e) {
        if (e instanceof QueueMoved) runner.kick();
        else console.error('earshot: the inbox could not be read', e);
      }
    }, 300);
    const off = onTableChange('mentions', () => runner.kick(), IGNORE);
    return () => {
      alive = false;
      signal.cancelled = true;
      runner.stop();
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for filter and me
  }, [key]);

  const current = state?.key === key;
  return { ids: state?.ids, current, complete: current && Boolean(state?.done) };
}
