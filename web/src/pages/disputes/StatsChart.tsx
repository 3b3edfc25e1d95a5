import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { DisputeStatsRow } from '@fengqiao/shared';
import { useT } from '../../i18n';

// ECharts, tree-shaken to bars and pies drawn as SVG. This module is imported lazily by the
// statistics page only, so no other page downloads it.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function useChart(option: echarts.EChartsCoreOption) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    if (ref.current) echarts.getInstanceByDom(ref.current)?.setOption(option, true);
  }, [option]);
  return ref;
}

const stack = (name: string, values: number[], color: string) => ({ name, type: 'bar' as const, stack: 'n', data: values, itemStyle: { color } });

/** Outcomes per group as stacked bars, and each group's share of the cases as a pie; `names` labels `rows`. */
export default function StatsChart({ rows, names }: { rows: DisputeStatsRow[]; names: string[] }) {
  const t = useT();
  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        stack(t('dstats.settled'), rows.map((r) => r.settled), '#52c41a'),
        stack(t('dstats.failed'), rows.map((r) => r.failed), '#ff4d4f'),
        stack(t('dstats.withdrawnTerminated'), rows.map((r) => r.withdrawn + r.terminated), '#bfbfbf'),
        stack(t('dstats.open'), rows.map((r) => r.open), '#1677ff'),
      ],
    }),
    [rows, names, t],
  );
  const pieOption = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r, i) => ({ name: names[i], value: r.cases })), label: { formatter: '{b}\n{d}%' } }],
    }),
    [rows, names],
  );
  const bars = useChart(barOption);
  const pie = useChart(pieOption);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }} data-testid="stats-chart">
      <div ref={bars} style={{ flex: '2 1 480px', height: 340 }} />
      <div ref={pie} style={{ flex: '1 1 320px', height: 340 }} />
    </div>
  );
}
