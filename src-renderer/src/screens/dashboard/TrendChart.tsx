import { useMemo } from 'react';
import type { TrendPoint } from '../../../../src-shared/contract';
import { formatDate } from '../../format/time';
import { amountsLine, compactAmount, count } from './dashboard-format';
import { EChart, type ChartOption } from './EChart';

/**
 * The last 30 daily snapshots: accounts in arrears and open cases; in a one-currency view also
 * the amount past due, on its own axis (amounts of different currencies are never drawn as one).
 */
export function TrendChart({ trend, currency }: { trend: TrendPoint[]; currency: string | null }) {
  const option = useMemo<ChartOption>(() => {
    const days = trend.map((point) => formatDate(point.on).replace(/, \d{4}$/, ''));
    const amount = currency !== null;
    return {
      grid: { left: 48, right: amount ? 64 : 28, top: 40, bottom: 32 },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const point = trend[params[0]!.dataIndex]!;
          const open = point.openCases === null ? '' : `<br/>${count(point.openCases)} open cases`;
          return `<b>${formatDate(point.on)}</b><br/>${count(point.accountsInArrears)} accounts in arrears${open}<br/>Past due: ${amountsLine(point.pastDue)}`;
        },
      },
      xAxis: { type: 'category', data: days, boundaryGap: false, axisTick: { show: false } },
      yAxis: [
        { type: 'value', scale: true, splitLine: { lineStyle: { opacity: 0.35 } } },
        ...(amount ? [{ type: 'value', scale: true, position: 'right', splitLine: { show: false }, axisLabel: { formatter: (v: number) => compactAmount(v) } }] : []),
      ],
      series: [
        { name: 'Accounts in arrears', type: 'line', smooth: true, symbol: 'none', lineStyle: { width: 2.5 }, color: '#4c6ef5', areaStyle: { opacity: 0.12 }, data: trend.map((p) => p.accountsInArrears) },
        ...(trend.every((p) => p.openCases !== null)
          ? [{ name: 'Open cases', type: 'line', smooth: true, symbol: 'none', color: '#12b886', lineStyle: { width: 2, type: 'dashed' }, data: trend.map((p) => p.openCases) }]
          : []),
        ...(amount
          ? [{ name: `Past due (${currency})`, type: 'line', smooth: true, symbol: 'none', yAxisIndex: 1, color: '#f76707', lineStyle: { width: 2 }, data: trend.map((p) => p.pastDue[0]?.amountMinor ?? 0) }]
          : []),
      ],
    };
  }, [trend, currency]);
  return <EChart option={option} height={280} label="30-day trend chart" />;
}
