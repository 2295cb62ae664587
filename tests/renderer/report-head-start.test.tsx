/**
 * The first Fairness open asks for its report while the screen's code still loads (app/App.tsx,
 * report-client.ts startDefaultReport): the screen shows that report (same "as of" instant) instead
 * of asking again, once; a head start left too long ago, or for other parameters, is not taken.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { render, screen, cleanup } from '@testing-library/react';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { startDefaultReport, takeHeadStart } from '../../src-renderer/reports/report-client';
import { DEFAULT_PARAMS } from '../../src-renderer/reports/params';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { knownScenario } from './sla-fixtures';
import { quietCanvas } from './sla-test-db';

quietCanvas();

let n = 0;
const DAY = 86_400_000;
const shownAsOf = async (): Promise<number> => Date.parse((await screen.findByTestId('report-now', {}, { timeout: 10_000 })).getAttribute('datetime')!);

describe('the report asked for while the screen loads', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`head-start-${++n}`);
    await db.open();
    setDb(db);
    setPolicyRecords([]);
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  it('is the one the screen shows first, and only once', async () => {
    startDefaultReport();
    const askedAt = Date.now();
    await new Promise((r) => setTimeout(r, 30)); // the screen's code loading
    render(<ReportsScreen />);
    const first = await shownAsOf();
    expect(first).toBeLessThanOrEqual(askedAt);
    expect(askedAt - first).toBeLessThan(30);
    cleanup();
    // Taken: the next open asks for its own.
    const reopened = Date.now();
    render(<ReportsScreen />);
    expect(await shownAsOf()).toBeGreaterThanOrEqual(reopened);
  });

  it('is not taken for other parameters, nor when left longer than 5 s', () => {
    startDefaultReport();
    expect(takeHeadStart(JSON.stringify({ ...DEFAULT_PARAMS, range: 'all' }))).toBeUndefined();
    expect(takeHeadStart(JSON.stringify(DEFAULT_PARAMS))).toBeDefined();
    startDefaultReport();
    const later = performance.now() + 5_001;
    vi.spyOn(performance, 'now').mockReturnValue(later);
    expect(takeHeadStart(JSON.stringify(DEFAULT_PARAMS))).toBeUndefined();
    vi.restoreAllMocks();
  });
});
