import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { addDays, parseIsoDate, type IsoDate } from '../../../../src-shared/dates';

interface Props {
  businessDate: IsoDate;
  from: IsoDate;
  to: IsoDate;
  onChange(range: { from: IsoDate; to: IsoDate }): void;
}

/** The usual periods, counted back from the business date. */
function presets(businessDate: IsoDate): Record<string, { from: IsoDate; to: IsoDate }> {
  return {
    mtd: { from: `${businessDate.slice(0, 8)}01` as IsoDate, to: businessDate },
    '7d': { from: addDays(businessDate, -6), to: businessDate },
    '30d': { from: addDays(businessDate, -29), to: businessDate },
  };
}

/** The dashboard's period: a preset (month to date, 7 or 30 days) or any from–to range up to the business date. */
export function PeriodPicker({ businessDate, from, to, onChange }: Props) {
  const ranges = presets(businessDate);
  // A typed range matches no preset, and the control then shows none selected.
  const preset = Object.entries(ranges).find(([, range]) => range.from === from && range.to === to)?.[0] ?? '';
  const setDate = (which: 'from' | 'to', text: string) => {
    const date = parseIsoDate(text);
    if (!date) return;
    const next = { from, to, [which]: date };
    // A range typed backwards is read the way it was meant.
    onChange(next.from <= next.to ? next : { from: next.to, to: next.from });
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <SegmentedControl
        aria-label="Period"
        value={preset}
        onChange={(value) => ranges[value] && onChange(ranges[value])}
        data={[{ value: 'mtd', label: 'Month' }, { value: '7d', label: '7 days' }, { value: '30d', label: '30 days' }]}
      />
      <TextInput type="date" label="From" value={from} max={businessDate} onChange={(event) => setDate('from', event.currentTarget.value)} w={136} />
      <TextInput type="date" label="To" value={to} max={businessDate} onChange={(event) => setDate('to', event.currentTarget.value)} w={136} />
    </Group>
  );
}
