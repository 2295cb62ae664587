import { useUi, type Screen } from '../state/ui-store';
import { useSources } from '../state/sources-store';

const ITEMS: Array<{ screen: Screen; label: string; glyph: string }> = [
  { screen: 'inbox', label: 'Inbox', glyph: '▤' },
  { screen: 'reports', label: 'Fairness', glyph: '⚖' },
  { screen: 'voc', label: 'Voice of the customer', glyph: '❝' },
  { screen: 'sources', label: 'Sources', glyph: '⇅' },
  { screen: 'topics', label: 'Topics', glyph: '#' },
  { screen: 'policy', label: 'SLA policy', glyph: '◷' },
  { screen: 'settings', label: 'Settings', glyph: '⚙' },
];

export function Nav() {
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const troubled = useSources((s) => Object.values(s.health).filter((h) => ['error', 'auth-error', 'capped', 'rate-limited'].includes(h.state)).length);
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="logo" aria-hidden>◎</span> Earshot
      </div>
      {ITEMS.map((it) => (
        <button key={it.screen} className={`nav-item${screen === it.screen ? ' nav-active' : ''}`} aria-current={screen === it.screen ? 'page' : undefined} onClick={() => setScreen(it.screen)}>
          <span aria-hidden>{it.glyph}</span> {it.label}
          {it.screen === 'sources' && troubled ? <span className="badge" title={`${troubled} source(s) need a look`}>{troubled}</span> : null}
        </button>
      ))}
    </nav>
  );
}
