import { useComputedColorScheme } from '@mantine/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts the dashboard draws, so the renderer bundle carries no more of ECharts than it uses.
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers and tests. */
  label: string;
  /** A click on a data point: its category name and series. */
  onPick?: (point: { name: string; seriesName: string; dataIndex: number }) => void;
}

/**
 * One ECharts instance in a div: created once, given each new option, resized with its box, and
 * drawn in the colour scheme of the app (SVG, so it stays sharp and text is real text).
 */
export function EChart({ option, height, label, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const scheme = useComputedColorScheme('light');
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const instance = echarts.init(box.current!, scheme === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => pick.current?.({ name: String(params.name), seriesName: String(params.seriesName ?? ''), dataIndex: params.dataIndex }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, scheme]);

  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%', cursor: onPick ? 'pointer' : undefined }} />;
}
