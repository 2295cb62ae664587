/** Add or edit a source. Credentials are write-only: typed here, sent to main once, never shown again. */
import { useState } from 'react';
import type { SourceInput } from '../../src-main/shared/contract';
import type { SourceSummary, SourceKind } from '../../src-main/shared/sources';
import { DEFAULT_INTERVAL_SECONDS, FEED_PROFILES, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../../src-main/shared/sources';

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
  const [fields, setFields] = useState<Record<string, string>>({
    id: initial?.id ?? '',
    label: initial?.label ?? '',
    url: initial?.url ?? '',
    profile: initial?.profile ?? '',
    userId: initial?.userId ?? '',
    query: initial?.query ?? '',
    apiBase: initial?.apiBase ?? '',
    intervalSeconds: initial?.intervalSeconds ? String(initial.intervalSeconds) : '',
    monthlyReadBudget: initial?.monthlyReadBudget ? String(initial.monthlyReadBudget) : '',
    bearerToken: '',
    userAccessToken: '',
  });
  const [allowPrivate, setAllowPrivate] = useState(initial?.allowPrivateNetwork ?? false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFields({ ...fields, [k]: e.target.value });
  const isX = kind === 'x-mentions' || kind === 'x-search';
  // Main clears saved credentials when a source is pointed at another host: say so, and ask again.
  const hostChanged = Boolean(initial) && fields.apiBase!.trim().replace(/\/+$/, '') !== (initial?.apiBase ?? '').replace(/\/+$/, '');
  const keepHint = (saved: boolean | undefined) =>
    saved && !hostChanged ? <span className="muted">— saved; leave empty to keep it</span> : null;

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const num = (v: string): number | undefined => (v.trim() ? Number(v) : undefined);
    const str = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);
    const credentials = isX && (fields.bearerToken || fields.userAccessToken)
      ? { bearerToken: str(fields.bearerToken!), userAccessToken: str(fields.userAccessToken!) }
      : undefined;
    const input: SourceInput = {
      id: fields.id!.trim(),
      kind,
      label: str(fields.label!),
      url: kind === 'feed' ? str(fields.url!) : undefined,
      profile: kind === 'feed' && fields.profile ? (fields.profile as SourceInput['profile']) : undefined,
      userId: kind === 'x-mentions' ? str(fields.userId!) : undefined,
      query: kind === 'x-search' ? str(fields.query!) : undefined,
      apiBase: isX ? str(fields.apiBase!) : undefined,
      intervalSeconds: num(fields.intervalSeconds!),
      monthlyReadBudget: isX ? num(fields.monthlyReadBudget!) : undefined,
      allowPrivateNetwork: kind === 'feed' && allowPrivate ? true : undefined,
      credentials,
    };
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
      {kind === 'feed' ? (
        <>
          <label>
            Feed URL
            <input type="url" value={fields.url} onChange={set('url')} required placeholder="https://…" />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} />
            Allow addresses on this computer or the local network <span className="muted">(refused by default)</span>
          </label>
          <label>
            Kind of site
            <select value={fields.profile} onChange={set('profile')}>
              <option value="">Recognise from the URL and content</option>
              {FEED_PROFILES.map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </select>
          </label>
        </>
      ) : null}
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
      {isX ? (
        <>
          <label>
            Bearer token (reading) {keepHint(initial?.hasReadCredential)}
            <input type="password" autoComplete="off" value={fields.bearerToken} onChange={set('bearerToken')} />
          </label>
          <label>
            OAuth 2.0 user access token (replying) {keepHint(initial?.hasReplyCredential)}
            <input type="password" autoComplete="off" value={fields.userAccessToken} onChange={set('userAccessToken')} />
          </label>
          <label>
            Monthly read budget <span className="muted">(posts; polls are spread to stay under it)</span>
            <input type="number" min={1} value={fields.monthlyReadBudget} onChange={set('monthlyReadBudget')} placeholder="10000" />
          </label>
          <label>
            API base <span className="muted">(leave empty for the real X API)</span>
            <input type="url" value={fields.apiBase} onChange={set('apiBase')} placeholder="https://api.x.com" />
          </label>
          {hostChanged && (initial?.hasReadCredential || initial?.hasReplyCredential) ? (
            <p className="warning" role="status">
              The API base changed: the saved tokens were entered for the old host and will be cleared. Enter them again for the new one.
            </p>
          ) : null}
        </>
      ) : null}
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
