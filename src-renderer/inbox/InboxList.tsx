/**
 * The inbox list: the view's ids ordered by due time only, virtualized so only the rows on screen are
 * in the DOM and only their records are read from IndexedDB. Records load a chunk at a time (so a
 * one-row scroll does not start a new read) and stay in a small cache, so rows scrolled back into view
 * draw at once. Records read again unchanged keep their object (window-records.ts), so crossing into
 * the next chunk draws only its new rows, not every row on screen again.
 */
import { useEffect, useMemo, useRef, useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { getDb, type MentionRecord } from '../db/schema';
import { mentionsByIds } from '../db/queries';
import { primedRecord } from '../db/inbox-query';
import { markSeen } from '../db/actions';
import { useUi } from '../state/ui-store';
import { markListShown } from '../state/list-shown';
import { canSeeReach, useSettings } from '../settings/settings';
import { MentionRow, rowDomId } from './MentionRow';
import { usePresenceMarks } from '../team/PresenceDots';
import { mergeWindow, OutOfViewWrites, withoutWritten } from './window-records';
import { onDueChanges, writtenIds } from '../db/due-changes';

export const ROW_HEIGHT = 64;
const CHUNK = 40;
const CACHE_LIMIT = 800;

/** Records for the rows in [first, last], chunk-aligned, with the last ones seen kept for a quick redraw. */
function useWindowRecords(ids: readonly string[], first: number, last: number): Map<string, MentionRecord> {
  const c0 = Math.floor(first / CHUNK);
  const c1 = Math.floor(last / CHUNK);
  const windowIds = useMemo(() => ids.slice(c0 * CHUNK, (c1 + 1) * CHUNK), [ids, c0, c1]);
  const key = useMemo(() => windowIds.join('\n'), [windowIds]);
  // Which window the read was for, and when it ended (performance.timeOrigin + now: the clock of
  // the due changes' committedAt). `again`: read the window again (below).
  const [again, setAgain] = useState(0);
  const read = useLiveQuery(async () => {
    const rows = await mentionsByIds(getDb(), key ? key.split('\n') : []);
    return { key, rows, endedAt: performance.timeOrigin + performance.now() };
  }, [key, again]);
  const cache = useRef(new Map<string, MentionRecord>());
  const writes = useRef(new OutOfViewWrites());
  const inView = useRef(windowIds);
  inView.current = windowIds;
  // A record written while out of view is read again when it comes back, not drawn as it was: out of
  // the cache, and not taken back from a read that ended before the write.
  useEffect(
    () =>
      onDueChanges((c) => {
        if (c.db !== getDb().name) return;
        const written = writtenIds(c);
        writes.current.note(written, inView.current, c.committedAt ?? performance.timeOrigin + performance.now());
        cache.current = withoutWritten(cache.current, written, inView.current);
      }),
    [],
  );
  const merged = useMemo(() => {
    const rows = read && writes.current.fresh(read.rows, read.endedAt);
    const next = mergeWindow(cache.current, rows, windowIds, primedRecord, CACHE_LIMIT);
    cache.current = next;
    return { next, setAside: read !== undefined && rows!.length < read.rows.length && read.key === key };
  }, [read, windowIds, key]);
  // A read of this very window set a record aside (it ended before the write): nothing else may
  // read the window again, so it is read again now rather than leave that row a placeholder.
  useEffect(() => {
    if (merged.setAside) setAgain((n) => n + 1);
  }, [merged]);
  return merged.next;
}

export function InboxList({ ids, emptyText }: { ids: string[]; emptyText: string }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const selectedId = useUi((s) => s.selectedId);
  const checked = useUi((s) => s.checked);
  const select = useUi((s) => s.select);
  const toggleChecked = useUi((s) => s.toggleChecked);
  const focus = useUi((s) => s.focus);
  const settings = useSettings();
  const presence = usePresenceMarks();
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 600, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const byId = useWindowRecords(ids, items[0]?.index ?? 0, items[items.length - 1]?.index ?? 0);
  // The first rows are drawn with their records, or there are none: the counts may read now.
  const firstId = ids[items[0]?.index ?? 0];
  const drawn = ids.length === 0 || (firstId !== undefined && byId.has(firstId));
  useEffect(() => {
    if (drawn) markListShown();
  }, [drawn]);

  const selectedIndex = useMemo(() => (selectedId ? ids.indexOf(selectedId) : -1), [ids, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // Opened for more than a moment: no longer unread (mail clients do the same).
  useEffect(() => {
    if (!selectedId) return;
    const t = setTimeout(() => void markSeen(getDb(), selectedId), 700);
    return () => clearTimeout(t);
  }, [selectedId]);

  useEffect(() => {
    if (focus.target === 'list') parentRef.current?.focus({ preventScroll: true });
  }, [focus]);

  const onOpen = useCallback((id: string) => select(id), [select]);
  const onDoubleOpen = useCallback(
    (id: string) => {
      select(id);
      useUi.getState().setReading(true);
    },
    [select],
  );

  if (ids.length === 0) {
    return (
      // Takes the list's focus when the last mention leaves (tabIndex -1: reachable by script, not by Tab).
      <div className="empty" data-testid="inbox-empty" tabIndex={-1} data-focus-home ref={parentRef}>
        <p>{emptyText}</p>
      </div>
    );
  }
  return (
    // One tab stop: focus stays on the list and the open mention is its active descendant, so j/k and
    // the arrows (shortcuts.ts) move what the screen reader reads. The open row is always rendered
    // (the list scrolls to it), so the reference never points at a row virtualized away.
    <div
      ref={parentRef}
      className="list"
      role="listbox"
      aria-label="Inbox, ordered by due time"
      aria-activedescendant={selectedIndex >= 0 && items.some((it) => it.index === selectedIndex) ? rowDomId(selectedId!) : undefined}
      data-focus-home
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((it) => {
          const id = ids[it.index]!;
          const m = byId.get(id);
          return (
            <MentionRow
              key={id}
              id={id}
              mention={m}
              selected={id === selectedId}
              checked={checked.has(id)}
              reachVisible={canSeeReach(settings, m)}
              onOpen={onOpen}
              onCheck={toggleChecked}
              onDoubleOpen={onDoubleOpen}
              pos={it.index + 1}
              size={ids.length}
              top={it.start}
              height={ROW_HEIGHT}
              presence={presence.get(id)}
            />
          );
        })}
      </div>
    </div>
  );
}
