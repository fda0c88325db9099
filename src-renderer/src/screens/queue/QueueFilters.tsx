import { Badge, Button, Chip, Collapse, Group, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { memo, useMemo, type Dispatch, type SetStateAction } from 'react';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import type { QueueQuery, QueueSummary, UserSummary } from '../../../../src-shared/contract';
import { BUCKETS, CASE_STATUSES, DEFAULT_TYPES, PRIORITIES, SEVERITIES, STAGES } from '../../../../src-shared/domain/vocabulary';
import { BUCKET_LABELS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../format/domain-labels';

export type QueueFilterState = Omit<QueueQuery, 'page' | 'pageSize' | 'sort' | 'direction'>;

interface Props {
  value: QueueFilterState;
  searchText: string;
  onSearchText(text: string): void;
  /** A state setter: the controls patch the filters as they stand when the change lands. */
  onChange: Dispatch<SetStateAction<QueueFilterState>>;
  agents: UserSummary[];
  queues: QueueSummary[];
}

const options = <T extends string>(values: readonly T[], label: (value: T) => string) => values.map((value) => ({ value, label: label(value) }));
const toMinor = (value: string | number) => (value === '' ? undefined : Math.round(Number(value) * 100));
const NONE: never[] = [];
const STATUS_OPTIONS = options(CASE_STATUSES, (s) => STATUS_LABELS[s]);
const STAGE_OPTIONS = options(STAGES, (s) => STAGE_LABELS[s]);
const PRIORITY_OPTIONS = options(PRIORITIES, titleCase);
const BUCKET_OPTIONS = options(BUCKETS, (b) => BUCKET_LABELS[b]);
const SEVERITY_OPTIONS = options(SEVERITIES, titleCase);
const DEFAULT_TYPE_OPTIONS = options(DEFAULT_TYPES, titleCase);

// Each control renders again only when its own props change: typing a DPD floor leaves the other selects alone.
const FilterMultiSelect = memo(MultiSelect);
const FilterSelect = memo(Select);
const FilterNumber = memo(NumberInput);

/**
 * Stable change handlers, one per filter, each patching the filters as they are when it runs
 * (a state updater): the memoised controls keep their props from one keystroke to the next.
 */
function useFilterSetters(onChange: Dispatch<SetStateAction<QueueFilterState>>) {
  return useMemo(() => {
    const set = (patch: Partial<QueueFilterState>) => onChange((current) => ({ ...current, ...patch }));
    const list = (key: 'statuses' | 'stages' | 'priorities' | 'buckets' | 'severities' | 'defaultTypes' | 'flags') => (values: string[]) => set({ [key]: values } as Partial<QueueFilterState>);
    const whole = (key: 'dpdMin' | 'dpdMax') => (v: string | number) => set({ [key]: v === '' ? undefined : Number(v) });
    const money = (key: 'balanceMinMinor' | 'balanceMaxMinor') => (v: string | number) => set({ [key]: toMinor(v) });
    return {
      statuses: list('statuses'), stages: list('stages'), priorities: list('priorities'), buckets: list('buckets'), severities: list('severities'), defaultTypes: list('defaultTypes'), flags: list('flags'),
      queueId: (queueId: string | null) => set({ queueId: queueId ?? undefined }),
      agentId: (agentId: string | null) => set({ agentId: agentId ?? undefined }),
      dpdMin: whole('dpdMin'), dpdMax: whole('dpdMax'), balanceMinMinor: money('balanceMinMinor'), balanceMaxMinor: money('balanceMaxMinor'),
    };
  }, [onChange]);
}

/** The queue's filter bar: search, the case's classifications, ownership, flags and ranges. Memoised: new rows do not re-render it. */
export const QueueFilters = memo(function QueueFilters({ value, searchText, onSearchText, onChange, agents, queues }: Props) {
  const set = useFilterSetters(onChange);
  const queueOptions = useMemo(() => queues.map((q) => ({ value: q.id, label: q.name })), [queues]);
  const agentOptions = useMemo(() => [{ value: 'unassigned', label: 'Unassigned' }, ...agents.map((a) => ({ value: a.id, label: a.name }))], [agents]);
  const moreCount = [value.buckets?.length, value.severities?.length, value.defaultTypes?.length, value.flags?.length, value.dpdMin !== undefined || value.dpdMax !== undefined, value.balanceMinMinor !== undefined || value.balanceMaxMinor !== undefined].filter(Boolean).length;
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
        <FilterMultiSelect label="Status" placeholder={value.statuses?.length ? undefined : 'Active'} data={STATUS_OPTIONS} value={value.statuses ?? NONE} onChange={set.statuses} w={170} clearable />
        <FilterMultiSelect label="Stage" placeholder={value.stages?.length ? undefined : 'Any'} data={STAGE_OPTIONS} value={value.stages ?? NONE} onChange={set.stages} w={170} clearable />
        <FilterMultiSelect label="Priority" placeholder={value.priorities?.length ? undefined : 'Any'} data={PRIORITY_OPTIONS} value={value.priorities ?? NONE} onChange={set.priorities} w={150} clearable />
        <FilterSelect label="Queue" placeholder="Any" data={queueOptions} value={value.queueId ?? null} onChange={set.queueId} w={170} clearable />
        <FilterSelect label="Agent" placeholder="Anyone" data={agentOptions} value={value.agentId ?? null} onChange={set.agentId} w={180} searchable clearable />
        <Button variant="light" leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={toggle} aria-expanded={more} rightSection={moreCount > 0 ? <Badge size="xs" circle>{moreCount}</Badge> : undefined}>
          More filters
        </Button>
        <Button variant="subtle" color="gray" onClick={() => { onSearchText(''); onChange({}); }}>Clear</Button>
      </Group>
      <Collapse in={more}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FilterMultiSelect label="Bucket" placeholder={value.buckets?.length ? undefined : 'Any'} data={BUCKET_OPTIONS} value={value.buckets ?? NONE} onChange={set.buckets} w={170} clearable />
          <FilterMultiSelect label="Severity" placeholder={value.severities?.length ? undefined : 'Any'} data={SEVERITY_OPTIONS} value={value.severities ?? NONE} onChange={set.severities} w={170} clearable />
          <FilterMultiSelect label="Default type" placeholder={value.defaultTypes?.length ? undefined : 'Any'} data={DEFAULT_TYPE_OPTIONS} value={value.defaultTypes ?? NONE} onChange={set.defaultTypes} w={190} clearable />
          <FilterNumber label="DPD from" value={value.dpdMin ?? ''} onChange={set.dpdMin} min={0} w={100} allowDecimal={false} />
          <FilterNumber label="DPD to" value={value.dpdMax ?? ''} onChange={set.dpdMax} min={0} w={100} allowDecimal={false} />
          <FilterNumber label="Balance from" value={value.balanceMinMinor === undefined ? '' : value.balanceMinMinor / 100} onChange={set.balanceMinMinor} min={0} w={130} thousandSeparator="," />
          <FilterNumber label="Balance to" value={value.balanceMaxMinor === undefined ? '' : value.balanceMaxMinor / 100} onChange={set.balanceMaxMinor} min={0} w={130} thousandSeparator="," />
          <Chip.Group multiple value={value.flags ?? NONE} onChange={set.flags}>
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
