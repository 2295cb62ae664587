/** Only the parts of echarts the report draws with, so the bundle carries nothing else. */
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, LineChart, type BarSeriesOption, type BoxplotSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, BoxplotChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | BoxplotSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

export { echarts };

/**
 * A grid at fixed margins. Each chart's margins leave room for its axis labels and names, so the
 * ECharts 6 default (outerBoundsMode 'auto': lay every axis label out to shrink the grid until they
 * fit the chart) only costs time: a third of setOption, which is half of drawing the report screen.
 */
export function fixedGrid(margins: { left: number; right: number; top: number; bottom: number }): GridComponentOption {
  return { ...margins, outerBoundsMode: 'none' };
}
