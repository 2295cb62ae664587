/**
 * The chart code made ready while the first report of a session is worked out in the report worker.
 *
 * The first chart a session draws costs some 0.2 s more than the next ones (echarts' code parsed and
 * compiled on first use, its text measuring set up), and that cost fell after the report came, on
 * the lead's wait. While the worker reads and computes (0.5 s and more at 200,000 mentions), this
 * thread has nothing to do: one small chart of each kind the report draws (box plot with a target
 * line, stacked lines with a band and marked lines, labelled bars, SVG as on screen), on an element
 * never put in the page, then thrown away. Nothing shows; once a session.
 */
import { echarts, type ChartOption } from './echarts';

let warmed = false;

/** One option using every part of echarts the report's charts use (charts/*Chart.tsx). */
function sampleOption(): ChartOption {
  const cats = ['a\nn=1', 'b\nn=2', 'c\nn=3'];
  return {
    animation: false,
    grid: [
      { left: 40, right: 10, top: 10, height: 60 },
      { left: 40, right: 10, top: 100, height: 60 },
      { left: 40, right: 10, top: 190, height: 60 },
    ],
    tooltip: { trigger: 'item', formatter: () => '' },
    xAxis: [
      { type: 'category', gridIndex: 0, data: cats, axisLabel: { lineHeight: 16 }, axisTick: { show: false } },
      { type: 'category', gridIndex: 1, boundaryGap: false, data: ['1 Jan', '8 Jan', '15 Jan'] },
      { type: 'category', gridIndex: 2, data: cats, axisLabel: { interval: 0, lineHeight: 15 } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'minutes', max: 60, interval: 15 },
      { type: 'value', gridIndex: 1, min: 0, max: 3, interval: 0.5, axisLabel: { formatter: '{value}×', showMinLabel: false } },
      { type: 'value', gridIndex: 2, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    ],
    series: [
      {
        type: 'boxplot',
        xAxisIndex: 0,
        yAxisIndex: 0,
        boxWidth: [18, 46],
        data: [{ value: [5, 10, 20, 30, 50], itemStyle: { borderWidth: 2, opacity: 0.35 } }, { value: [] }, { value: [4, 8, 12, 20, 40] }],
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed' }, label: { formatter: 'target', position: 'insideEndTop' }, data: [{ yAxis: 30 }] },
      },
      { type: 'line', xAxisIndex: 1, yAxisIndex: 1, stack: 'ci', data: [1, '-', 1.2], symbol: 'none', lineStyle: { opacity: 0 }, silent: true },
      { type: 'line', xAxisIndex: 1, yAxisIndex: 1, stack: 'ci', data: [0.5, '-', 0.4], symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.18 }, silent: true },
      {
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: [1.2, '-', 1.4],
        symbolSize: 7,
        lineStyle: { width: 2 },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 2, lineStyle: { type: 'dashed' }, label: { formatter: 'limit', position: 'insideEndTop' } }, { yAxis: 1, lineStyle: { type: 'dotted' }, label: { formatter: 'equal', position: 'insideEndBottom' } }] },
      },
      { type: 'bar', xAxisIndex: 2, yAxisIndex: 2, barMaxWidth: 42, data: [{ value: 0.2, itemStyle: { opacity: 0.35 } }, { value: 0.1 }, { value: 0 }], label: { show: true, position: 'top', formatter: () => '20%' } },
    ],
  };
}

/** Draws the sample once and disposes of it; later calls do nothing. */
export function warmCharts(): void {
  if (warmed) return;
  warmed = true;
  const chart = echarts.init(document.createElement('div'), undefined, { renderer: 'svg', width: 640, height: 260 });
  try {
    // Laid out and painted into the element at once (setOption ends with a synchronous refresh).
    chart.setOption(sampleOption(), { notMerge: true });
  } finally {
    chart.dispose();
  }
}

/** Whether warmCharts has run this session (tests). */
export const chartsWarmed = (): boolean => warmed;
