import { Badge, Chip, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowRight, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseAuditEntry, CaseSummary } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { formatDateTime, formatRelative } from '../../../format/time';
import { useUserNames } from '../case-queries';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, auditFields, auditKind, auditTitle, type AuditKind, type AuditReading } from './audit-text';

const KIND_COLORS: Record<AuditKind, string> = {
  settlement: 'violet', promise: 'teal', contact: 'red', activity: 'blue', case: 'indigo', recovery: 'cyan', message: 'grape', letter: 'orange', task: 'lime', other: 'gray',
};

function EntryRow({ entry, reading }: { entry: CaseAuditEntry; reading: AuditReading }) {
  const kind = auditKind(entry.type);
  const fields = auditFields(entry.type, entry.payload, reading);
  return (
    <Table.Tr data-testid="audit-entry" data-type={entry.type} data-kind={kind}>
      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        <Text size="sm">{formatDateTime(entry.at)}</Text>
        <Text size="xs" c="dimmed">{formatRelative(entry.at)}</Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm">{entry.actorName ?? (entry.actorId === 'system' ? 'System' : 'Another user')}</Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Group gap={6} wrap="nowrap">
          <Badge size="xs" variant="light" color={KIND_COLORS[kind]}>{AUDIT_KIND_LABELS[kind]}</Badge>
          <Text size="sm" fw={600}>{auditTitle(entry.type, entry.payload)}</Text>
        </Group>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Stack gap={2}>
          {fields.map((field, index) => (
            <Text key={`${field.label}-${index}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" size="xs">{field.label}: </Text>
              {'from' in field ? <>{field.from} <IconArrowRight size={11} style={{ verticalAlign: 'middle' }} aria-label="to" /> <b>{field.to}</b></> : field.value}
            </Text>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** The case's audit trail: who did what and when, newest first, each change spelled out, filterable by kind. */
export function AuditTab({ summary }: { summary: CaseSummary }) {
  const caseId = summary.caseId;
  const nameOf = useUserNames();
  const trail = useQuery({ queryKey: ['cases.audit', caseId], queryFn: () => call('cases.audit', { caseId }) });
  const [kinds, setKinds] = useState<string[]>([]);
  const entries = trail.data?.entries ?? [];
  const counts = new Map<AuditKind, number>();
  for (const entry of entries) counts.set(auditKind(entry.type), (counts.get(auditKind(entry.type)) ?? 0) + 1);
  const shown = kinds.length === 0 ? entries : entries.filter((entry) => kinds.includes(auditKind(entry.type)));
  const reading: AuditReading = { currency: trail.data?.currency ?? summary.currency, nameOf: (id) => nameOf(id) };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconShieldLock size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Audit trail</Title></Group>
          {trail.data && <Text size="sm" c="dimmed">{shown.length} of {entries.length} event{entries.length === 1 ? '' : 's'}{trail.data.truncated ? ' (the latest only)' : ''}</Text>}
        </Group>
        {trail.isPending && <Loading what="the audit trail" />}
        {trail.error && <LoadError what="The audit trail" error={trail.error} onRetry={() => void trail.refetch()} />}
        {entries.length > 0 && (
          <Chip.Group multiple value={kinds} onChange={setKinds}>
            <Group gap={6} role="group" aria-label="Filter by kind">
              {AUDIT_KINDS.filter((kind) => counts.has(kind)).map((kind) => (
                <Chip key={kind} value={kind} size="xs" color={KIND_COLORS[kind]}>{AUDIT_KIND_LABELS[kind]} ({counts.get(kind)})</Chip>
              ))}
            </Group>
          </Chip.Group>
        )}
        {trail.data && entries.length === 0 && <Empty>Nothing recorded on this case yet.</Empty>}
        {shown.length > 0 && (
          <Table striped verticalSpacing={6} aria-label="Audit trail">
            <Table.Thead><Table.Tr><Table.Th w={190}>When</Table.Th><Table.Th w={160}>Who</Table.Th><Table.Th>What</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{shown.map((entry) => <EntryRow key={entry.seq} entry={entry} reading={reading} />)}</Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
