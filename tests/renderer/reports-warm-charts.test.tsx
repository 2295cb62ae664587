/**
 * While the first report of a session is worked out in the report worker, the screen makes the
 * chart code ready (charts/warm.ts): one chart of each kind the report draws, drawn off the page
 * before the report comes, once a session. The worker here is a stand-in that takes requests and
 * never answers (the report stays "Counting…"), so whatever is drawn was drawn while waiting.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach, vi } from 'vitest';
import { render, screen, cleanup } from '@testing-library/react';
import { setDb } from '../../src-renderer/db/schema';
import { openReportDb } from './helpers/report-db';
import { quietCanvas } from './sla-test-db';

const posted = vi.hoisted(() => {
  const kinds: string[] = [];
  // Installed before report-client.ts is imported: it decides then whether a worker can start.
  class StandInWorker {
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: ErrorEvent) => void) | null = null;
    postMessage(m: { kind: string }): void {
      kinds.push(m.kind);
    }
    terminate(): void {}
  }
  (globalThis as { Worker?: unknown }).Worker = StandInWorker;
  return kinds;
});

import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { echarts } from '../../src-renderer/reports/charts/echarts';
import { chartsWarmed, warmCharts } from '../../src-renderer/reports/charts/warm';

quietCanvas();

type Series = { type?: string };
const seriesTypes = (calls: unknown[][]): string[] => calls.flatMap((c) => ((c[0] as { series?: Series[] }).series ?? []).map((s) => s.type ?? ''));

describe('the chart code warmed while the worker works out the first report', () => {
  afterEach(() => {
    cleanup();
    setDb(undefined);
    vi.restoreAllMocks();
  });

  it('draws each kind of chart off the page before the report comes, once a session', async () => {
    setDb(await openReportDb('report-warm'));
    const probe = echarts.init(document.createElement('div'), undefined, { renderer: 'svg', width: 10, height: 10 });
    const proto = Object.getPrototypeOf(probe) as { setOption: (...a: unknown[]) => void };
    probe.dispose();
    const setOption = vi.spyOn(proto, 'setOption');
    expect(chartsWarmed()).toBe(false);

    render(<ReportsScreen />);
    await screen.findByText('Counting…');
    await vi.waitFor(() => expect(chartsWarmed()).toBe(true), { timeout: 5000 });
    // The report went to the worker and has not come back: the screen still counts, no chart is on it.
    expect(posted).toContain('report');
    expect(screen.getByText('Counting…')).toBeTruthy();
    expect(document.querySelector('.chart')).toBeNull();
    expect(setOption).toHaveBeenCalledTimes(1);
    expect(new Set(seriesTypes(setOption.mock.calls))).toEqual(new Set(['boxplot', 'line', 'bar']));

    // Once a session: a second screen, or a second call, draws nothing more.
    cleanup();
    render(<ReportsScreen />);
    await screen.findByText('Counting…');
    await new Promise((r) => setTimeout(r, 100));
    warmCharts();
    expect(setOption).toHaveBeenCalledTimes(1);
  });
});
