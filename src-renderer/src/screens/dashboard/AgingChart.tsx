import { useMemo } from 'react';
import type { AgingBucket } from '../../../../src-shared/contract';
import type { Bucket } from '../../../../src-shared/domain/vocabulary';
import { BUCKET_LABELS } from '../../format/domain-labels';
import { amountsLine, count } from './dashboard-format';
import { EChart, type ChartOption } from './EChart';

/** Older buckets in deeper colours: yellow at 1–29 days through dark red past 120. */
const BUCKET_COLORS: Record<Exclude<Bucket, 'current'>, string> = {
  dpd_1_29: '#fab005', dpd_30_59: '#fd7e14', dpd_60_89: '#f03e3e', dpd_90_119: '#c2255c', dpd_120_plus: '#862e9c',
};

/** DPD aging of the active cases; a click on a bar opens the queue filtered to that bucket. */
export function AgingChart({ aging, onBucket }: { aging: AgingBucket[]; onBucket(bucket: Bucket): void }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const bucket = aging[params[0]!.dataIndex]!;
          return `<b>${BUCKET_LABELS[bucket.bucket]} days</b><br/>${count(bucket.accounts)} accounts<br/>Past due: ${amountsLine(bucket.pastDue)}<br/>Balance: ${amountsLine(bucket.balance)}`;
        },
      },
      xAxis: { type: 'category', data: aging.map((b) => `${BUCKET_LABELS[b.bucket]} days`), axisTick: { show: false } },
      yAxis: { type: 'value', name: 'Accounts', nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { opacity: 0.35 } } },
      series: [
        {
          name: 'Accounts',
          type: 'bar',
          barWidth: '56%',
          data: aging.map((b) => ({ value: b.accounts, itemStyle: { color: BUCKET_COLORS[b.bucket as Exclude<Bucket, 'current'>], borderRadius: [6, 6, 0, 0] } })),
          label: { show: true, position: 'top', fontWeight: 600 },
        },
      ],
    }),
    [aging],
  );
  return <EChart option={option} height={280} label="DPD aging chart" onPick={({ dataIndex }) => onBucket(aging[dataIndex]!.bucket)} />;
}
