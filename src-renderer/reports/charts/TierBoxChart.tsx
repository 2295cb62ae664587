/** Time to first response per reach tier, as box plots: the whole spread, not just an average. */
import { useCallback, useMemo } from 'react';
import { Chart } from './Chart';
import { fixedGrid, type ChartOption } from './echarts';
import type { Palette } from './palette';
import type { TierBox } from '../compute';
import { TIER_SHORT, isTooFew } from '../samples';
import { formatInt, formatMinutes } from '../format';

export function TierBoxChart({ boxes, targetMinutes }: { boxes: TierBox[]; targetMinutes: number }) {
  const build = useCallback(
    (p: Palette): ChartOption => {
      const top = Math.max(targetMinutes, ...boxes.map((b) => b.p90 ?? 0)) * 1.08;
      // Round steps people count in (10, 15, 30 minutes, 1, 2, 4 hours ...) so no label squeezes another.
      const step = [10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880].find((s) => top / s <= 6) ?? 2880;
      return {
        // The right margin holds the target line's label, beside the plot: inside it, the label sat
        // on the last tier's box whenever that box reached the target.
        grid: fixedGrid({ left: 52, right: 44, top: 26, bottom: 58 }),
        tooltip: {
          trigger: 'item',
          formatter: (params: unknown) => {
            const b = boxes[(params as { dataIndex: number }).dataIndex]!;
            if (!b.n) return `${TIER_SHORT[b.tier]}: no answered mentions`;
            return `<b>${TIER_SHORT[b.tier]}</b> · ${b.n} answered${isTooFew(b.n) ? ' (too few to judge)' : ''}<br/>median ${formatMinutes(b.median)}<br/>middle half ${formatMinutes(b.q1)} to ${formatMinutes(b.q3)}<br/>8 in 10 between ${formatMinutes(b.p10)} and ${formatMinutes(b.p90)}`;
          },
        },
        xAxis: {
          type: 'category',
          data: boxes.map((b) => `${TIER_SHORT[b.tier]}\nn=${formatInt(b.n)}`),
          // Every tier named, even where the labels come close (ECharts would drop every other one).
          axisLabel: { color: p.text, lineHeight: 16, interval: 0 },
          axisLine: { lineStyle: { color: p.line } },
          axisTick: { show: false },
        },
        yAxis: {
          type: 'value',
          name: 'minutes',
          nameTextStyle: { color: p.muted },
          max: Math.ceil(top / step) * step,
          interval: step,
          axisLabel: { color: p.muted },
          splitLine: { lineStyle: { color: p.line } },
        },
        series: [
          {
            type: 'boxplot',
            boxWidth: [18, 46],
            data: boxes.map((b, i) =>
              b.n
                ? {
                    value: [b.p10!, b.q1!, b.median!, b.q3!, b.p90!],
                    itemStyle: { color: p.panel, borderColor: p.tiers[i]!, borderWidth: 2, opacity: isTooFew(b.n) ? 0.35 : 1 },
                  }
                : { value: [] },
            ),
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: p.red, type: 'dashed' },
              label: { color: p.red, formatter: `target\n${formatMinutes(targetMinutes)}`, position: 'end', lineHeight: 14 },
              data: [{ yAxis: targetMinutes }],
            },
          },
        ],
      };
    },
    [boxes, targetMinutes],
  );
  const figures = useMemo(
    () => ({
      columns: ['Reach tier', 'Answered', 'Median', 'Middle half', '8 in 10 between'],
      rows: boxes.map((b) => [
        TIER_SHORT[b.tier] + (b.n && isTooFew(b.n) ? ' (too few to judge)' : ''),
        formatInt(b.n),
        b.n ? formatMinutes(b.median) : '—',
        b.n ? `${formatMinutes(b.q1)} to ${formatMinutes(b.q3)}` : '—',
        b.n ? `${formatMinutes(b.p10)} and ${formatMinutes(b.p90)}` : '—',
      ]),
    }),
    [boxes],
  );
  return <Chart build={build} label={`Minutes to first response by reach tier (target ${formatMinutes(targetMinutes)})`} testId="chart-tier-box" figures={figures} />;
}
