import { ActionIcon, Button, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Switch, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { DunningScheduleView, DunningStepView } from '../../../../../src-shared/contract';
import { CHANNELS, SUB_STATUSES, type Channel, type SubStatus } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { CONFIGURATION_KEY } from '../use-configuration';
import { useSettingsSave } from '../use-settings-save';

type StepDraft = Omit<DunningStepView, 'id'> & { id?: string; key: string };

let nextKey = 0;
const keyed = (step: Omit<StepDraft, 'key'>): StepDraft => ({ ...step, key: `step-${nextKey++}` });

/** One schedule's name, default flag and steps, edited as a table and saved whole. */
export function DunningScheduleForm({ schedule, templateNames, editable, onSaved }: { schedule: DunningScheduleView | null; templateNames: string[]; editable: boolean; onSaved: (saved: DunningScheduleView) => void }) {
  const [name, setName] = useState(schedule?.name ?? '');
  const [isDefault, setIsDefault] = useState(schedule?.isDefault ?? false);
  const [steps, setSteps] = useState<StepDraft[]>(() => (schedule?.steps ?? []).map(keyed));
  const save = useSettingsSave({
    save: () => call('settings.saveDunningSchedule', { ...(schedule ? { id: schedule.id } : {}), name, isDefault, steps: steps.map(({ key: _key, ...step }) => step) }),
    done: 'Dunning schedule saved: the next daily run plans from it',
    reload: [CONFIGURATION_KEY],
    onSaved,
  });
  const update = (key: string, patch: Partial<StepDraft>) => setSteps((current) => current.map((step) => (step.key === key ? { ...step, ...patch } : step)));
  const templatesOf = (channel: Channel) => templateNames.filter((template) => template.startsWith(`${channel}_`));
  const inline = ['name', ...steps.flatMap((_, index) => [`steps.${index}.dpdTrigger`, `steps.${index}.templateName`])];
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end">
        <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} disabled={!editable} w={320} error={save.fieldError('name')} />
        <Switch label="Default schedule" checked={isDefault} onChange={(event) => setIsDefault(event.currentTarget.checked)} disabled={!editable} mb={8} />
      </Group>
      <Table verticalSpacing={4} data-testid="dunning-steps">
        <Table.Thead>
          <Table.Tr><Table.Th w={110}>Day past due</Table.Th><Table.Th w={140}>Channel</Table.Th><Table.Th w={250}>Template</Table.Th><Table.Th>Suppressed during</Table.Th><Table.Th w={90}>Escalates</Table.Th><Table.Th w={40} /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((step, index) => (
            <Table.Tr key={step.key}>
              <Table.Td>
                <NumberInput size="xs" aria-label={`Step ${index + 1} day past due`} value={step.dpdTrigger} min={-60} max={3650} allowDecimal={false} disabled={!editable}
                  onChange={(value) => update(step.key, { dpdTrigger: Number(value) })} error={save.fieldError(`steps.${index}.dpdTrigger`)} />
              </Table.Td>
              <Table.Td>
                <Select size="xs" aria-label={`Step ${index + 1} channel`} data={[...CHANNELS]} value={step.channel} allowDeselect={false} disabled={!editable}
                  onChange={(value) => value && update(step.key, { channel: value as Channel, templateName: templatesOf(value as Channel)[0] ?? '' })} />
              </Table.Td>
              <Table.Td>
                <Select size="xs" aria-label={`Step ${index + 1} template`} data={templatesOf(step.channel)} value={step.templateName} allowDeselect={false} searchable disabled={!editable}
                  onChange={(value) => value && update(step.key, { templateName: value })} error={save.fieldError(`steps.${index}.templateName`)} />
              </Table.Td>
              <Table.Td>
                <MultiSelect size="xs" aria-label={`Step ${index + 1} suppressed during`} data={[...SUB_STATUSES]} value={step.suppressDuring} disabled={!editable}
                  onChange={(value) => update(step.key, { suppressDuring: value as SubStatus[] })} />
              </Table.Td>
              <Table.Td><Checkbox aria-label={`Step ${index + 1} escalates`} checked={step.escalate} disabled={!editable} onChange={(event) => update(step.key, { escalate: event.currentTarget.checked })} /></Table.Td>
              <Table.Td>
                {editable && <ActionIcon variant="subtle" color="red" aria-label={`Remove step ${index + 1}`} onClick={() => setSteps((current) => current.filter((other) => other.key !== step.key))}><IconTrash size={16} /></ActionIcon>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SaveProblem problem={save.problem} inline={inline} />
      {editable && (
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPlus size={16} />}
            onClick={() => setSteps((current) => [...current, keyed({ dpdTrigger: (current.at(-1)?.dpdTrigger ?? 0) + 7, channel: 'sms', templateName: templatesOf('sms')[0] ?? '', suppressDuring: [...SUB_STATUSES], escalate: false })])}>
            Add step
          </Button>
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>Save schedule</Button>
        </Group>
      )}
    </Stack>
  );
}
