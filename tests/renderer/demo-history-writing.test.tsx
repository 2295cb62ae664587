/**
 * On a new profile the demo history is written when a report screen first opens, which takes
 * seconds: the note says it is being written (rather than the report looking empty and final),
 * then turns into the usual demo-data note once it is there. A second open writes nothing and
 * never says "writing".
 */
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, cleanup, waitFor } from '@testing-library/react';
import { DemoHistoryNote } from '../../src-renderer/demo-history/DemoHistoryNote';
import { useDemoHistory } from '../../src-renderer/demo-history/use-demo-history';
import { hasDemoHistory, seedDemoHistory } from '../../src-renderer/demo-history/seed';
import { useSources } from '../../src-renderer/state/sources-store';
import type { SourceSummary } from '../../src-main/shared/sources';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { freshDb } from './helpers/db';

function Screen({ onSeeded }: { onSeeded(): void }) {
  useDemoHistory(onSeeded);
  return <DemoHistoryNote onChange={() => undefined} />;
}

afterEach(() => {
  cleanup();
  useSources.setState({ sources: [] });
});

describe('the demo history being written', () => {
  it('is said while it is written, then the demo-data note shows; a second open says nothing of writing', async () => {
    setPolicyRecords([]);
    const db = await freshDb();
    useSources.setState({ sources: [{ id: 'demo', kind: 'demo' } as SourceSummary] });
    let seeded = 0;
    render(<Screen onSeeded={() => seeded++} />);
    await screen.findByTestId('demo-history-writing');
    expect(screen.getByRole('status').textContent).toContain('Writing four weeks of made-up history');
    await screen.findByTestId('demo-history-note', {}, { timeout: 15_000 });
    expect(screen.queryByTestId('demo-history-writing')).toBeNull();
    expect(await hasDemoHistory(db)).toBe(true);
    await waitFor(() => expect(seeded).toBe(1));
    cleanup();

    // The second open finds the history written: its seeding call writes nothing and never reports
    // writing (the flag the note shows), and the screen shows the demo-data note straight away.
    let wroteAgain = false;
    expect(await seedDemoHistory(db, Date.now(), () => (wroteAgain = true))).toBeUndefined();
    expect(wroteAgain).toBe(false);
    render(<Screen onSeeded={() => seeded++} />);
    await screen.findByTestId('demo-history-note');
    expect(screen.queryByTestId('demo-history-writing')).toBeNull();
    expect(seeded).toBe(1);
  }, 30_000);
});
