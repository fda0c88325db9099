import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComplianceRuleView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../../settings/SectionHeader';
import { RuleEditor } from './RuleEditor';
import { capsText, channelsText, coolingOffText, hoursText } from './rule-text';
import { RULES_KEY } from './rules-key';

/** Every jurisdiction the gate meets, with the rule it applies there; administrators edit or reset each. */
export function RulesSection({ editable }: { editable: boolean }) {
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => call('complianceAdmin.rules', {}) });
  const [editing, setEditing] = useState<string | null>(null);
  if (rules.isPending) return <Loading what="compliance rules" />;
  if (rules.isError) return <LoadError what="Compliance rules" error={rules.error} onRetry={() => void rules.refetch()} />;
  const current = rules.data.find((rule) => rule.jurisdiction === editing) ?? null;
  return (
    <Stack gap="md">
      <SectionHeader title="Rules per jurisdiction">
        The hours (borrower's local time), caps and cooling-off the compliance gate applies before any call or message. A jurisdiction without a stored rule uses its built-in preset.
      </SectionHeader>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" striped aria-label="Compliance rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Jurisdiction</Table.Th><Table.Th>Hours</Table.Th><Table.Th>Caps</Table.Th><Table.Th>Cooling-off</Table.Th><Table.Th>Counts</Table.Th><Table.Th>Statutory</Table.Th>
              <Table.Th ta="right">Borrowers</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rules.data.map((rule) => <RuleRow key={rule.jurisdiction} rule={rule} editable={editable} onEdit={() => setEditing(rule.jurisdiction)} />)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {current && <RuleEditor key={current.jurisdiction} rule={current} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function RuleRow({ rule, editable, onEdit }: { rule: ComplianceRuleView; editable: boolean; onEdit: () => void }) {
  return (
    <Table.Tr data-testid="compliance-rule" data-jurisdiction={rule.jurisdiction}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={700}>{rule.jurisdiction}</Text>
          <Badge size="xs" variant={rule.source === 'stored' ? 'light' : 'outline'} color={rule.source === 'stored' ? 'indigo' : 'gray'}>{rule.source === 'stored' ? 'Stored' : 'Preset'}</Badge>
        </Group>
      </Table.Td>
      <Table.Td data-testid="rule-hours"><Text size="sm">{hoursText(rule)}</Text></Table.Td>
      <Table.Td><Text size="sm">{capsText(rule)}</Text></Table.Td>
      <Table.Td><Text size="sm">{coolingOffText(rule.coolingOffMinutes)}</Text></Table.Td>
      <Table.Td><Text size="xs" c="dimmed">{channelsText(rule.countedChannels)}{rule.countsAcrossLoans ? ' (all loans)' : ' (per debt)'}</Text></Table.Td>
      <Table.Td>
        {rule.regulationF ? <Badge size="sm" variant="light" color="grape">{rule.preset === 'US' ? 'Reg F 7-in-7' : rule.preset === 'US-MA' ? 'Reg F + MA 2-in-7' : 'Reg F + NYC 3-in-7'}</Badge> : <Text size="xs" c="dimmed">None</Text>}
      </Table.Td>
      <Table.Td ta="right">{rule.borrowers}</Table.Td>
      <Table.Td ta="right">
        <Button size="xs" variant="default" onClick={onEdit} aria-label={`${editable ? 'Edit' : 'View'} ${rule.jurisdiction} rule`}>{editable ? 'Edit' : 'View'}</Button>
      </Table.Td>
    </Table.Tr>
  );
}
