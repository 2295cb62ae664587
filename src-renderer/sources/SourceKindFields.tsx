/** The parts of the source form that only some kinds have: a feed's address, X's query and tokens. */
import type { ChangeEvent, ReactNode } from 'react';
import type { SourceSummary } from '../../src-main/shared/sources';
import { FEED_PROFILES } from '../../src-main/shared/sources';
import type { FormFields } from './source-form-input';

/** Binds an input or select to one text field of the form. */
export type FieldSetter = (k: string) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;

export function FeedFields({ fields, set, allowPrivate, onAllowPrivate }: { fields: FormFields; set: FieldSetter; allowPrivate: boolean; onAllowPrivate: (v: boolean) => void }) {
  return (
    <>
      <label>
        Feed URL
        <input type="url" value={fields.url} onChange={set('url')} required placeholder="https://…" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={allowPrivate} onChange={(e) => onAllowPrivate(e.target.checked)} />
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
  );
}

/** Tokens, budget and API base, shared by both X kinds. */
export function XFields({ fields, set, initial, hostChanged }: { fields: FormFields; set: FieldSetter; initial: SourceSummary | undefined; hostChanged: boolean }) {
  const keepHint = (saved: boolean | undefined): ReactNode =>
    saved && !hostChanged ? <span className="muted">— saved; leave empty to keep it</span> : null;
  return (
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
  );
}
