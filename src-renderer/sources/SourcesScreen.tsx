/** The sources screen: every source with its health line; add, edit, pause, test and remove. */
import { useState } from 'react';
import type { Mention } from '../../src-main/shared/mention';
import type { SourceSummary, SourceHealth } from '../../src-main/shared/sources';
import { getBridge } from '../bridge';
import { useSources } from '../state/sources-store';
import { healthLine } from './health-line';
import { SourceForm } from './SourceForm';
import { CHANNEL_INFO } from '../lib/channels';
import { useNow } from '../lib/time';

export function SourcesScreen() {
  const { sources, health, loaded, error, credentialStorage } = useSources();
  const [editing, setEditing] = useState<SourceSummary | 'new' | undefined>();
  const [tested, setTested] = useState<{ id: string; mentions: Mention[]; health: SourceHealth } | undefined>();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<string>();
  const now = useNow();
  const bridge = getBridge();
  const refresh = (): Promise<void> => useSources.getState().refresh(bridge);

  const act = async (id: string, what: string, fn: () => Promise<unknown>): Promise<void> => {
    setBusy(id);
    setMessage(undefined);
    try {
      await fn();
      await refresh();
    } catch (e) {
      setMessage(`${what} failed: ${(e as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Sources</h1>
        <span className="spacer" />
        <button className="btn btn-primary" onClick={() => setEditing('new')}>Add a source</button>
      </div>
      {error ? <p className="error">{error}</p> : null}
      {message ? <p className="error" role="alert">{message}</p> : null}
      {credentialStorage && !credentialStorage.protected ? (
        <p className="warning" role="status" data-testid="credential-storage">
          {credentialStorage.sessionOnly
            ? 'Tokens are kept in memory for this session only: enter them again after a restart.'
            : credentialStorage.message ?? 'Saved tokens are not protected by a keyring.'}{' '}
          {credentialStorage.sessionOnly ? null : (
            <button className="btn" disabled={busy === 'storage'} onClick={() => void act('storage', 'Keeping tokens for this session only', () => bridge.keepCredentialsForSessionOnly({}))}>
              Keep for this session only
            </button>
          )}
        </p>
      ) : null}
      {editing ? (
        <SourceForm
          initial={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onSave={async (input) => {
            await bridge.saveSource({ source: input });
            setEditing(undefined);
            await refresh();
          }}
        />
      ) : null}
      {!loaded ? <p className="muted">Loading…</p> : null}
      <ul className="sources" aria-label="Sources">
        {sources.map((s) => {
          const h = health[s.id];
          return (
            <li key={s.id} className="card source" data-testid="source" data-source-id={s.id} data-state={h?.state}>
              <div className="source-head">
                <span className={`state state-${h?.state ?? 'starting'}`}>{h?.state ?? 'starting'}</span>
                <strong>{s.label ?? s.id}</strong>
                <span className="muted">{s.kind}{s.url ? ` · ${s.url}` : ''}{s.query ? ` · ${s.query}` : ''}</span>
              </div>
              <p className="health" data-testid="health-line">{healthLine(h, now)}</p>
              {h?.action ? <p className="muted">{h.action}</p> : null}
              <Usage h={h} />
              <div className="source-actions">
                <button className="btn" disabled={busy === s.id} onClick={() => act(s.id, 'Test', async () => setTested({ id: s.id, ...(await bridge.testSource({ id: s.id })) }))}>
                  {busy === s.id ? 'Working…' : 'Test'}
                </button>
                <button className="btn" disabled={busy === s.id} onClick={() => act(s.id, s.paused ? 'Resume' : 'Pause', () => bridge.setSourcePaused({ id: s.id, paused: !s.paused }))}>
                  {s.paused ? 'Resume' : 'Pause'}
                </button>
                <button className="btn" onClick={() => setEditing(s)}>Edit</button>
                <button
                  className="btn btn-danger"
                  disabled={busy === s.id}
                  onClick={() => {
                    if (window.confirm(`Remove "${s.label ?? s.id}"? Mentions already in the inbox stay; its cursor and credentials are deleted. To stop it for a while, pause it instead.`)) {
                      void act(s.id, 'Remove', () => bridge.removeSource({ id: s.id }));
                    }
                  }}
                >
                  Remove
                </button>
              </div>
              {tested?.id === s.id ? (
                <div className="test-result" data-testid="test-result">
                  <p>
                    <strong>Test poll:</strong> {tested.health.message}
                    <button className="btn btn-link" onClick={() => setTested(undefined)}>Close</button>
                  </p>
                  <ul>
                    {tested.mentions.slice(0, 20).map((m) => (
                      <li key={m.id}>
                        <span className={`chan chan-${m.channel}`}>{CHANNEL_INFO[m.channel].glyph}</span> <strong>{m.author.name || m.author.handle}</strong>{' '}
                        <span className={`tier tier-${m.reach.tier}`}>{m.reach.tier}</span> {m.title ?? m.text.slice(0, 140)}
                      </li>
                    ))}
                  </ul>
                  {tested.mentions.length > 20 ? <p className="muted">…and {tested.mentions.length - 20} more</p> : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Usage({ h }: { h: SourceHealth | undefined }) {
  if (!h) return null;
  const parts: string[] = [];
  parts.push(`${h.totalItems} mention${h.totalItems === 1 ? '' : 's'} since start`);
  if (h.rateLimitRemaining !== undefined && h.rateLimitRemaining !== null) parts.push(`${h.rateLimitRemaining} requests left in this rate window`);
  if (h.readsThisMonth !== undefined) {
    parts.push(
      `${h.readsThisMonth.toLocaleString()} reads this month${h.projectedReadsThisMonth !== undefined ? `, ~${h.projectedReadsThisMonth.toLocaleString()} projected` : ''}${h.monthlyReadBudget ? ` of a ${h.monthlyReadBudget.toLocaleString()} budget` : ''}`,
    );
  }
  if (h.lastPollAt) parts.push(`last poll ${new Date(h.lastPollAt).toLocaleTimeString()}`);
  return <p className="usage muted">{parts.join(' · ')}</p>;
}
