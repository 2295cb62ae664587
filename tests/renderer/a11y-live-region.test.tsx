/** The polite live region: new mentions are announced without moving focus, and counted since the agent last looked. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, waitFor, cleanup, act } from '@testing-library/react';
import { LiveAnnouncer, NewSinceBadge } from '../../src-renderer/a11y/LiveAnnouncer';
import { useNewSince } from '../../src-renderer/a11y/new-since';
import { markListShown } from '../../src-renderer/state/list-shown';
import { markCaughtUp } from '../../src-renderer/state/caught-up';
import { useUi } from '../../src-renderer/state/ui-store';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { freshDb, ingest, mention } from './helpers/db';

/** Posted a moment ago: due in an hour, so an arrival is not also a breach. */
const now = (): string => new Date().toISOString();
import { resetUi } from './helpers/dom';

describe('the live region', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    markListShown(); // the live region's first count waits for the inbox's first rows
    markCaughtUp(); // and for the start-up catch-up (no delivery here: the mentions are ingested)
    resetUi();
    useUi.setState({ screen: 'sources' });
    useNewSince.setState({ total: undefined, lookedAt: undefined });
    db = await freshDb();
    await ingest(db, [mention('x:1', now())]);
  });
  afterEach(cleanup);

  it('announces arrivals politely, never takes focus, and counts them until the agent looks', async () => {
    render(
      <>
        <button>somewhere</button>
        <NewSinceBadge />
        <LiveAnnouncer pollMs={50} gapMs={300} />
      </>,
    );
    const region = screen.getByTestId('live-announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    act(() => screen.getByRole('button').focus());
    await waitFor(() => expect(useNewSince.getState().total).toBe(1));
    // What was there at start is not news.
    expect(region.textContent).toBe('');

    await ingest(db, [mention('x:2', now())]);
    await waitFor(() => expect(region.textContent).toBe('1 new mention.'));
    expect(document.activeElement).toBe(screen.getByRole('button'));
    expect(screen.getByTestId('new-since').textContent).toBe('1 new since you last looked');

    // Two more in quick succession: one sentence, after the gap, with the running count.
    await ingest(db, [mention('x:3', now()), mention('x:4', now())]);
    await waitFor(() => expect(region.textContent).toBe('2 new mentions, 3 since you last looked.'));

    act(() => useUi.setState({ screen: 'inbox' }));
    await waitFor(() => expect(screen.queryByTestId('new-since')).toBeNull());

    // Already past due when it arrives (posted two hours ago): a new mention and a breach.
    await ingest(db, [mention('x:old', new Date(Date.now() - 2 * 3_600_000).toISOString())]);
    await waitFor(() => expect(region.textContent).toBe('1 new mention. 1 mention went past its due time.'));
  });

  it('says a mention went past its due time when the clock gets there, with no write in between', async () => {
    render(<LiveAnnouncer pollMs={50} gapMs={300} />);
    const region = screen.getByTestId('live-announcer');
    await waitFor(() => expect(useNewSince.getState().total).toBe(1));
    // Posted just under an hour ago: due about 1.5 s from now.
    await ingest(db, [mention('x:soon', new Date(Date.now() - 3_600_000 + 1_500).toISOString())]);
    await waitFor(() => expect(region.textContent).toBe('1 new mention.'));
    await waitFor(() => expect(region.textContent).toBe('1 mention went past its due time.'), { timeout: 5_000 });
  });
});
