import { Badge, Checkbox, Group, Skeleton, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { QueueRow, QueueSortField } from '../../../../src-shared/contract';
import { formatMinor } from '../../../../src-shared/money';
import { BUCKET_LABELS, NBA_LABELS, PRIORITY_COLORS, SEVERITY_COLORS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../format/domain-labels';

const ROW_HEIGHT = 41;
const COLUMNS = 12;

interface Props {
  total: number;
  rowAt(index: number): QueueRow | undefined;
  sort: QueueSortField;
  direction: 'asc' | 'desc';
  onSort(field: QueueSortField): void;
  onOpen(row: QueueRow): void;
  /** Which rows are on screen, so their blocks can be read. */
  onVisibleRange(range: { first: number; last: number }): void;
  /** Present for supervisors: the bulk selection. */
  selection?: { has(caseId: string): boolean; toggle(caseId: string): void };
}

/** Moves keyboard focus through the rows (j/k), scrolling the window so the row exists to focus. */
export interface QueueTableHandle {
  focusRow(step: number): void;
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

/**
 * One case's row. Memoised on the row object: a filter change re-renders the screen before its
 * answer arrives, and the rows already on screen need not render again for it.
 */
const QueueRowView = memo(function QueueRowView({ row, index, selectable, selected, onOpen, onToggle }: {
  row: QueueRow;
  index: number;
  selectable: boolean;
  selected: boolean;
  onOpen(row: QueueRow): void;
  onToggle(caseId: string): void;
}) {
  return (
    <Table.Tr
      onClick={() => onOpen(row)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(row);
        if (event.key === 'x' && selectable) onToggle(row.caseId);
      }}
      tabIndex={0}
      className="mantine-focus-auto"
      aria-label={`Open the case of ${row.borrowerName}, ${row.accountNumber}`}
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      style={{ cursor: 'pointer' }}
      data-case-id={row.caseId}
      data-index={index}
    >
      {selectable && (
        <Table.Td onClick={(event) => event.stopPropagation()}>
          <Checkbox size="xs" aria-label={`Select ${row.borrowerName}`} checked={selected} onChange={() => onToggle(row.caseId)} tabIndex={-1} />
        </Table.Td>
      )}
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>{row.borrowerName}</Text>
          {row.flags.map((flag) => (
            <Badge key={flag} size="xs" variant="dot" color={flag === 'dispute' ? 'orange' : 'grape'} title={titleCase(flag)}>{flag.slice(0, 4)}</Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td><Text size="sm" ff="monospace">{row.accountNumber}</Text></Table.Td>
      <Table.Td style={{ textAlign: 'right' }}><Text size="sm" fw={600}>{row.dpd}</Text></Table.Td>
      <Table.Td style={{ textAlign: 'right' }}><Text size="sm">{formatMinor(row.amountPastDueMinor, row.currency)}</Text></Table.Td>
      <Table.Td style={{ textAlign: 'right' }}><Text size="sm">{formatMinor(row.balanceMinor, row.currency)}</Text></Table.Td>
      <Table.Td title={`Bucket ${BUCKET_LABELS[row.bucket]}`}><Text size="sm">{row.stage ? STAGE_LABELS[row.stage] : '—'}</Text></Table.Td>
      <Table.Td>{row.severity ? <Badge variant="light" color={SEVERITY_COLORS[row.severity]} styles={{ label: { overflow: 'visible' } }}>{row.severity}</Badge> : '—'}</Table.Td>
      <Table.Td><Badge variant="filled" color={PRIORITY_COLORS[row.priority]}>{row.priority}</Badge></Table.Td>
      <Table.Td>{row.nbaAction ? <Badge variant="light" tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>{NBA_LABELS[row.nbaAction]}</Badge> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
      <Table.Td><Text size="sm" c={row.assignedAgentName ? undefined : 'dimmed'}>{row.assignedAgentName ?? 'Unassigned'}</Text></Table.Td>
      <Table.Td><Text size="sm">{STATUS_LABELS[row.status]}</Text></Table.Td>
      <Table.Td><Text size="sm">{row.openedOn}</Text></Table.Td>
    </Table.Tr>
  );
});

/**
 * The queue as one scrolling table over every matching case: only the rows in view (and a few
 * around them) are in the page, and a row not read yet shows as a placeholder until its block arrives.
 */
export const QueueTable = forwardRef<QueueTableHandle, Props>(function QueueTable({ total, rowAt, sort, direction, onSort, onOpen, onVisibleRange, selection }, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- nothing here is memoised; the virtualizer re-renders the table as it scrolls
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => onVisibleRange({ first, last }), [first, last, onVisibleRange]);
  // The row j/k moves from: kept here rather than read from the focus, which lands a frame or two
  // after each key, so quick presses add up.
  const cursor = useRef<number | null>(null);
  useImperativeHandle(ref, () => ({
    focusRow(step) {
      const from = cursor.current;
      const target = from === null ? (step > 0 ? first : last) : Math.min(Math.max(from + step, 0), total - 1);
      cursor.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
      // The row is rendered on the next frame once scrolled into the window.
      requestAnimationFrame(() => requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`)?.focus()));
    },
  }));
  const header = { sort, direction, onSort };
  // Stable handlers for the memoised rows, calling whatever the screen passed last.
  const latest = useRef({ onOpen, selection });
  useEffect(() => {
    latest.current = { onOpen, selection };
  });
  const openRow = useCallback((row: QueueRow) => latest.current.onOpen(row), []);
  const onToggle = useCallback((caseId: string) => latest.current.selection?.toggle(caseId), []);
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div
      ref={scroller}
      style={{ height: 'calc(100vh - 300px)', minHeight: 360, overflow: 'auto' }}
      data-testid="queue-scroller"
      // A row focused by mouse or Tab is where j/k go on from.
      onFocus={(event) => {
        const index = Number((event.target as HTMLElement).dataset.index ?? NaN);
        if (!Number.isNaN(index)) cursor.current = index;
      }}
    >
      <Table striped highlightOnHover stickyHeader verticalSpacing={6} miw={1250} aria-label="Collections queue" aria-rowcount={total + 1}
        styles={{ th: { whiteSpace: 'nowrap' }, td: { whiteSpace: 'nowrap', height: ROW_HEIGHT } }}>
        <Table.Thead>
          <Table.Tr>
            {selection && <Table.Th w={36}><VisuallyHidden>Select</VisuallyHidden></Table.Th>}
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
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
          {items.map((item) => {
            const row = rowAt(item.index);
            if (!row) {
              return (
                <Table.Tr key={item.key} data-index={item.index} aria-rowindex={item.index + 2} aria-busy>
                  <Table.Td colSpan={COLUMNS + (selection ? 1 : 0)}><Skeleton height={14} radius="sm" /></Table.Td>
                </Table.Tr>
              );
            }
            return (
              <QueueRowView key={item.key} row={row} index={item.index} selectable={selection !== undefined} selected={selection?.has(row.caseId) ?? false}
                onOpen={openRow} onToggle={onToggle} />
            );
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
});
