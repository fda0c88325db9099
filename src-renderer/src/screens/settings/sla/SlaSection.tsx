import { Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { SlaConfigView } from '../../../../../src-shared/contract';
import type { Stage } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { STAGE_LABELS } from '../../../format/domain-labels';
import { SaveProblem } from '../SaveProblem';
import { SectionHeader } from '../SectionHeader';
import { CONFIGURATION_KEY, useConfiguration } from '../use-configuration';
import { useSettingsSave } from '../use-settings-save';

/** The SLA clocks per stage: hours from a case opening to its first contact, and between follow-ups. */
export function SlaSection({ editable }: { editable: boolean }) {
  const configuration = useConfiguration();
  if (configuration.isPending) return <Loading what="SLA timers" />;
  if (configuration.isError) return <LoadError what="SLA timers" error={configuration.error} onRetry={() => void configuration.refetch()} />;
  return <SlaForm key={JSON.stringify(configuration.data.slaConfigs)} configs={configuration.data.slaConfigs} editable={editable} />;
}

function SlaForm({ configs, editable }: { configs: SlaConfigView[]; editable: boolean }) {
  const [draft, setDraft] = useState(configs);
  const save = useSettingsSave({ save: () => call('settings.saveSlaConfigs', { configs: draft }), done: 'SLA timers saved: the next daily run applies them', reload: [CONFIGURATION_KEY] });
  const update = (stage: Stage, patch: Partial<SlaConfigView>) => setDraft((current) => current.map((config) => (config.stage === stage ? { ...config, ...patch } : config)));
  const changed = JSON.stringify(draft) !== JSON.stringify(configs);
  return (
    <Stack gap="md">
      <SectionHeader title="SLA timers">A case breaches its SLA when its first contact or next follow-up is later than its stage allows. Timers restart from the last outbound contact.</SectionHeader>
      <Table maw={720} verticalSpacing="xs">
        <Table.Thead><Table.Tr><Table.Th>Stage</Table.Th><Table.Th>First contact within (hours)</Table.Th><Table.Th>Follow up every (hours)</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {draft.map((config, index) => (
            <Table.Tr key={config.stage} data-stage={config.stage}>
              <Table.Td><Text size="sm" fw={600}>{STAGE_LABELS[config.stage]}</Text></Table.Td>
              <Table.Td>
                <NumberInput aria-label={`${STAGE_LABELS[config.stage]} first contact hours`} value={config.firstContactHours} min={1} max={1440} allowDecimal={false} disabled={!editable}
                  onChange={(value) => update(config.stage, { firstContactHours: Number(value) })} error={save.fieldError(`configs.${index}.firstContactHours`)} />
              </Table.Td>
              <Table.Td>
                <NumberInput aria-label={`${STAGE_LABELS[config.stage]} follow-up hours`} value={config.followUpHours} min={1} max={1440} allowDecimal={false} disabled={!editable}
                  onChange={(value) => update(config.stage, { followUpHours: Number(value) })} error={save.fieldError(`configs.${index}.followUpHours`)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SaveProblem problem={save.problem} inline={draft.flatMap((_, index) => [`configs.${index}.firstContactHours`, `configs.${index}.followUpHours`])} />
      {editable && (
        <Group gap="xs">
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={!changed}>Save SLA timers</Button>
          {changed && <Button variant="default" onClick={() => setDraft(configs)}>Discard changes</Button>}
        </Group>
      )}
    </Stack>
  );
}
