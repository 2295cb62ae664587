/**
 * The inbox's ids, live. A new filter streams in: the first rows draw as soon as the first chunk of
 * the queue is read, and the rest follow (`complete` says when the count is final). When mentions
 * change under the same filter, the list is read again in the background and swapped in whole, so
 * it never shrinks to a first chunk while someone scrolls it; only its head is refreshed at once,
 * also while a long re-read is still under way. A change that only marks a mention as read does not
 * touch the queue and reads nothing.
 */
import { useLayoutEffect, useState } from 'react';
import { getDb } from '../db/schema';
import { readQueueHead, streamFilteredIds, QueueMoved } from '../db/inbox-query';
import type { InboxFilter } from '../db/inbox-filter';
import { NO_BACKOFF, backoffAfter, onTableChange, throttledRunner } from '../db/throttled-live-query';

export interface InboxIds {
  ids: string[] | undefined;
  /** The ids are for this filter (not the previous one still on screen). */
  current: boolean;
  /** Every id is in (the count is final). */
  complete: boolean;
}

const IGNORE = ['', 'unread'];
/**
 * After the first chunk, the rest of the queue is read this many keys at a time, so a change can cut
 * it short, and so the requests asked for meanwhile (the rows' records, a head read, a write) wait
 * for one chunk only: IndexedDB on disk answers one request after another, and a chunk of 10,000
 * keys took 0.3-0.45 s at 100,000 open mentions, 2,500 about 0.1 s.
 */
const REST_CHUNK = 2_500;

/**
 * The list while a re-read is under way: the freshly read head, then every other id of the list on
 * screen in its order (so nothing drops out and nothing shows twice; what moved is put right when
 * the whole read arrives). Exactly `head` followed by the ids of `shown` that are not in `head`.
 *
 * Called for every chunk of a streaming read with `head` the ids read so far, which mostly begin
 * with the list on screen: the run the two share from the start is compared in place, and a set is
 * made only of the smaller of `head` and what is left of `shown`. Building a set of all of `head`
 * each time made a view's stream of 120,000 ids quadratic: 0.6-0.7 s of the window's thread (traced)
 * while the list was flung (the inbox bench's open view: 10% of its frames dropped).
 */
export function withFreshHead(head: readonly string[], shown: readonly string[]): string[] {
  let common = 0;
  const upTo = Math.min(head.length, shown.length);
  while (common < upTo && head[common] === shown[common]) common++;
  // What `shown` shares with `head` from the start is in `head`: only the rest may add ids.
  const rest = common ? shown.slice(common) : shown;
  if (!rest.length) return head.slice();
  if (head.length <= rest.length) {
    const inHead = new Set(head);
    return head.concat(rest.filter((id) => !inHead.has(id)));
  }
  const missing = new Set(rest);
  for (const id of head) if (missing.delete(id) && !missing.size) break;
  return missing.size ? head.concat(rest.filter((id) => missing.has(id))) : head.slice();
}

/** A read of the list: cut short (`cancelled`), whether it has shown rows yet, a re-read after a change, over. */
interface ReadSignal {
  cancelled: boolean;
  shown: boolean;
  reread: boolean;
  ended: boolean;
}

/**
 * Reads in a row a change may cut short before they have shown anything. A change cut short every
 * such read while a backlog was written: each read started again behind the next write, which cut
 * it again, and the inbox stayed empty until the writes stopped (16.7 s of an 18.3 s backlog of
 * 20,000 in one delivery run). Past this, the read goes on and the next one follows it.
 */
const MAX_CUTS = 1;

/** Records read at the head of the queue for a new filter's first rows (db/inbox-query.ts). */
const HEAD = 300;
/**
 * A new filter's list grows on screen at most this often once it holds HEAD ids, more than a
 * screen; before that, and the whole list once read, it shows at once. Each growth is a new list of
 * every id so far and the list's positions worked out again for all of them: growing at every
 * chunk (2,500 ids, about ten a second), a view of 120,000 flung while it loaded dropped 10-15% of
 * its frames (inbox bench, trace).
 */
const STREAM_SHOW_MS = 400;
/** Records read by a head read beside a long re-read: the rows on screen and some (each one a record to read). */
const SIDE_HEAD = 100;

export function useInboxIds(filter: InboxFilter, me: string): InboxIds {
  const key = JSON.stringify([filter, me]);
  const [state, setState] = useState<{ key: string; ids: string[]; done: boolean }>();

  // A layout effect: the read for a new filter is asked for as the filter is drawn, not a frame
  // later after the paint (part of what a search's first rows waited for after the debounce).
  useLayoutEffect(() => {
    let alive = true;
    // `shown`: this read has put rows on screen (or begun its pause after them); from then on a
    // change no longer cuts it short (below).
    let signal: ReadSignal = { cancelled: false, shown: false, reread: false, ended: true };
    let first = true;
    // The last head read alone beside a re-read (below), and when it began.
    let sideHead: { ids: string[]; at: number } | undefined;
    // How long the last whole read took: a re-read waits backoffAfter(it) between its head and the rest.
    let lastFullMs = 0;
    let wake: (() => void) | undefined;
    let pausedMs = 0;
    /** Reads cut short in a row before they showed anything (MAX_CUTS). */
    let cuts = 0;
    const pause = (sig: ReadSignal) => (): Promise<void> => {
      if (sig.cancelled) return Promise.resolve();
      sig.shown = true;
      const ms = backoffAfter(lastFullMs);
      const from = performance.now();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          wake = undefined;
          pausedMs = performance.now() - from;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
    };
    const runner = throttledRunner(async () => {
      signal.cancelled = true;
      const reread = !first;
      first = false;
      const sig: ReadSignal = (signal = { cancelled: false, shown: false, reread, ended: false });
      const started = performance.now();
      let grewAt = -Infinity;
      let shownLength = 0;
      pausedMs = 0;
      try {
        await streamFilteredIds(
          getDb(),
          filter,
          me,
          (ids, done) => {
            if (!alive || sig.cancelled) return;
            sig.shown = true;
            cuts = 0;
            if (!done && reread && ids.length > HEAD) return; // a re-read shows its head, then all at once
            if (!done) {
              // Until the list holds a head's worth (more than a screen), every chunk shows at once.
              const now = performance.now();
              if (shownLength >= HEAD && now - grewAt < STREAM_SHOW_MS) return; // the next chunk, or the whole list, shows it
              grewAt = now;
              shownLength = ids.length;
            }
            // A new filter draws its first chunk at once. Reading again after a change, the freshly
            // read part (the head: what is on screen) replaces its old place and the rest of the list
            // stays until the whole read is in: at 100,000 mentions that takes a second or more, and
            // a mention just heard should not wait for it.
            // A head read beside this one after it began is newer at the top: it stays there.
            const top = done && sideHead && sideHead.at > started ? sideHead.ids : undefined;
            const read = top ? withFreshHead(top, ids) : ids;
            setState((prev) => (done || prev?.key !== key ? { key, ids: read, done } : { key, ids: withFreshHead(read, prev.ids), done: prev.done }));
          },
          { signal: sig, chunk: REST_CHUNK, head: HEAD, ...(reread ? { afterFirstRows: pause(sig) } : {}) },
        );
        if (!sig.cancelled) lastFullMs = performance.now() - started - pausedMs;
      } catch (e) {
        if (e instanceof QueueMoved) runner.kick();
        else console.error('earshot: the inbox could not be read', e);
      } finally {
        sig.ended = true;
      }
      // A re-read paces itself (above), so the runner never holds the next one back: a mention just
      // heard shows after the read under way ends (a change skips its pause) and the next one's head.
      return NO_BACKOFF;
    }, 100);
    // While a re-read that has shown rows runs on (at 100,000 open mentions, seconds on disk), the
    // head alone is read beside it after a change, so a mention due first shows at once rather than
    // when the whole read ends; that read then keeps this newer head on top.
    const side = throttledRunner(async () => {
      const sig = signal;
      if (!sig.reread || !sig.shown || sig.ended || sig.cancelled) return NO_BACKOFF;
      const at = performance.now();
      const ids = await readQueueHead(getDb(), filter, me, SIDE_HEAD);
      if (!alive || sig !== signal || sig.ended || sig.cancelled) return;
      sideHead = { ids, at };
      setState((prev) => (prev?.key === key ? { key, ids: withFreshHead(ids, prev.ids), done: prev.done } : prev));
    }, 100);
    // A change cuts short a read that has shown nothing yet (once in a row: MAX_CUTS), and the
    // pause of one that has (the rest is read at once, so it holds what was just written); the
    // next run follows as soon as it ends, head first. A read that has shown rows is never cut
    // short: while mentions arrive faster than the whole list can be read (on disk, 120,000 open
    // mentions take seconds), every read cut short started again and none ever finished, so the
    // count and the rows beyond the head stayed as they were until the writes stopped.
    const off = onTableChange(
      'mentions',
      () => {
        if (!signal.shown && !signal.ended && cuts < MAX_CUTS) {
          signal.cancelled = true;
          cuts++;
        } else if (signal.reread && !signal.ended) side.kick();
        wake?.();
        runner.kick();
      },
      IGNORE,
    );
    return () => {
      alive = false;
      signal.cancelled = true;
      wake?.();
      runner.stop();
      side.stop();
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for filter and me
  }, [key]);

  const current = state?.key === key;
  return { ids: state?.ids, current, complete: current && Boolean(state?.done) };
}
