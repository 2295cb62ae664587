/**
 * The report screen over history written or removed after its report was read (an old log imported
 * in another window, the demo history written by a page that has since gone, a team seat's replay):
 * those events are dated before the report's instant, so the count of new activity misses them.
 * The screen watches the old-writes marker and computes the report again by itself.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, cleanup, waitFor } from '@testing-library/react';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { openReportDb } from './helpers/report-db';
import { importLog } from '../../src-renderer/reports/log-import';
import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { checkPending, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { answered, knownScenario } from './sla-fixtures';
import { quietCanvas } from './sla-test-db';

quietCanvas();
const DAY = 86_400_000;
const shownMentions = (): string | null => screen.getByTestId('report-foot').getAttribute('data-mentions');
/** The report's instant: a report computed again (even with the same figures) has a new one. */
const shownAt = (): string | null => screen.getByTestId('report-now').getAttribute('datetime');
const settled = async (): Promise<void> => {
  const at = shownAt();
  await new Promise((r) => setTimeout(r, 300));
  expect(shownAt(), 'not computed again and again').toBe(at);
  expect(screen.getByTestId('fairness-report').getAttribute('aria-busy')).toBe('false');
};

afterEach(() => {
  cleanup();
  setDb(undefined);
  setFactsIdleMs(5000);
});

describe('the report screen after old history is written elsewhere', () => {
  it('computes the report again by itself, with nothing clicked, once the checks after its report are done', async () => {
    setFactsIdleMs(20);
    const db = await openReportDb('report-old-writes');
    setDb(db);
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    await waitFor(() => expect(shownMentions()).toBe('14'), { timeout: 10_000 });
    // Whatever the screen checks after a report is over: nothing more would notice on its own.
    await waitFor(() => expect(checkPending(db)).toBe(false), { timeout: 10_000 });
    await settled();
    expect(shownMentions()).toBe('14');

    // Another window writes ten-day-old history into the same database.
    const other = new EarshotDb(db.name);
    const old = Date.now() - 10 * DAY;
    await importLog(other, [0, 1, 2].flatMap((i) => answered(`old${i}`, old + i * 3_600_000, 'everyday', 30 + i)));
    other.close();

    await waitFor(() => expect(shownMentions()).toBe('17'), { timeout: 10_000 });
    await settled();
    expect(screen.queryByText(/since this report was computed/)).toBeNull();
  });
});
