/** Mentions per week, stacked by sentiment; a click on a bar opens its mentions in the inbox. */
import { useCallback, useEffect, useRef } from 'react';
import type { VocWeek } from '../../src-main/shared/voc/report';
import { Chart } from '../reports/charts/Chart';
import type { ChartOption } from '../reports/charts/echarts';
import type { Palette } from '../reports/charts/palette';
import { SENTIMENT_ROWS, weekLabel } from './labels';

export function WeeklySentimentChart({ weeks, onPick }: { weeks: VocWeek[]; onPick(week: VocWeek, sentiment: string): void }) {
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  const build = useCallback(
    (p: Palette): ChartOption => {
      const colour: Record<string, string> = { negative: p.red, neutral: p.muted, positive: p.green, unjudged: p.line };
      return {
        grid: { left: 44, right: 16, top: 30, bottom: 30 },
        legend: { top: 0, textStyle: { color: p.text } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: weeks.map((w) => weekLabel(w.start)), axisLabel: { color: p.text }, axisLine: { lineStyle: { color: p.line } } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.line } } },
        series: SENTIMENT_ROWS.map((s) => ({
          type: 'bar' as const,
          name: s.label,
          stack: 'all',
          data: weeks.map((w) => w[s.key]),
          itemStyle: { color: colour[s.key], ...(s.key === 'unjudged' ? { decal: undefined } : {}) },
          emphasis: { focus: 'series' as const },
          cursor: 'pointer',
        })),
      };
    },
    [weeks],
  );
  return (
    <Chart
      build={build}
      label={`Mentions per week by sentiment: ${weeks.map((w) => `week of ${weekLabel(w.start)} ${w.mentions} (${w.negative} negative)`).join('; ')}`}
      testId="voc-weekly-chart"
      onClick={(seriesIndex, dataIndex) => {
        const w = weeks[dataIndex];
        const s = SENTIMENT_ROWS[seriesIndex];
        if (w && s) pick.current(w, s.key);
      }}
    />
  );
}
