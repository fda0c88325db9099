import { Button, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { FeeScheduleView } from '../../../../../src-shared/contract';
import { Money } from '../../../components/Money';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { useConfiguration } from '../use-configuration';
import { FeeForm } from './FeeForm';

/** Late fees per product and currency; a product without a schedule charges none. */
export function FeesSection({ editable }: { editable: boolean }) {
  const configuration = useConfiguration();
  const [editing, setEditing] = useState<FeeScheduleView | 'new' | null>(null);
  if (configuration.isPending) return <Loading what="fee schedules" />;
  if (configuration.isError) return <LoadError what="Fee schedules" error={configuration.error} onRetry={() => void configuration.refetch()} />;
  const { feeSchedules, products } = configuration.data;
  const productName = (code: string) => products.find((product) => product.code === code)?.name ?? code;
  return (
    <Stack gap="md">
      <SectionHeader title="Fee schedules" actions={editable && <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>New fee schedule</Button>}>
        A late fee is assessed once per installment still unpaid after the grace days: the flat fee plus the percentage of the amount due, capped at the maximum.
      </SectionHeader>
      {feeSchedules.length === 0 ? (
        <Empty>No product charges a late fee yet.</Empty>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead><Table.Tr><Table.Th>Product</Table.Th><Table.Th>Currency</Table.Th><Table.Th>Grace days</Table.Th><Table.Th>Flat fee</Table.Th><Table.Th>Percentage</Table.Th><Table.Th>Maximum</Table.Th><Table.Th w={60} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {feeSchedules.map((fee) => (
              <Table.Tr key={fee.id}>
                <Table.Td><Text size="sm" fw={600}>{productName(fee.productCode)}</Text><Text size="xs" c="dimmed">{fee.productCode}</Text></Table.Td>
                <Table.Td>{fee.currency}</Table.Td>
                <Table.Td>{fee.graceDays}</Table.Td>
                <Table.Td><Money minor={fee.flatFeeMinor} currency={fee.currency} size="sm" /></Table.Td>
                <Table.Td>{(fee.percentBps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%</Table.Td>
                <Table.Td>{fee.maxFeeMinor === null ? 'No cap' : <Money minor={fee.maxFeeMinor} currency={fee.currency} size="sm" />}</Table.Td>
                <Table.Td>{editable && <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(fee)}>Edit</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="lg" title={<Text fw={700}>{editing === 'new' ? 'New fee schedule' : 'Edit fee schedule'}</Text>}>
        {editing !== null && <FeeForm fee={editing === 'new' ? null : editing} products={products} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
