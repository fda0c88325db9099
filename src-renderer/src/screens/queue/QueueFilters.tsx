import { Badge, Button, Chip, Collapse, Group, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { memo } from 'react';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import type { QueueQuery, QueueSummary, UserSummary } from '../../../../src-shared/contract';
import { BUCKETS, CASE_STATUSES, PRIORITIES, SEVERITIES, STAGES } from '../../../../src-shared/domain/vocabulary';
import { BUCKET_LABELS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../format/domain-labels';

export type QueueFilterState = Omit<QueueQuery, 'page' | 'pageSize' | 'sort' | 'direction'>;

interface Props {
  value: QueueFilterState;
  searchText: string;
  onSearchText(text: string): void;
  onChange(next: QueueFilterState): void;
  agents: UserSummary[];
  queues: QueueSummary[];
}

const options = <T extends string>(values: readonly T[], label: (value: T) => string) => values.map((value) => ({ value, label: label(value) }));
const toMinor = (value: string | number) => (value === '' ? undefined : Math.round(Number(value) * 100));

/** The queue's filter bar: search, the case's classifications, ownership, flags and ranges. Memoised: new rows do not re-render it. */
export const QueueFilters = memo(function QueueFilters({ value, searchText, onSearchText, onChange, agents, queues }: Props) {
  const set = (patch: Partial<QueueFilterState>) => onChange({ ...value, ...patch });
  const moreCount = [value.buckets?.length, value.severities?.length, value.flags?.length, value.dpdMin !== undefined || value.dpdMax !== undefined, value.balanceMinMinor !== undefined || value.balanceMaxMinor !== undefined].filter(Boolean).length;
  // Opened from the start when the filters arrive set (a dashboard drill-down to a bucket), so they are in view.
  const [more, { toggle }] = useDisclosure(moreCount > 0);
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          aria-label="Search cases"
          label="Search"
          placeholder="Name, account or phone"
          leftSection={<IconSearch size={16} />}
          value={searchText}
          onChange={(event) => onSearchText(event.currentTarget.value)}
          w={240}
        />
        <MultiSelect label="Status" placeholder={value.statuses?.length ? undefined : 'Active'} data={options(CASE_STATUSES, (s) => STATUS_LABELS[s])} value={value.statuses ?? []} onChange={(statuses) => set({ statuses: statuses as QueueFilterState['statuses'] })} w={170} clearable />
        <MultiSelect label="Stage" placeholder={value.stages?.length ? undefined : 'Any'} data={options(STAGES, (s) => STAGE_LABELS[s])} value={value.stages ?? []} onChange={(stages) => set({ stages: stages as QueueFilterState['stages'] })} w={170} clearable />
        <MultiSelect label="Priority" placeholder={value.priorities?.length ? undefined : 'Any'} data={options(PRIORITIES, titleCase)} value={value.priorities ?? []} onChange={(priorities) => set({ priorities: priorities as QueueFilterState['priorities'] })} w={150} clearable />
        <Select label="Queue" placeholder="Any" data={queues.map((q) => ({ value: q.id, label: q.name }))} value={value.queueId ?? null} onChange={(queueId) => set({ queueId: queueId ?? undefined })} w={170} clearable />
        <Select
          label="Agent"
          placeholder="Anyone"
          data={[{ value: 'unassigned', label: 'Unassigned' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
          value={value.agentId ?? null}
          onChange={(agentId) => set({ agentId: agentId ?? undefined })}
          w={180}
          searchable
          clearable
        />
        <Button variant="light" leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={toggle} aria-expanded={more} rightSection={moreCount > 0 ? <Badge size="xs" circle>{moreCount}</Badge> : undefined}>
          More filters
        </Button>
        <Button variant="subtle" color="gray" onClick={() => { onSearchText(''); onChange({}); }}>Clear</Button>
      </Group>
      <Collapse in={more}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <MultiSelect label="Bucket" placeholder={value.buckets?.length ? undefined : 'Any'} data={options(BUCKETS, (b) => BUCKET_LABELS[b])} value={value.buckets ?? []} onChange={(buckets) => set({ buckets: buckets as QueueFilterState['buckets'] })} w={170} clearable />
          <MultiSelect label="Severity" placeholder={value.severities?.length ? undefined : 'Any'} data={options(SEVERITIES, titleCase)} value={value.severities ?? []} onChange={(severities) => set({ severities: severities as QueueFilterState['severities'] })} w={170} clearable />
          <NumberInput label="DPD from" value={value.dpdMin ?? ''} onChange={(v) => set({ dpdMin: v === '' ? undefined : Number(v) })} min={0} w={100} allowDecimal={false} />
          <NumberInput label="DPD to" value={value.dpdMax ?? ''} onChange={(v) => set({ dpdMax: v === '' ? undefined : Number(v) })} min={0} w={100} allowDecimal={false} />
          <NumberInput label="Balance from" value={value.balanceMinMinor === undefined ? '' : value.balanceMinMinor / 100} onChange={(v) => set({ balanceMinMinor: toMinor(v) })} min={0} w={130} thousandSeparator="," />
          <NumberInput label="Balance to" value={value.balanceMaxMinor === undefined ? '' : value.balanceMaxMinor / 100} onChange={(v) => set({ balanceMaxMinor: toMinor(v) })} min={0} w={130} thousandSeparator="," />
          <Chip.Group multiple value={value.flags ?? []} onChange={(flags) => set({ flags: flags as QueueFilterState['flags'] })}>
            <Group gap={6} pb={6}>
              <Chip value="dispute" size="sm">Dispute</Chip>
              <Chip value="vulnerability" size="sm">Vulnerable</Chip>
              <Chip value="hardship" size="sm">Hardship</Chip>
            </Group>
          </Chip.Group>
        </Group>
      </Collapse>
    </Stack>
  );
});
