/**
 * The report screen draws each chart once per report: a render of the screen that brings no new
 * report (the agents list taken in, the count of new activity) must not lay a chart out again
 * (each layout of the four charts costs a good part of the screen's time at 200,000 mentions).
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { render, screen, cleanup } from '@testing-library/react';
import { setDb, type EarshotDb } from '../../src-renderer/db/schema';
import { openReportDb } from './helpers/report-db';
import { importLog } from '../../src-renderer/reports/log-import';
import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { echarts } from '../../src-renderer/reports/charts/echarts';
import { makeEvent } from '../../src-renderer/db/events';
import { knownScenario } from './sla-fixtures';
import { quietCanvas } from './sla-test-db';

quietCanvas();
const DAY = 86_400_000;

/** A spy on every chart's setOption (every instance shares the prototype of a probe one); `before` runs ahead of each call. */
function spyOnSetOption(before?: () => void) {
  const probe = echarts.init(document.createElement('div'), undefined, { renderer: 'svg', width: 10, height: 10 });
  const proto = Object.getPrototypeOf(probe) as { setOption: (...a: unknown[]) => void };
  probe.dispose();
  const original = proto.setOption;
  const spy = vi.spyOn(proto, 'setOption');
  if (before)
    spy.mockImplementation(function (this: unknown, ...args: unknown[]) {
      before();
      return original.apply(this, args);
    });
  return spy;
}

describe('the report screen redrawn without a new report', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('report-redraw');
    setDb(db);
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
    vi.restoreAllMocks();
  });

  it('lays no chart out again when only the count of new activity changes', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    const setOption = spyOnSetOption();
    render(<ReportsScreen />);
    await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    // Settled: the agents list and the first count of new activity are in.
    await new Promise((r) => setTimeout(r, 300));
    const drawn = setOption.mock.calls.length;
    expect(drawn).toBe(4);
    await db.events.add(makeEvent('assigned', 'e0', { agent: 'zz', at: new Date(Date.now() + 1000).toISOString() }));
    await screen.findByText(/1 new event since this report was computed/, {}, { timeout: 10_000 });
    expect(setOption.mock.calls.length).toBe(drawn);
  });

  it('lays every chart out at its own margins, without measuring its labels to fit them', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    // The sentence is found as soon as React puts it in the page; each chart's instance is made in
    // an effect that runs after that commit. Read at once, one chart had none yet in a CI run.
    const chartsNow = () => [...document.querySelectorAll<HTMLElement>('.chart')].map((node) => echarts.getInstanceByDom(node));
    await vi.waitFor(() => expect(chartsNow().filter(Boolean)).toHaveLength(4), { timeout: 5_000 });
    const charts = chartsNow().map((c) => c!);
    expect(charts).toHaveLength(4);
    for (const c of charts) {
      const grid = (c.getOption() as { grid: Array<{ outerBoundsMode?: string; left?: number; bottom?: number }> }).grid[0]!;
      // ECharts 6 lays every axis label out to shrink the grid unless told not to (a third of setOption).
      expect(grid.outerBoundsMode).toBe('none');
      expect(grid.left).toBeGreaterThan(0);
      expect(grid.bottom).toBeGreaterThan(0);
    }
  });

  it('draws a chart once it comes into view, or when the page is printed', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    // An observer the test answers for: which charts are in view.
    const observed = new Map<Element, (entries: Array<{ isIntersecting: boolean }>) => void>();
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly cb: (entries: Array<{ isIntersecting: boolean }>) => void) {}
        observe(node: Element): void {
          observed.set(node, this.cb);
        }
        disconnect(): void {}
      },
    );
    try {
      // Per draw, whether it ran in the same task as the draw before it: a microtask queued by a
      // draw runs before the next task, not before a draw later in the same task.
      const inTaskOfDrawBefore: boolean[] = [];
      let sameTask = false;
      const setOption = spyOnSetOption(() => {
        inTaskOfDrawBefore.push(sameTask);
        sameTask = true;
        queueMicrotask(() => (sameTask = false));
      });
      render(<ReportsScreen />);
      await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      // The figures are on screen; no chart is drawn before it is seen.
      expect(screen.getByTestId('row-tier-everyday')).toBeTruthy();
      expect(setOption).not.toHaveBeenCalled();
      const nodes = [...document.querySelectorAll('.chart')];
      expect(nodes).toHaveLength(4);
      observed.get(nodes[0]!)!([{ isIntersecting: false }]);
      expect(setOption).not.toHaveBeenCalled();
      observed.get(nodes[0]!)!([{ isIntersecting: true }]);
      observed.get(nodes[1]!)!([{ isIntersecting: true }]);
      // One per task, not in the observer's callback: the page answers clicks between two draws.
      expect(setOption, 'nothing drawn in the callback').not.toHaveBeenCalled();
      await vi.waitFor(() => expect(setOption).toHaveBeenCalledTimes(2));
      expect(inTaskOfDrawBefore, 'each drawn in a task of its own').toEqual([false, false]);
      // A third comes into view and the page is printed before its turn: printing draws it and the
      // fourth at once (their option set before the page is laid out for paper), and its turn then
      // draws nothing more.
      observed.get(nodes[2]!)!([{ isIntersecting: true }]);
      window.dispatchEvent(new Event('beforeprint'));
      expect(setOption).toHaveBeenCalledTimes(4);
      await new Promise((r) => setTimeout(r, 50));
      expect(setOption).toHaveBeenCalledTimes(4);
      expect(setOption.mock.calls.length).toBeGreaterThanOrEqual(4);
      const drawn = nodes.map((n) => echarts.getInstanceByDom(n as HTMLElement)!.getOption() as { series?: unknown[] });
      for (const o of drawn) expect(o.series?.length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
