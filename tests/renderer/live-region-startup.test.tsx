/**
 * At start the live region stays quiet about the start-up backlog: its first count waits for
 * delivery to apply what the log held at hello (state/caught-up.ts), not only for the inbox's first
 * rows, which are drawn while that backlog is still being written.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, waitFor, cleanup } from '@testing-library/react';
import { LiveAnnouncer, NewSinceBadge } from '../../src-renderer/a11y/LiveAnnouncer';
import { useNewSince } from '../../src-renderer/a11y/new-since';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import { markListShown } from '../../src-renderer/state/list-shown';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { useUi } from '../../src-renderer/state/ui-store';
import { mentionEntry } from '../../src-main/shared/log-entry';
import type { LogPage } from '../../src-main/shared/contract';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { freshDb, logBridge, mention, until } from './helpers/db';
import { page } from './helpers/log';
import { resetUi } from './helpers/dom';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { removeDemoHistory } from '../../src-renderer/demo-history/seed';
import { storedMentions } from '../../src-renderer/db/awaiting-due';

const HOUR = 3_600_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

/** A delivery page: mentions posted `ageMs` ago (an hour or more: already past due), heard now, from position `from` + 1. */
function pageOf(ids: string[], from: number, ageMs = 0): LogPage {
  return { entries: page(ids.map((id) => mentionEntry(mention(id, ago(ageMs)), ago(0))), from) };
}
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}:${i + 1}`);

/** The badge and the live region drawn (fast polls, a short gap), and every sentence the region says. */
function drawLiveRegion(): { region: HTMLElement; said: string[] } {
  render(
    <>
      <NewSinceBadge />
      <LiveAnnouncer pollMs={50} gapMs={300} />
    </>,
  );
  const region = screen.getByTestId('live-announcer');
  const said: string[] = [];
  new MutationObserver(() => region.textContent && said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  return { region, said };
}

describe('the live region at start', () => {
  let db: EarshotDb;
  let stop: () => void = () => undefined;
  beforeEach(async () => {
    resetUi();
    useUi.setState({ screen: 'sources' }); // not looking at the inbox: the badge counts too
    useNewSince.setState({ total: undefined, lookedAt: undefined });
    useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined });
    db = await freshDb();
  });
  afterEach(() => {
    stop();
    cleanup();
  });

  it('says nothing of the backlog still being delivered after the first rows, then announces what arrives later', async () => {
    // The log holds 14 at hello: 2 delivered before the inbox draws its first rows, 12 after (2 past due).
    const mb = logBridge(14);
    stop = startDelivery(mb.bridge, db);
    const { region, said } = drawLiveRegion();

    await until(() => useDelivery.getState().head === 14); // hello answered
    mb.emit('entries', pageOf(ids('early', 2), 0));
    await until(() => useDelivery.getState().position === 2);
    markListShown();
    // Several polls with the first rows drawn and the backlog not yet delivered.
    await new Promise((r) => setTimeout(r, 300));
    mb.emit('entries', pageOf(ids('backlog', 10), 2));
    mb.emit('entries', pageOf(ids('late', 2), 12, 2 * HOUR));
    await until(() => useDelivery.getState().position === 14);

    // The first count is the whole backlog, and nothing is said of it, past gap and clear.
    await waitFor(() => expect(useNewSince.getState().total).toBe(14));
    await new Promise((r) => setTimeout(r, 600));
    expect(said).toEqual([]);
    expect(region.textContent).toBe('');
    expect(screen.queryByTestId('new-since')).toBeNull();

    // After the catch-up, an arrival is news.
    mb.emit('entries', pageOf(['fresh:1'], 14));
    await waitFor(() => expect(region.textContent).toBe('1 new mention.'));
    expect(screen.getByTestId('new-since').textContent).toBe('1 new since you last looked');

    // One that arrives already past due is new and past due (announce-counts.ts), as before.
    mb.emit('entries', pageOf(['old:1'], 15, 2 * HOUR));
    await waitFor(() => expect(region.textContent).toBe('1 new mention, 2 since you last looked. 1 mention went past its due time.'));
    expect(said).toEqual(['1 new mention.', '1 new mention, 2 since you last looked. 1 mention went past its due time.']);
  });

  it('says nothing of history imported into the inbox (the demo weeks), and arrivals after it are news', async () => {
    const mb = logBridge(2);
    stop = startDelivery(mb.bridge, db);
    // Delivered before the live region is drawn (the catch-up of the test before is already marked).
    await until(() => useDelivery.getState().head === 2);
    mb.emit('entries', pageOf(ids('start', 2), 0));
    await until(() => useDelivery.getState().position === 2);
    const { region, said } = drawLiveRegion();
    markListShown();
    await waitFor(() => expect(useNewSince.getState().total).toBe(2));

    // A few weeks of history, written as the demo seeder and the Data screen's import write it.
    const res = await importLog(db, generateDemoHistory({ endMs: Date.now() - HOUR, days: 5 }));
    expect(res!.mentions).toBeGreaterThan(50);
    // Counted (the store holds them), and not news: past several polls and the gap, nothing said.
    await waitFor(() => expect(storedMentions(db)).resolves.toBe(2 + res!.mentions));
    await new Promise((r) => setTimeout(r, 600));
    expect(said).toEqual([]);
    expect(screen.queryByTestId('new-since')).toBeNull();

    mb.emit('entries', pageOf(['fresh:1'], 2));
    await waitFor(() => expect(region.textContent).toBe('1 new mention.'));
    expect(screen.getByTestId('new-since').textContent).toBe('1 new since you last looked');

    // The demo history taken out again: not news, and the next arrival still is.
    expect(await removeDemoHistory(db)).toBe(res!.mentions);
    await waitFor(() => expect(storedMentions(db)).resolves.toBe(3));
    mb.emit('entries', pageOf(['fresh:2'], 3));
    await waitFor(() => expect(screen.getByTestId('new-since').textContent).toBe('2 new since you last looked'));
    await waitFor(() => expect(region.textContent).toBe('1 new mention, 2 since you last looked.'));
  });
});
