import { Badge, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { QueueRow, QueueSortField } from '../../../../src-shared/contract';
import { formatMinor } from '../../../../src-shared/money';
import { BUCKET_LABELS, NBA_LABELS, PRIORITY_COLORS, SEVERITY_COLORS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../format/domain-labels';

interface Props {
  rows: QueueRow[];
  sort: QueueSortField;
  direction: 'asc' | 'desc';
  onSort(field: QueueSortField): void;
  onOpen(row: QueueRow): void;
}

function SortHeader({ field, label, sort, direction, onSort, align }: { field: QueueSortField; label: string; align?: 'right' } & Pick<Props, 'sort' | 'direction' | 'onSort'>) {
  const Icon = sort !== field ? IconSelector : direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th style={{ textAlign: align }} aria-sort={sort === field ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(field)}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <Text fw={600} size="sm">{label}</Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function QueueTable({ rows, sort, direction, onSort, onOpen }: Props) {
  const header = { sort, direction, onSort };
  return (
    <Table.ScrollContainer minWidth={1250}>
      <Table striped highlightOnHover stickyHeader verticalSpacing={6} aria-label="Collections queue" styles={{ th: { whiteSpace: 'nowrap' }, td: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="name" label="Borrower" {...header} />
            <Table.Th>Account</Table.Th>
            <SortHeader field="dpd" label="DPD" align="right" {...header} />
            <Table.Th style={{ textAlign: 'right' }}>Past due</Table.Th>
            <SortHeader field="balance" label="Balance" align="right" {...header} />
            <Table.Th>Stage</Table.Th>
            <Table.Th>Severity</Table.Th>
            <SortHeader field="priority" label="Priority" {...header} />
            <Table.Th>Next best action</Table.Th>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Status</Table.Th>
            <SortHeader field="opened" label="Opened" {...header} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.caseId}
              onClick={() => onOpen(row)}
              onKeyDown={(event) => { if (event.key === 'Enter') onOpen(row); }}
              tabIndex={0}
              className="mantine-focus-auto"
              aria-label={`Open the case of ${row.borrowerName}, ${row.accountNumber}`}
              style={{ cursor: 'pointer' }}
              data-case-id={row.caseId}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>{row.borrowerName}</Text>
                  {row.flags.map((flag) => (
                    <Tooltip key={flag} label={titleCase(flag)}>
                      <Badge size="xs" variant="dot" color={flag === 'dispute' ? 'orange' : 'grape'}>{flag.slice(0, 4)}</Badge>
                    </Tooltip>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td><Text size="sm" ff="monospace">{row.accountNumber}</Text></Table.Td>
              <Table.Td style={{ textAlign: 'right' }}><Text size="sm" fw={600}>{row.dpd}</Text></Table.Td>
              <Table.Td style={{ textAlign: 'right' }}><Text size="sm">{formatMinor(row.amountPastDueMinor, row.currency)}</Text></Table.Td>
              <Table.Td style={{ textAlign: 'right' }}><Text size="sm">{formatMinor(row.balanceMinor, row.currency)}</Text></Table.Td>
              <Table.Td>
                <Tooltip label={`Bucket ${BUCKET_LABELS[row.bucket]}`}>
                  <Text size="sm">{row.stage ? STAGE_LABELS[row.stage] : '—'}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>{row.severity ? <Badge variant="light" color={SEVERITY_COLORS[row.severity]} styles={{ label: { overflow: 'visible' } }}>{row.severity}</Badge> : '—'}</Table.Td>
              <Table.Td><Badge variant="filled" color={PRIORITY_COLORS[row.priority]}>{row.priority}</Badge></Table.Td>
              <Table.Td>{row.nbaAction ? <Badge variant="light" tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>{NBA_LABELS[row.nbaAction]}</Badge> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
              <Table.Td><Text size="sm" c={row.assignedAgentName ? undefined : 'dimmed'}>{row.assignedAgentName ?? 'Unassigned'}</Text></Table.Td>
              <Table.Td><Text size="sm">{STATUS_LABELS[row.status]}</Text></Table.Td>
              <Table.Td><Text size="sm">{row.openedOn}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
