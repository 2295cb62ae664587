/** Filters that combine: text, status, channel, source, reach tier, tag, assignee, language, sentiment, topic. */
import { STATUSES, type Status } from '../db/schema';
import { useUi } from '../state/ui-store';
import { STATUS_LABEL, type InboxFilter } from '../db/inbox-filter';
import type { FilterChoices } from './inbox-data';
import { SearchBox } from './SearchBox';
import { FacetSelects } from './FacetSelects';

interface Props {
  filter: InboxFilter;
  choices: FilterChoices;
  showTier: boolean;
  me: string;
  /** The filter differs from the view it started from. */
  modified: boolean;
  onReset(): void;
}

export function FilterBar({ filter, choices, showTier, me, modified, onReset }: Props) {
  const setFilter = useUi((s) => s.setFilter);
  const openOverlay = useUi((s) => s.openOverlay);

  const toggleStatus = (s: Status): void => {
    const has = filter.statuses.includes(s);
    setFilter({ statuses: has ? filter.statuses.filter((x) => x !== s) : [...filter.statuses, s] });
  };

  return (
    <div className="filters" role="search">
      <div className="filters-row">
        <SearchBox filterText={filter.text} />
      </div>
      <div className="filters-row">
        <div className="status-chips" role="group" aria-label="Status">
          {STATUSES.map((s) => (
            <button key={s} className="chip" aria-pressed={filter.statuses.includes(s)} onClick={() => toggleStatus(s)} title={STATUS_LABEL[s]}>
              {s}
            </button>
          ))}
        </div>
        <FacetSelects filter={filter} choices={choices} showTier={showTier} me={me} />
        {filter.only ? (
          <span className="chip chip-only" data-testid="drill-filter" title="Exactly the mentions behind a figure of the Voice of the customer screen">
            {filter.only.label} · {filter.only.ids.length.toLocaleString()}
            <button className="btn-link" aria-label="Show all mentions again" onClick={() => setFilter({ only: undefined })}>
              ×
            </button>
          </span>
        ) : null}
        <span className="spacer" />
        {modified ? (
          <>
            <button className="btn-link" onClick={onReset} title="Back to the view as saved">
              Reset
            </button>
            <button className="btn btn-small" onClick={() => openOverlay('save-view')}>
              Save view…
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
