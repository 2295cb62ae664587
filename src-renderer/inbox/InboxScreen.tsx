/**
 * The inbox screen: views with unread counts, filters, the virtualized queue (due time only), the open
 * conversation with its reply box, and the author panel. Keyboard-first: see shortcuts.ts.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { mentionById } from '../db/queries';
import { useUi } from '../state/ui-store';
import { useListShown } from '../state/list-shown';
import { reachFilterVisible, useSettings } from '../settings/settings';
import { ThreadPane } from '../conversation/ThreadPane';
import { AuthorPanel } from '../authors/AuthorPanel';
import { InboxList } from './InboxList';
import { ViewTabs } from './ViewTabs';
import { FilterBar } from './FilterBar';
import { BulkBar } from './BulkBar';
import { Overlays } from './Overlays';
import { UndoToast } from './UndoToast';
import { ExportMenu } from './ExportMenu';
import { NotifyPrompt } from './NotifyPrompt';
import { useInboxCommands } from './commands';
import { useInboxKeys, type KeyContext } from './shortcuts';
import { useFilterChoices, useInboxIds, useUnreadCounts, useViews, useWarmUp } from './inbox-data';
import { sameFilter, isPlain } from '../db/inbox-filter';
import { deleteView, orderViews } from './saved-views';
import { openExternally } from './open-external';
import { useCursorFollowsView } from './cursor';
import './inbox.css';
import { SlaBanner } from '../sla/SlaBanner';
import { NewSinceBadge } from '../a11y/LiveAnnouncer';

export function InboxScreen() {
  const me = useUi((s) => s.agent);
  const role = useUi((s) => s.role);
  const filter = useUi((s) => s.filter);
  const viewId = useUi((s) => s.viewId);
  const selectedId = useUi((s) => s.selectedId);
  const reading = useUi((s) => s.reading);
  const applyView = useUi((s) => s.applyView);
  const settings = useSettings();
  const allViews = useViews();
  const views = useMemo(() => orderViews(allViews, role), [allViews, role]);
  const { ids, current, complete } = useInboxIds(filter, me);
  // Counts and filter choices wait for the list, and at start for its first rows drawn with their
  // records (state/list-shown.ts): at 200,000 mentions the list is what must come first.
  const listed = useListShown() && ids !== undefined;
  const counts = useUnreadCounts(views, me, listed);
  const commands = useInboxCommands(ids);
  useCursorFollowsView(ids, complete, JSON.stringify(filter));
  const choices = useFilterChoices(listed);
  useWarmUp(complete);
  const selected = useLiveQuery(() => (selectedId ? mentionById(getDb(), selectedId) : Promise.resolve(undefined)), [selectedId]);
  const view = views.find((v) => v.id === viewId) ?? views[0]!;
  const modified = !sameFilter(filter, view.filter);

  const keys = useMemo<KeyContext>(
    () => ({
      commands,
      views,
      onView: (v) => applyView(v.id, v.filter),
      openOnSite: () => {
        const m = useUi.getState().selectedId;
        if (m) void mentionById(getDb(), m).then((r) => openExternally(r?.url));
      },
    }),
    [commands, views, applyView],
  );
  useInboxKeys(keys);

  const total = ids?.length ?? 0;
  return (
    <>
      <header className="topbar">
        <h1 className="topbar-title">
          Inbox{' '}
          <span className="count" data-testid="inbox-count">
            {ids === undefined ? '…' : `${total.toLocaleString()}${current && !complete ? '+' : ''} in “${view.name}”${modified ? ' (filtered)' : ''} · by due time`}
            {ids !== undefined && !current ? <span className="updating"> · updating…</span> : null}
            {current && !complete ? <span className="updating"> · counting…</span> : null}
          </span>
        </h1>
        <NewSinceBadge />
        <span className="spacer" />
        <NotifyPrompt />
        <ExportMenu ids={ids ?? []} viewName={view.name} />
        <button className="btn" onClick={() => useUi.getState().openOverlay('help')} title="Keyboard shortcuts (?)">
          Shortcuts <kbd>?</kbd>
        </button>
        <button data-testid="next-due" className="btn btn-primary" disabled={!ids?.length} onClick={() => void commands.next()} title="Take the mention due soonest in this view (n)">
          Next due <kbd>n</kbd>
        </button>
      </header>
      <div className={`panes${reading ? ' panes-reading' : ''}`}>
        <section className="inbox" aria-label="Inbox" aria-busy={!complete} data-state={!current ? 'updating' : complete ? 'complete' : 'partial'} data-testid="inbox">
          <SlaBanner enabled={listed} />
          <div className="views-row">
            <ViewTabs views={views} counts={counts} currentId={view.id} onPick={(v) => applyView(v.id, v.filter)} />
            {!view.builtin ? (
              <button
                className="btn-link small"
                onClick={() => {
                  void deleteView(getDb(), view.id);
                  applyView('open', views[0]!.filter);
                }}
                title="Delete this saved view"
              >
                Delete view
              </button>
            ) : null}
          </div>
          <FilterBar filter={filter} choices={choices} showTier={reachFilterVisible(settings)} me={me} modified={modified} onReset={() => applyView(view.id, view.filter)} />
          <BulkBar commands={commands} total={total} />
          {ids === undefined ? (
            <div className="empty">Opening the inbox…</div>
          ) : (
            <InboxList ids={ids} emptyText={isPlain(filter) ? 'Nothing here. New mentions appear as they arrive.' : 'Nothing matches these filters.'} />
          )}
        </section>
        <ThreadPane id={selectedId} viewIds={ids ?? []} commands={commands} />
        <AuthorPanel mention={selected} />
      </div>
      <Overlays commands={commands} choices={choices} filter={filter} selected={selected} />
      <UndoToast />
    </>
  );
}
