/** Add or edit a source. Credentials are write-only: typed here, sent to main once, never shown again. */
import { useState } from 'react';
import type { SourceInput } from '../../src-main/shared/contract';
import type { SourceSummary, SourceKind } from '../../src-main/shared/sources';
import { DEFAULT_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../../src-main/shared/sources';
import { apiHostChanged, initialFields, isXKind, toSourceInput } from './source-form-input';
import { FeedFields, XFields, type FieldSetter } from './SourceKindFields';

interface Props {
  initial?: SourceSummary;
  onSave: (input: SourceInput) => Promise<void>;
  onCancel: () => void;
}

const KIND_LABEL: Record<SourceKind, string> = {
  'x-mentions': 'X — mentions of an account',
  'x-search': 'X — recent search',
  feed: 'RSS / Atom feed (App Store, Reddit, Mastodon, HN, Google Alerts, any site)',
  demo: 'Demo data',
};

export function SourceForm({ initial, onSave, onCancel }: Props) {
  const [kind, setKind] = useState<SourceKind>(initial?.kind ?? 'feed');
  const [fields, setFields] = useState<Record<string, string>>(() => initialFields(initial));
  const [allowPrivate, setAllowPrivate] = useState(initial?.allowPrivateNetwork ?? false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set: FieldSetter = (k) => (e) => setFields({ ...fields, [k]: e.target.value });
  const isX = isXKind(kind);
  const hostChanged = apiHostChanged(initial, fields.apiBase!);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const input = toSourceInput(kind, fields, allowPrivate);
    setBusy(true);
    try {
      await onSave(input);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={initial ? `Edit ${initial.id}` : 'Add a source'}>
      <h2>{initial ? `Edit ${initial.label ?? initial.id}` : 'Add a source'}</h2>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind)} disabled={Boolean(initial)}>
          {(Object.keys(KIND_LABEL) as SourceKind[]).map((k) => (
            <option key={k} value={k}>{KIND_LABEL[k]}</option>
          ))}
        </select>
      </label>
      <label>
        Id <span className="muted">(letters, digits, - _ .)</span>
        <input value={fields.id} onChange={set('id')} required disabled={Boolean(initial)} placeholder="appstore-us" />
      </label>
      <label>
        Name shown in the app
        <input value={fields.label} onChange={set('label')} placeholder="App Store (US)" />
      </label>
      {kind === 'feed' ? <FeedFields fields={fields} set={set} allowPrivate={allowPrivate} onAllowPrivate={setAllowPrivate} /> : null}
      {kind === 'x-mentions' ? (
        <label>
          X user id whose mentions to read
          <input value={fields.userId} onChange={set('userId')} required inputMode="numeric" placeholder="783214" />
        </label>
      ) : null}
      {kind === 'x-search' ? (
        <label>
          Search query
          <input value={fields.query} onChange={set('query')} required placeholder='"acme air" -is:retweet' />
        </label>
      ) : null}
      {isX ? <XFields fields={fields} set={set} initial={initial} hostChanged={hostChanged} /> : null}
      <label>
        Poll every (seconds)
        <input type="number" min={kind === 'demo' ? undefined : MIN_INTERVAL_SECONDS} max={MAX_INTERVAL_SECONDS} value={fields.intervalSeconds} onChange={set('intervalSeconds')} placeholder={String(DEFAULT_INTERVAL_SECONDS[kind])} />
      </label>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
