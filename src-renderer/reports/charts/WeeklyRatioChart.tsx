/** The fairness ratio week by week, with its 90% interval as a band and the policy's limit. */
import { useCallback, useMemo } from 'react';
import type { WeeklyFairness } from '../../../src-main/shared/sla/fairness';
import { Chart } from './Chart';
import { fixedGrid, type ChartOption } from './echarts';
import type { Palette } from './palette';
import { TIER_SHORT } from '../samples';
import { formatDayMonth, formatInt } from '../format';

function weekLabel(w: WeeklyFairness): string {
  return formatDayMonth(w.start);
}

export function WeeklyRatioChart({ weekly, limit }: { weekly: WeeklyFairness[]; limit: number }) {
  const build = useCallback(
    (p: Palette): ChartOption => {
      const lo = weekly.map((w) => w.fairnessRatioCI90?.[0] ?? '-');
      const band = weekly.map((w) => (w.fairnessRatioCI90 ? w.fairnessRatioCI90[1] - w.fairnessRatioCI90[0] : '-'));
      const top = Math.max(limit * 1.2, ...weekly.map((w) => w.fairnessRatioCI90?.[1] ?? 0));
      return {
        grid: fixedGrid({ left: 44, right: 28, top: 18, bottom: 30 }),
        tooltip: {
          trigger: 'axis',
          formatter: (params: unknown) => {
            const i = (params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
            const w = weekly[i]!;
            if (w.fairnessRatio === null) return `Week of ${weekLabel(w)}: too few answered mentions to compare tiers (${w.answered} answered)`;
            const ci = w.fairnessRatioCI90!;
            return `<b>Week of ${weekLabel(w)}</b><br/>${TIER_SHORT[w.slowestTier!]} waited ${w.fairnessRatio.toFixed(2)}× as long as ${TIER_SHORT[w.fastestTier!]}<br/>90% interval ${ci[0].toFixed(2)} to ${ci[1].toFixed(2)}<br/>n = ${w.answeredByTier[w.slowestTier!]} and ${w.answeredByTier[w.fastestTier!]} answered`;
          },
        },
        xAxis: { type: 'category', boundaryGap: false, data: weekly.map(weekLabel), axisLabel: { color: p.text }, axisLine: { lineStyle: { color: p.line } } },
        yAxis: {
          type: 'value',
          min: 0,
          max: top <= 3 ? Math.ceil(top * 2) / 2 : Math.ceil(top),
          interval: top <= 3 ? 0.5 : 1,
          axisLabel: { color: p.muted, formatter: '{value}×', showMinLabel: false },
          splitLine: { lineStyle: { color: p.line } },
        },
        series: [
          { name: 'interval low', type: 'line', stack: 'ci', data: lo, symbol: 'none', lineStyle: { opacity: 0 }, silent: true },
          {
            name: '90% interval',
            type: 'line',
            stack: 'ci',
            data: band,
            symbol: 'none',
            lineStyle: { opacity: 0 },
            areaStyle: { color: p.accent, opacity: 0.18 },
            silent: true,
          },
          {
            name: 'fairness ratio',
            type: 'line',
            data: weekly.map((w) => w.fairnessRatio ?? '-'),
            symbolSize: 7,
            itemStyle: { color: p.accent },
            lineStyle: { color: p.accent, width: 2 },
            markLine: {
              symbol: 'none',
              silent: true,
              data: [
                { yAxis: limit, lineStyle: { color: p.red, type: 'dashed' }, label: { color: p.red, formatter: `limit ${limit}×`, position: 'insideEndTop' } },
                { yAxis: 1, lineStyle: { color: p.green, type: 'dotted' }, label: { color: p.green, formatter: 'equal', position: 'insideEndBottom' } },
              ],
            },
          },
        ],
      };
    },
    [weekly, limit],
  );
  const figures = useMemo(
    () => ({
      columns: ['Week of', 'Fairness ratio', '90% interval', 'Slowest / fastest tier', 'Answered'],
      rows: weekly.map((w) => [
        weekLabel(w),
        w.fairnessRatio === null ? 'too few to compare' : `${w.fairnessRatio.toFixed(2)}×`,
        w.fairnessRatioCI90 ? `${w.fairnessRatioCI90[0].toFixed(2)} to ${w.fairnessRatioCI90[1].toFixed(2)}` : '—',
        w.slowestTier && w.fastestTier ? `${TIER_SHORT[w.slowestTier]} / ${TIER_SHORT[w.fastestTier]}` : '—',
        formatInt(w.answered),
      ]),
    }),
    [weekly],
  );
  if (!weekly.some((w) => w.fairnessRatio !== null)) {
    return (
      <p className="chart-empty muted" data-testid="chart-weekly-ratio">
        No week in this period had at least 5 answered mentions in two reach tiers, so there is no week-by-week ratio to draw. A longer period may have one.
      </p>
    );
  }
  return <Chart build={build} label={`Fairness ratio week by week with its 90% interval (limit ${limit}×)`} testId="chart-weekly-ratio" figures={figures} />;
}
