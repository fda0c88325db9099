import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { RULE_PRESETS, type JurisdictionRule, type RulePreset } from '../../../../../src-shared/compliance/rules';
import type { ComplianceRuleView } from '../../../../../src-shared/contract';
import { CHANNELS, type Channel } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { SaveProblem } from '../../settings/SaveProblem';
import { useSettingsSave } from '../../settings/use-settings-save';
import { PRESET_LABELS, hoursText } from './rule-text';
import { RULES_KEY } from './rules-key';

/** Everything a rule change alters: the list, and every gate answer and compliance record on screen. */
const RELOAD = [RULES_KEY, ['compliance.check'], ['cases.compliance']] as const;

const FIELDS = ['hoursStart', 'hoursEnd', 'dailyCap', 'weeklyCap', 'coolingOffMinutes', 'countedChannels'];

const orNull = (value: string | number) => (value === '' ? null : Number(value));

/** One jurisdiction's rule: administrators edit, save or reset it to the preset; supervisors read it. */
export function RuleEditor({ rule, onClose }: { rule: ComplianceRuleView; onClose: () => void }) {
  const editable = useCan('admin_settings');
  const [draft, setDraft] = useState<JurisdictionRule>(() => stripView(rule));
  const save = useSettingsSave({ save: () => call('complianceAdmin.saveRule', draft), done: `${rule.jurisdiction} rule saved`, reload: RELOAD, onSaved: onClose });
  const reset = useSettingsSave({ save: () => call('complianceAdmin.resetRule', { jurisdiction: rule.jurisdiction }), done: `${rule.jurisdiction} is back on its preset`, reload: RELOAD, onSaved: onClose });
  const update = (patch: Partial<JurisdictionRule>) => setDraft((current) => ({ ...current, ...patch }));
  const changed = JSON.stringify(draft) !== JSON.stringify(stripView(rule));
  const preset = rule.presetValues;
  return (
    <Modal opened onClose={onClose} title={`${rule.jurisdiction} contact rule`} size="lg">
      <Stack gap="sm" data-testid="rule-editor">
        <Select label="Statutory preset" data={RULE_PRESETS.map((value) => ({ value, label: PRESET_LABELS[value] }))} value={draft.preset} allowDeselect={false} disabled={!editable}
          onChange={(value) => value && update({ preset: value as RulePreset })} />
        <SimpleGrid cols={2}>
          <TextInput label="Contact hours from" description="HH:MM, borrower's local time" value={draft.hoursStart} disabled={!editable}
            onChange={(event) => update({ hoursStart: event.currentTarget.value })} error={save.fieldError('hoursStart')} />
          <TextInput label="Until (exclusive)" description="The same as the start: the whole day" value={draft.hoursEnd} disabled={!editable}
            onChange={(event) => update({ hoursEnd: event.currentTarget.value })} error={save.fieldError('hoursEnd')} />
          <NumberInput label="Daily cap" description="Empty: no cap" value={draft.dailyCap ?? ''} min={1} max={100} allowDecimal={false} disabled={!editable}
            onChange={(value) => update({ dailyCap: orNull(value) })} error={save.fieldError('dailyCap')} />
          <NumberInput label="7-day cap" description="Empty: no cap" value={draft.weeklyCap ?? ''} min={1} max={100} allowDecimal={false} disabled={!editable}
            onChange={(value) => update({ weeklyCap: orNull(value) })} error={save.fieldError('weeklyCap')} />
          <NumberInput label="Cooling-off (minutes)" description="Between two contacts; empty: none" value={draft.coolingOffMinutes ?? ''} min={1} max={10080} allowDecimal={false} disabled={!editable}
            onChange={(value) => update({ coolingOffMinutes: orNull(value) })} error={save.fieldError('coolingOffMinutes')} />
        </SimpleGrid>
        <Checkbox.Group label="Channels the caps count" value={draft.countedChannels} onChange={(value) => update({ countedChannels: value as Channel[] })} error={save.fieldError('countedChannels')}>
          <Group gap="md" mt={6}>{CHANNELS.map((channel) => <Checkbox key={channel} value={channel} label={CHANNEL_LABELS[channel]} disabled={!editable} />)}</Group>
        </Checkbox.Group>
        <Text size="xs" c="dimmed">
          Preset values: {hoursText(preset)}, daily {preset.dailyCap ?? 'none'}, 7-day {preset.weeklyCap ?? 'none'}, cooling-off {preset.coolingOffMinutes ?? 'none'} min.
        </Text>
        <SaveProblem problem={save.problem ?? reset.problem} inline={FIELDS} />
        {editable && (
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" color="red" onClick={() => reset.mutate(undefined)} loading={reset.isPending} disabled={rule.source === 'preset'}>Reset to preset</Button>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={!changed}>Save rule</Button>
            </Group>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}

function stripView(rule: ComplianceRuleView): JurisdictionRule {
  const { jurisdiction, preset, hoursStart, hoursEnd, dailyCap, weeklyCap, coolingOffMinutes, countedChannels } = rule;
  return { jurisdiction, preset, hoursStart, hoursEnd, dailyCap, weeklyCap, coolingOffMinutes, countedChannels };
}
