/**
 * The report screen counts new activity (events and arrivals since the report's instant) only once
 * its report is shown: asked for beside the report, these counts waited on IndexedDB with the
 * report's own reads and held them up (0.5-0.9 s when a lead opened Fairness just after the inbox).
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi, afterEach } from 'vitest';
import { render, screen, cleanup } from '@testing-library/react';
import { setDb } from '../../src-renderer/db/schema';
import { openReportDb } from './helpers/report-db';
import { importLog } from '../../src-renderer/reports/log-import';
import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { makeEvent } from '../../src-renderer/db/events';
import { knownScenario } from './sla-fixtures';
import { quietCanvas } from './sla-test-db';

/** Whether the report was on screen at each count of arrivals. */
const counted: boolean[] = [];
vi.mock('../../src-renderer/db/arrivals', async (original) => {
  const real = await original<typeof import('../../src-renderer/db/arrivals')>();
  return {
    ...real,
    countArrivedAfter: (...args: Parameters<typeof real.countArrivedAfter>) => {
      counted.push(document.querySelector('[data-testid="report-sentence"]') !== null);
      return real.countArrivedAfter(...args);
    },
  };
});

quietCanvas();
const DAY = 86_400_000;

afterEach(() => {
  cleanup();
  setDb(undefined);
});

describe('the count of new activity on the report screen', () => {
  it('is asked for once the report is shown, and still follows new events', async () => {
    const db = await openReportDb('report-new-activity');
    setDb(db);
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    await db.events.add(makeEvent('assigned', 'e0', { agent: 'zz', at: new Date(Date.now() + 1000).toISOString() }));
    await screen.findByText(/1 new event since this report was computed/, {}, { timeout: 10_000 });
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every(Boolean), 'no count before the report was on screen').toBe(true);
  });
});
