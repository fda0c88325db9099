import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { QueueView } from '../../../../../src-shared/contract';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { useConfiguration } from '../use-configuration';
import { QueueForm } from './QueueForm';
import { ruleText } from './rule-text';

/** Collection queues in the order cases are matched to them, each with its rules and its collectors' rotation. */
export function QueuesSection({ editable }: { editable: boolean }) {
  const configuration = useConfiguration();
  const [editing, setEditing] = useState<QueueView | 'new' | null>(null);
  if (configuration.isPending) return <Loading what="queues" />;
  if (configuration.isError) return <LoadError what="Queues" error={configuration.error} onRetry={() => void configuration.refetch()} />;
  const { queues, collectors, products } = configuration.data;
  const nameOf = (id: string) => collectors.find((collector) => collector.id === id)?.name ?? id;
  return (
    <Stack gap="md">
      <SectionHeader title="Queues and assignment rules" actions={editable && <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>New queue</Button>}>
        The daily run places each case in the first active queue (lowest priority number first) whose rule matches, and gives it to that queue’s next collector in turn.
      </SectionHeader>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr><Table.Th w={70}>Priority</Table.Th><Table.Th>Queue</Table.Th><Table.Th>Takes</Table.Th><Table.Th>Collectors, in turn</Table.Th><Table.Th w={90}>Open cases</Table.Th><Table.Th w={60} /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queues.map((queue) => (
            <Table.Tr key={queue.id} style={{ opacity: queue.isActive ? 1 : 0.55 }}>
              <Table.Td>{queue.priority}</Table.Td>
              <Table.Td><Group gap={6}><Text size="sm" fw={600}>{queue.name}</Text>{!queue.isActive && <Badge size="xs" color="gray">inactive</Badge>}</Group></Table.Td>
              <Table.Td><Text size="sm">{queue.rules.length === 0 ? 'No rule: nothing is placed here automatically' : queue.rules.map(ruleText).join('; or ')}</Text></Table.Td>
              <Table.Td><Text size="sm">{queue.memberIds.map((id) => `${nameOf(id)}${id === queue.defaultCollectorId ? ' (default)' : ''}`).join(', ') || '—'}</Text></Table.Td>
              <Table.Td>{queue.openCases.toLocaleString()}</Table.Td>
              <Table.Td>{editable && <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(queue)}>Edit</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="xl" title={<Text fw={700}>{editing === 'new' ? 'New queue' : `Edit ${editing?.name ?? ''}`}</Text>}>
        {editing !== null && <QueueForm queue={editing === 'new' ? null : editing} collectors={collectors} productCodes={products.map((product) => product.code)} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
