import { useUi, type View } from '../state/ui-store';
import { useSources } from '../state/sources-store';

const ITEMS: Array<{ view: View; label: string; glyph: string }> = [
  { view: 'inbox', label: 'Inbox', glyph: '▤' },
  { view: 'reports', label: 'Fairness', glyph: '⚖' },
  { view: 'voc', label: 'Voice of the customer', glyph: '❝' },
  { view: 'sources', label: 'Sources', glyph: '⇅' },
  { view: 'topics', label: 'Topics', glyph: '#' },
  { view: 'policy', label: 'SLA policy', glyph: '◷' },
  { view: 'settings', label: 'Settings', glyph: '⚙' },
];

export function Nav() {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const troubled = useSources((s) => Object.values(s.health).filter((h) => ['error', 'auth-error', 'capped', 'rate-limited'].includes(h.state)).length);
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="logo" aria-hidden>◎</span> Earshot
      </div>
      {ITEMS.map((it) => (
        <button key={it.view} className={`nav-item${view === it.view ? ' nav-active' : ''}`} aria-current={view === it.view ? 'page' : undefined} onClick={() => setView(it.view)}>
          <span aria-hidden>{it.glyph}</span> {it.label}
          {it.view === 'sources' && troubled ? <span className="badge" title={`${troubled} source(s) need a look`}>{troubled}</span> : null}
        </button>
      ))}
    </nav>
  );
}
