/**
 * The inbox: open mentions ordered by due time only, virtualized so only the rows on screen are in
 * the DOM and only their records are read from IndexedDB.
 */
import { useEffect, useMemo, useRef, useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { getDb } from '../db/schema';
import { mentionsByIds, openMentionIdsByDue } from '../db/queries';
import { useUi } from '../state/ui-store';
import { MentionRow } from './MentionRow';

const ROW_HEIGHT = 66;

export function InboxList({ ids }: { ids: string[] }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const selectedId = useUi((s) => s.selectedId);
  const select = useUi((s) => s.select);
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const visibleIds = useMemo(() => items.map((i) => ids[i.index]!).filter(Boolean), [items, ids]);
  const key = visibleIds.join('|');
  const rows = useLiveQuery(() => mentionsByIds(getDb(), visibleIds), [key]);
  const byId = useMemo(() => new Map((rows ?? []).map((r) => [r.id, r])), [rows]);

  const selectedIndex = selectedId ? ids.indexOf(selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onOpen = useCallback((id: string) => select(id), [select]);

  if (ids.length === 0) {
    return (
      <div className="empty">
        <p>Nothing waiting. New mentions appear here as they arrive.</p>
      </div>
    );
  }
  return (
    <div ref={parentRef} className="list" role="listbox" aria-label="Inbox, ordered by due time" tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((it) => {
          const id = ids[it.index]!;
          return (
            <MentionRow
              key={id}
              id={id}
              mention={byId.get(id)}
              selected={id === selectedId}
              onOpen={onOpen}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${it.start}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Ordered ids of the open inbox, live. */
export function useOpenIds(): string[] | undefined {
  return useLiveQuery(() => openMentionIdsByDue(getDb()), []);
}
