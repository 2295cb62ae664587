/**
 * Delivery's pages validated ahead of their write (db/apply.ts parsePage, search words included), a
 * slice of entries per task, pages in arrival order; on the window's thread (page-applier.ts) and in
 * the delivery worker (apply-host.ts) alike.
 *
 * The thread that validates also runs the batches' transactions, whose every read and write answers
 * in a task of its own. Validating whole pages as they arrived (four of 500 right after each commit,
 * 50-200 ms each under load) held the next batch's first reads back by 0.1-0.7 s, ten times over a
 * 20,000 backlog (tmp timeline of issue 11). In slices this small a callback of the transaction
 * waits for one slice at most, and the validating fills the time the thread waits on the database.
 * A page still encoded (browser mode's binary frames) is decoded and checked in its first slice; a
 * page that does not decode fails its batch with what was wrong (not acked: the next hello sends
 * it again).
 */
import type { DeliveredPage, LogPage } from '../../src-main/shared/contract';
import { entriesOfPage } from '../../src-main/shared/entries-frame';
import { parsePage, type ParsedEntry } from '../db/apply';

/** Entries validated per task ahead of their write. */
export const PARSE_SLICE = 50;

/** Runs `fn` in a later task (the worker passes one without setTimeout's nested-timer clamp). */
export type Later = (fn: () => void) => void;

export interface ValidateAhead<K> {
  /** A page received: validated slice by slice from the next task on. */
  add(key: K, page: DeliveredPage): void;
  /**
   * The page's entries, what is left validated now; undefined for a page never added, taken or
   * dropped. Throws for an encoded page that does not decode.
   */
  take(key: K): ParsedEntry[] | undefined;
  /** A page that will not be written: validated no further. */
  drop(key: K): void;
  stop(): void;
}

/** A page as received, decoded once it is first worked on, validated up to `parsed.length` entries. */
interface Held {
  page: DeliveredPage;
  entries?: LogPage['entries'];
  error?: Error;
  parsed: ParsedEntry[];
}

/** The page's entries, decoded if it came encoded; undefined (and `error` set) when it does not decode. */
function entriesOf(held: Held): LogPage['entries'] | undefined {
  if (held.entries || held.error) return held.entries;
  try {
    return (held.entries = entriesOfPage(held.page));
  } catch (e) {
    held.error = e as Error;
    return undefined;
  }
}

export function validateAhead<K>(later: Later = (fn) => setTimeout(fn, 0)): ValidateAhead<K> {
  const pages = new Map<K, Held>();
  /** Pages not validated to the end, in arrival order. */
  const behind = new Set<Held>();
  let scheduled = false;
  let stopped = false;
  const parseUpTo = (held: Held, upTo: number): void => {
    const entries = entriesOf(held);
    if (!entries) {
      behind.delete(held);
      return;
    }
    const from = held.parsed.length;
    const to = Math.min(upTo, entries.length);
    if (to > from) held.parsed.push(...parsePage(entries.slice(from, to)));
    if (held.parsed.length >= entries.length) behind.delete(held);
  };
  const parseNextSlice = (): void => {
    scheduled = false;
    const next = behind.values().next();
    if (stopped || next.done) return;
    parseUpTo(next.value, next.value.parsed.length + PARSE_SLICE);
    schedule();
  };
  const schedule = (): void => {
    if (scheduled || stopped || !behind.size) return;
    scheduled = true;
    later(parseNextSlice);
  };
  const forget = (key: K): Held | undefined => {
    const held = pages.get(key);
    pages.delete(key);
    if (held) behind.delete(held);
    return held;
  };
  return {
    add(key, page) {
      const held: Held = { page, parsed: [] };
      pages.set(key, held);
      behind.add(held);
      schedule();
    },
    take(key) {
      const held = forget(key);
      if (!held) return undefined;
      parseUpTo(held, Infinity);
      if (held.error) throw held.error;
      return held.parsed;
    },
    drop(key) {
      forget(key);
    },
    stop() {
      stopped = true;
    },
  };
}
