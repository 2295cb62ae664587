/** Share of mentions that missed the target, per group (reach tier or channel). */
import { useCallback, useMemo } from 'react';
import { Chart } from './Chart';
import { fixedGrid, type ChartOption } from './echarts';
import type { Palette } from './palette';
import { isTooFew } from '../samples';
import { formatInt, formatPercent } from '../format';

export interface BreachBar {
  label: string;
  rate: number | null;
  /** Mentions the rate is over (answered + unanswered past due). */
  n: number;
}

export function BreachChart({ bars, label, colors }: { bars: BreachBar[]; label: string; colors?(p: Palette): string[] }) {
  const build = useCallback(
    (p: Palette): ChartOption => {
      const fill = colors?.(p);
      return {
        grid: fixedGrid({ left: 44, right: 12, top: 20, bottom: 44 }),
        tooltip: {
          trigger: 'item',
          formatter: (params: unknown) => {
            const b = bars[(params as { dataIndex: number }).dataIndex]!;
            return `<b>${b.label}</b><br/>${b.rate === null ? 'nothing due yet' : `${formatPercent(b.rate)} missed the target`} · n=${b.n}${isTooFew(b.n) ? ' (too few to judge)' : ''}`;
          },
        },
        xAxis: {
          type: 'category',
          data: bars.map((b) => `${b.label}\nn=${formatInt(b.n)}`),
          axisLabel: { color: p.text, interval: 0, lineHeight: 15 },
          axisLine: { lineStyle: { color: p.line } },
          axisTick: { show: false },
        },
        yAxis: { type: 'value', min: 0, max: 1, axisLabel: { color: p.muted, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: p.line } } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 42,
            data: bars.map((b, i) => ({
              value: b.rate ?? 0,
              itemStyle: { color: fill?.[i] ?? p.accent, opacity: isTooFew(b.n) ? 0.35 : 1 },
            })),
            label: { show: true, position: 'top', color: p.text, formatter: (x: { dataIndex: number }) => (bars[x.dataIndex]!.rate === null ? '—' : formatPercent(bars[x.dataIndex]!.rate)) },
          },
        ],
      };
    },
    [bars, colors],
  );
  const figures = useMemo(
    () => ({
      columns: ['Group', 'Missed the target', 'Due'],
      rows: bars.map((b) => [b.label, b.rate === null ? 'nothing due yet' : formatPercent(b.rate) + (isTooFew(b.n) ? ' (too few to judge)' : ''), formatInt(b.n)]),
    }),
    [bars],
  );
  return <Chart build={build} label={label} height={230} figures={figures} />;
}
