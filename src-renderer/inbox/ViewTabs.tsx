import type { SavedView } from '../db/inbox-filter';

interface Props {
  views: SavedView[];
  counts: Record<string, number> | undefined;
  currentId: string;
  onPick(v: SavedView): void;
}

/** The views, numbered for the 1–9 keys, each with its unread count. */
export function ViewTabs({ views, counts, currentId, onPick }: Props) {
  return (
    <nav className="views" aria-label="Views">
      {views.map((v, i) => {
        const n = counts?.[v.id] ?? 0;
        return (
          <button
            key={v.id}
            className={`view-tab${v.id === currentId ? ' view-active' : ''}`}
            aria-pressed={v.id === currentId}
            data-testid={`view-${v.id}`}
            title={`${v.name}${i < 9 ? ` (${i + 1})` : ''}${n ? ` · ${n} unread` : ''}`}
            onClick={() => onPick(v)}
          >
            {v.name}
            {n ? (
              <span className="unread-count" aria-label={`${n} unread`}>
                {n > 999 ? `${Math.floor(n / 1000)}k` : n}
              </span>
            ) : null}
          </button>
        );
      })}
    </nav>
  );
}
