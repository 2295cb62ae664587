/** Settings: who I am, my role, reach-blind mode, alerts, saved replies, customers, exports. */
import { getDb } from '../db/schema';
import { ROLES, ROLE_LABEL, agentIdOf, saveSettings, useSettings, type Role } from './settings';
import { useUi } from '../state/ui-store';
import { SavedRepliesEditor } from './SavedRepliesEditor';
import { TeamSettings } from './TeamSettings';
import { CustomerImport } from '../customers/CustomerImport';
import { downloadBlob, exportEventLog, stamp } from '../inbox/export';
import './settings.css';

export function SettingsScreen() {
  const s = useSettings();
  const loaded = useUi((u) => u.identityReady);
  const db = getDb();
  const save = (patch: Parameters<typeof saveSettings>[1]): void => void saveSettings(db, patch);
  if (!loaded) return <div className="page" />;
  return (
    <div className="page settings">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <section className="card form" aria-labelledby="me-h">
        <h2 id="me-h">You</h2>
        <label>
          Name (for {'{agent}'} in saved replies)
          <input data-testid="settings-name" value={s.name} onChange={(e) => save({ name: e.target.value })} placeholder="Maya Kowalski" />
        </label>
        <label>
          Initials (your sign-off, and the agent id on everything you do: “{agentIdOf(s)}”)
          <input data-testid="settings-initials" value={s.initials} maxLength={6} onChange={(e) => save({ initials: e.target.value.replace(/\s/g, '') })} placeholder="MK" />
        </label>
        <label>
          Sign-off ({'{initials}'} and {'{name}'} are filled in)
          <input value={s.signoff} onChange={(e) => save({ signoff: e.target.value })} />
        </label>
        <fieldset className="roles">
          <legend>Role — changes what comes first, not what you may do</legend>
          {ROLES.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="role" value={r} checked={s.role === r} onChange={() => save({ role: r as Role })} /> {ROLE_LABEL[r]}
            </label>
          ))}
        </fieldset>
      </section>
      <section className="card form" aria-labelledby="team-h">
        <h2 id="team-h">Team</h2>
        <TeamSettings />
      </section>
      <section className="card form" aria-labelledby="fair-h">
        <h2 id="fair-h">Reach-blind mode</h2>
        <label className="radio">
          <input type="checkbox" data-testid="settings-reach-blind" checked={s.reachBlind} onChange={(e) => save({ reachBlind: e.target.checked })} /> Hide follower counts and reach tiers
          in the list and the author panel until I have taken the mention
        </label>
        <p className="muted small">So a famous name never jumps the queue by accident. Team leads always see reach.</p>
      </section>
      <section className="card form" aria-labelledby="alert-h">
        <h2 id="alert-h">Breach alerts</h2>
        <label className="radio">
          <input type="checkbox" checked={s.notify} onChange={(e) => save({ notify: e.target.checked })} /> A desktop notification when a mention that is mine, or nobody’s, is about to
          breach
        </label>
        <label>
          “About to breach” means due within (minutes)
          <input type="number" min={1} max={240} value={s.notifyLeadMinutes} onChange={(e) => save({ notifyLeadMinutes: Math.max(1, Math.min(240, Number(e.target.value) || 10)) })} />
        </label>
        {typeof Notification !== 'undefined' && Notification.permission !== 'granted' ? (
          <p className="muted small">
            Notifications are {Notification.permission === 'denied' ? 'blocked for Earshot; allow them in the system or browser settings' : 'not allowed yet'}.{' '}
            {Notification.permission === 'default' ? (
              <button className="btn-link" onClick={() => void Notification.requestPermission()}>
                Allow now
              </button>
            ) : null}
          </p>
        ) : null}
      </section>
      <section className="card form" aria-labelledby="saved-h">
        <h2 id="saved-h">Saved replies</h2>
        <SavedRepliesEditor />
      </section>
      <section className="card form" aria-labelledby="cust-h">
        <h2 id="cust-h">Customers (CRM import)</h2>
        <CustomerImport />
      </section>
      <section className="card form" aria-labelledby="exp-h">
        <h2 id="exp-h">Export</h2>
        <p className="muted small">The whole event log as JSON lines (INTERFACES.md), for the team lead’s spreadsheets and `npm run fairness`. The inbox’s Export menu also saves any view as CSV.</p>
        <div>
          <button className="btn" onClick={async () => downloadBlob(await exportEventLog(db), `earshot-events-${stamp()}.jsonl`)}>
            Export the event log
          </button>
        </div>
      </section>
    </div>
  );
}
