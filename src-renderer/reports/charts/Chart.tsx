/**
 * One echarts chart, SVG-rendered (crisp in print, no canvas, nothing evaluated: fine under the
 * app's CSP). Colours come from the app's CSS variables, so charts follow light and dark mode, and
 * switch to the light palette while printing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { echarts, type ChartOption } from './echarts';
import { readPalette, type Palette } from './palette';
import { drawQueuedNow, drawSoon } from './draw-queue';

/** The chart's numbers as a table: its text equivalent, for screen readers and anyone who wants figures. */
export interface Figures {
  columns: string[];
  rows: string[][];
}

export function Chart({
  build,
  label,
  height = 260,
  testId,
  onClick,
  figures,
}: {
  build(p: Palette): ChartOption;
  label: string;
  height?: number;
  testId?: string;
  /** A click on a data item (a bar): which series and which category. */
  onClick?(seriesIndex: number, dataIndex: number): void;
  figures?: Figures;
}) {
  const tableId = useId();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const palette = usePalette();
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    // jsdom and hidden tabs have no layout: give the chart a size of its own there.
    const sized = node.clientWidth > 0;
    const c = echarts.init(node, undefined, { renderer: 'svg', ...(sized ? {} : { width: 640, height }) });
    chart.current = c;
    c.on('click', (e: { seriesIndex?: number; dataIndex?: number }) => {
      if (e.seriesIndex !== undefined && e.dataIndex !== undefined) click.current?.(e.seriesIndex, e.dataIndex);
    });
    // A ResizeObserver reports the size once on observe: the chart was just laid out at that size, and
    // a resize lays every axis and label out again (a tenth of a second per report for the four charts).
    let size = `${node.clientWidth}x${node.clientHeight}`;
    const ro =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => {
            const now = `${node.clientWidth}x${node.clientHeight}`;
            if (now === size) return;
            size = now;
            c.resize();
          });
    ro?.observe(node);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, [height]);

  // Drawn once it comes into view (or the page is printed), then on every change: at 200,000
  // mentions a chart's setOption costs tens of milliseconds, and the lower two are below the fold
  // when the report opens. The observer's first answer comes after the figures are painted, so the
  // verdict and tables show first and the charts in view follow, one per task (draw-queue.ts).
  const shown = useRef(false);
  const draw = useRef<() => void>(() => undefined);
  useEffect(() => {
    draw.current = () => chart.current?.setOption({ animation: false, ...build(palette) }, { notMerge: true });
    if (shown.current) draw.current();
  }, [build, palette]);
  useEffect(() => {
    const node = el.current;
    const show = (): void => {
      if (shown.current) return;
      shown.current = true;
      draw.current();
    };
    // jsdom and old webviews: drawn at once.
    if (!node || typeof IntersectionObserver === 'undefined') return show();
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      drawSoon(show);
    });
    io.observe(node);
    const print = (): void => {
      drawQueuedNow();
      show();
    };
    window.addEventListener('beforeprint', print);
    return () => {
      io.disconnect();
      window.removeEventListener('beforeprint', print);
    };
  }, []);

  return (
    <>
      <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} aria-describedby={figures ? tableId : undefined} data-testid={testId} />
      {figures ? (
        <details className="chart-figures">
          <summary>The figures</summary>
          <table id={tableId}>
            <caption className="sr-only">{label}</caption>
            <thead>
              <tr>
                {figures.columns.map((c, i) => (
                  <th key={c} scope="col" className={i ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.rows.map((r) => (
                <tr key={r[0]}>
                  {r.map((cell, i) => (i ? <td key={i} className="num">{cell}</td> : <th key={i} scope="row">{cell}</th>))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </>
  );
}

/** The palette to draw with: dark or light as the system says, always light while printing. */
function usePalette(): Palette {
  const [palette, setPalette] = useState<Palette>(() => readPalette(false));
  useEffect(() => {
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
    const update = (): void => setPalette(readPalette(false));
    const toPrint = (): void => setPalette(readPalette(true));
    dark?.addEventListener?.('change', update);
    window.addEventListener('beforeprint', toPrint);
    window.addEventListener('afterprint', update);
    return () => {
      dark?.removeEventListener?.('change', update);
      window.removeEventListener('beforeprint', toPrint);
      window.removeEventListener('afterprint', update);
    };
  }, []);
  return palette;
}
