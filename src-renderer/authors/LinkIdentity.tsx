/** Link another identity of the same person by hand (their App Store name, their Reddit user...). */
import { useState } from 'react';
import { getDb, type AuthorRecord } from '../db/schema';
import { CHANNEL_INFO } from '../lib/channels';
import { findAuthors, linkAuthors, unlinkAuthor } from './links';

export function LinkIdentity({ authorKey, linked }: { authorKey: string; linked: string[] }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<AuthorRecord[] | undefined>();
  const db = getDb();
  if (!open) {
    return (
      <div className="link-identity">
        <button className="btn-link" onClick={() => setOpen(true)}>
          Link another identity…
        </button>
        {linked.length > 1 ? (
          <button className="btn-link" onClick={() => void unlinkAuthor(db, authorKey)} title="Take this identity out of the group">
            Unlink this one
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="link-identity"
      onSubmit={async (e) => {
        e.preventDefault();
        setFound(await findAuthors(db, q));
      }}
    >
      <input autoFocus value={q} placeholder="Handle, e.g. dana_w" aria-label="Handle to link" onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} />
      <button className="btn btn-small" type="submit">
        Find
      </button>
      <button className="btn-link" type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {found ? (
        <ul className="link-results">
          {found.length === 0 ? <li className="muted small">No author with that handle has written to us.</li> : null}
          {found
            .filter((a) => !linked.includes(a.key))
            .map((a) => (
              <li key={a.key}>
                <button
                  type="button"
                  className="btn-link"
                  onClick={async () => {
                    await linkAuthors(db, authorKey, a.key);
                    setOpen(false);
                    setFound(undefined);
                    setQ('');
                  }}
                >
                  {CHANNEL_INFO[a.channel].label}: @{a.handle} ({a.name}) — link
                </button>
              </li>
            ))}
        </ul>
      ) : null}
    </form>
  );
}
