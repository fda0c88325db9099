import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { QueueRuleInput, QueueView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { CONFIGURATION_KEY } from '../use-configuration';
import { useSettingsSave } from '../use-settings-save';

type RuleDraft = QueueRuleInput & { key: string };
let nextKey = 0;
const keyed = (rule: QueueRuleInput): RuleDraft => ({ ...rule, key: `rule-${nextKey++}` });
const EMPTY_RULE: QueueRuleInput = { dpdMin: null, dpdMax: null, balanceMinMinor: null, balanceMaxMinor: null, productCode: null, riskGrade: null };
const numberOrNull = (value: string | number) => (value === '' ? null : Number(value));

/** A queue's name, priority, rotation of collectors and assignment rules (balances typed in major units). */
export function QueueForm({ queue, collectors, productCodes, onDone }: { queue: QueueView | null; collectors: { id: string; name: string }[]; productCodes: string[]; onDone: () => void }) {
  const [name, setName] = useState(queue?.name ?? '');
  const [priority, setPriority] = useState<number | string>(queue?.priority ?? 10);
  const [isActive, setIsActive] = useState(queue?.isActive ?? true);
  const [memberIds, setMemberIds] = useState<string[]>(queue?.memberIds ?? []);
  const [defaultCollectorId, setDefaultCollectorId] = useState<string | null>(queue?.defaultCollectorId ?? null);
  const [rules, setRules] = useState<RuleDraft[]>(() => (queue?.rules ?? []).map(keyed));
  const save = useSettingsSave({
    save: () => call('settings.saveQueue', { ...(queue ? { id: queue.id } : {}), name, priority: Number(priority), isActive, memberIds, defaultCollectorId, rules: rules.map(({ key: _key, ...rule }) => rule) }),
    done: 'Queue saved: the next daily run assigns by it',
    reload: [CONFIGURATION_KEY, ['directory.queues']],
    onSaved: onDone,
  });
  const update = (key: string, patch: Partial<RuleDraft>) => setRules((current) => current.map((rule) => (rule.key === key ? { ...rule, ...patch } : rule)));
  const minorInput = (label: string, value: number | null, onChange: (minor: number | null) => void, error?: string) => (
    <NumberInput size="xs" aria-label={label} value={value === null ? '' : value / 100} min={0} decimalScale={2} thousandSeparator="," placeholder="any" error={error}
      onChange={(next) => onChange(next === '' ? null : Math.round(Number(next) * 100))} />
  );
  const inline = ['name', 'priority', 'defaultCollectorId', ...rules.flatMap((_, index) => [`rules.${index}.dpdMax`, `rules.${index}.balanceMaxMinor`, `rules.${index}.productCode`])];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="sm">
        <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={save.fieldError('name')} required />
        <NumberInput label="Priority" description="Lower is matched first" value={priority} onChange={setPriority} min={0} max={1000} allowDecimal={false} error={save.fieldError('priority')} />
        <Switch label="Active" checked={isActive} onChange={(event) => setIsActive(event.currentTarget.checked)} mt={34} />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <MultiSelect label="Collectors, in turn" data={collectors.map((collector) => ({ value: collector.id, label: collector.name }))} value={memberIds} searchable
          onChange={(next) => { setMemberIds(next); if (defaultCollectorId && !next.includes(defaultCollectorId)) setDefaultCollectorId(null); }} error={save.fieldError('memberIds')} />
        <Select label="Default collector" data={memberIds.map((id) => ({ value: id, label: collectors.find((collector) => collector.id === id)?.name ?? id }))} value={defaultCollectorId}
          onChange={setDefaultCollectorId} clearable placeholder="None" error={save.fieldError('defaultCollectorId')} />
      </SimpleGrid>
      <Text size="sm" fw={600} mt="xs">Rules (a case matching any one is placed here; an empty bound matches anything)</Text>
      <Table verticalSpacing={4}>
        <Table.Thead><Table.Tr><Table.Th>DPD from</Table.Th><Table.Th>DPD to</Table.Th><Table.Th>Balance from</Table.Th><Table.Th>Balance to</Table.Th><Table.Th>Product</Table.Th><Table.Th>Risk grade</Table.Th><Table.Th w={40} /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rules.map((rule, index) => (
            <Table.Tr key={rule.key}>
              <Table.Td><NumberInput size="xs" aria-label={`Rule ${index + 1} DPD from`} value={rule.dpdMin ?? ''} min={0} allowDecimal={false} placeholder="any" onChange={(value) => update(rule.key, { dpdMin: numberOrNull(value) })} /></Table.Td>
              <Table.Td><NumberInput size="xs" aria-label={`Rule ${index + 1} DPD to`} value={rule.dpdMax ?? ''} min={0} allowDecimal={false} placeholder="any" onChange={(value) => update(rule.key, { dpdMax: numberOrNull(value) })} error={save.fieldError(`rules.${index}.dpdMax`)} /></Table.Td>
              <Table.Td>{minorInput(`Rule ${index + 1} balance from`, rule.balanceMinMinor, (minor) => update(rule.key, { balanceMinMinor: minor }))}</Table.Td>
              <Table.Td>{minorInput(`Rule ${index + 1} balance to`, rule.balanceMaxMinor, (minor) => update(rule.key, { balanceMaxMinor: minor }), save.fieldError(`rules.${index}.balanceMaxMinor`))}</Table.Td>
              <Table.Td><Select size="xs" aria-label={`Rule ${index + 1} product`} data={productCodes} value={rule.productCode} clearable placeholder="any" onChange={(value) => update(rule.key, { productCode: value })} error={save.fieldError(`rules.${index}.productCode`)} /></Table.Td>
              <Table.Td><TextInput size="xs" aria-label={`Rule ${index + 1} risk grade`} value={rule.riskGrade ?? ''} placeholder="any" onChange={(event) => update(rule.key, { riskGrade: event.currentTarget.value.trim() || null })} /></Table.Td>
              <Table.Td><ActionIcon variant="subtle" color="red" aria-label={`Remove rule ${index + 1}`} onClick={() => setRules((current) => current.filter((other) => other.key !== rule.key))}><IconTrash size={16} /></ActionIcon></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group><Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setRules((current) => [...current, keyed(EMPTY_RULE)])}>Add rule</Button></Group>
      <SaveProblem problem={save.problem} inline={inline} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>Save queue</Button>
      </Group>
    </Stack>
  );
}
