/**
 * Settings' Team section: the team database URL and this seat's agent id (and, optionally, the name
 * and role teammates see in the roster), a connection test that says what is wrong, and Save. The
 * URL holds the database password: it goes to main once, into the OS keychain, and comes back only
 * masked; the field starts empty and an empty field keeps the saved URL. Saving takes effect at the
 * next start (the log is never swapped under a live inbox), and the section says so.
 */
import { useEffect, useState } from 'react';
import { getBridge } from '../bridge';
import { useDelivery } from '../state/delivery-store';
import { AGENT_ROLES, type TeamConnectionResult, type TeamSettingsSummary } from '../../src-main/shared/team';
import { AGENT_ROLE_LABEL } from '../team/roster';
import { teamLine } from '../team/team-line';

type Phase = { k: 'idle' } | { k: 'busy'; what: string } | { k: 'tested'; result: TeamConnectionResult } | { k: 'saved'; message: string } | { k: 'error'; message: string };

const AGENT_ID = /^[a-z0-9][a-z0-9._-]{0,39}$/i;

export function TeamSettings() {
  const [summary, setSummary] = useState<TeamSettingsSummary>();
  const [loadError, setLoadError] = useState<string>();
  const [url, setUrl] = useState('');
  const [showUrl, setShowUrl] = useState(false);
  const [agent, setAgent] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'' | (typeof AGENT_ROLES)[number]>('');
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const team = useDelivery((s) => s.team);
  const runningAgent = useDelivery((s) => s.agentId);

  useEffect(() => {
    getBridge()
      .getTeamSettings({})
      .then((v) => {
        setSummary(v);
        setAgent(v.saved?.agent ?? '');
        setName(v.saved?.name ?? '');
        setRole(v.saved?.role ?? '');
      })
      .catch((e: unknown) => setLoadError((e as Error).message));
  }, []);

  if (loadError) return <p className="error">Could not read the team settings: {loadError}</p>;
  if (!summary) return <p className="muted">Reading the team settings…</p>;

  const agentOk = AGENT_ID.test(agent);
  const hasUrl = Boolean(url.trim() || summary.saved);
  const busy = phase.k === 'busy';

  const test = async (): Promise<void> => {
    setPhase({ k: 'busy', what: 'Testing the connection…' });
    try {
      const result = await getBridge().testTeamConnection(url.trim() ? { databaseUrl: url.trim() } : {});
      setPhase({ k: 'tested', result });
    } catch (e) {
      setPhase({ k: 'error', message: (e as Error).message });
    }
  };
  const save = async (leave = false): Promise<void> => {
    setPhase({ k: 'busy', what: 'Saving…' });
    try {
      const v = await getBridge().saveTeamSettings({
        team: leave ? null : { ...(url.trim() ? { databaseUrl: url.trim() } : {}), agent: agent.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(role ? { role } : {}) },
      });
      setSummary(v);
      setUrl(''); // the URL now lives in the keychain; the field never holds it longer than needed
      if (leave) {
        setAgent('');
        setName('');
        setRole('');
      }
      setPhase({
        k: 'saved',
        message: v.restartNeeded
          ? leave
            ? 'Saved: this seat will work solo from the next start. Restart Earshot (quit and open it again) to leave the team.'
            : 'Saved. Restart Earshot (quit and open it again) to join the team with these settings; until then this seat keeps working as it is.'
          : 'Saved. Nothing changes: this is what Earshot is running now.',
      });
    } catch (e) {
      setPhase({ k: 'error', message: (e as Error).message });
    }
  };

  return (
    <div className="team-settings" data-testid="team-settings">
      <p className="muted small">
        A team shares one inbox through a PostgreSQL database every seat connects to. Now: <span data-testid="team-settings-now">{teamLine(team, runningAgent)}</span>.
      </p>
      {summary.saved ? (
        <p className="small">
          Saved for the next start: <code data-testid="team-saved-url">{summary.saved.databaseUrl}</code> as <strong>{summary.saved.agent}</strong>
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (summary.canSave && agentOk && hasUrl && !busy) void save();
        }}
      >
        <label>
          Database URL (the password in it is kept in the OS keychain)
          <input
            data-testid="team-url"
            type={showUrl ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder={summary.saved ? 'Leave empty to keep the saved URL' : 'postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=verify-full'}
          />
        </label>
        <label className="radio">
          <input type="checkbox" checked={showUrl} onChange={(e) => setShowUrl(e.target.checked)} /> Show what I type
        </label>
        <label>
          Agent id (on everything you do; what teammates see, e.g. “mk took this”)
          <input data-testid="team-agent" value={agent} maxLength={40} aria-invalid={agent !== '' && !agentOk} onChange={(e) => setAgent(e.target.value.trim())} placeholder="mk" />
        </label>
        {agent !== '' && !agentOk ? <p className="error small">An agent id is letters, digits, “.”, “_” or “-” (at most 40), starting with a letter or digit.</p> : null}
        <label>
          Name in the team’s roster (optional)
          <input data-testid="team-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Maya Kowalski" />
        </label>
        <label>
          Role in the roster (optional)
          <select data-testid="team-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="">as the roster has it (agent for a new one)</option>
            {AGENT_ROLES.map((r) => (
              <option key={r} value={r}>
                {AGENT_ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="button" className="btn" data-testid="team-test" disabled={busy || !hasUrl} onClick={() => void test()}>
            Test connection
          </button>
          <button type="submit" className="btn btn-primary" data-testid="team-save" disabled={busy || !summary.canSave || !agentOk || !hasUrl}>
            Save
          </button>
          {summary.saved && summary.canSave ? (
            <button type="button" className="btn" data-testid="team-leave" disabled={busy} onClick={() => void save(true)}>
              Work solo
            </button>
          ) : null}
        </div>
      </form>
      {!summary.canSave && summary.whyNot ? (
        <p className="muted small" data-testid="team-why-not">
          {summary.whyNot}
        </p>
      ) : null}
      <div role="status" data-testid="team-result" className={`small${phase.k === 'error' || (phase.k === 'tested' && !phase.result.ok) ? ' error' : ''}`}>
        {phase.k === 'busy' ? phase.what : null}
        {phase.k === 'tested' ? `${phase.result.ok ? '✓ ' : '✗ '}${phase.result.message}` : null}
        {phase.k === 'saved' ? phase.message : null}
        {phase.k === 'error' ? phase.message : null}
      </div>
      {summary.restartNeeded && phase.k !== 'saved' ? (
        <p className="small" data-testid="team-restart">
          The saved team settings take effect when Earshot restarts.
        </p>
      ) : null}
    </div>
  );
}
