import { Group, Progress, Table, Text } from '@mantine/core';
import type { AgentPerformance } from '../../../../src-shared/contract';
import { compactAmount, count, percent } from './dashboard-format';
import classes from './Dashboard.module.css';

/** The agent performance table: workload, contacts, promises and what came in on each agent's cases. */
export function AgentTable({ agents }: { agents: AgentPerformance[] }) {
  return (
    <Table striped highlightOnHover aria-label="Agent performance" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Agent</Table.Th>
          <Table.Th className={classes.numeric}>Cases</Table.Th>
          <Table.Th className={classes.numeric}>Contacts</Table.Th>
          <Table.Th className={classes.numeric}>Right-party contacts</Table.Th>
          <Table.Th className={classes.numeric}>Promises</Table.Th>
          <Table.Th w={170}>Kept rate</Table.Th>
          <Table.Th>Collected</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agents.map((agent) => (
          <Table.Tr key={agent.agentId}>
            <Table.Td fw={600}>{agent.name}</Table.Td>
            <Table.Td className={classes.numeric}>{count(agent.cases)}</Table.Td>
            <Table.Td className={classes.numeric}>{count(agent.contacts)}</Table.Td>
            <Table.Td className={classes.numeric}>{count(agent.rightPartyContacts)}</Table.Td>
            <Table.Td className={classes.numeric}>{count(agent.promises)}</Table.Td>
            <Table.Td>
              <Group gap={8} wrap="nowrap">
                <Progress value={(agent.keptRate.rate ?? 0) * 100} color="teal" size="sm" w={70} aria-hidden />
                <Text size="sm" className={classes.numeric}>{percent(agent.keptRate, 0)}</Text>
                <Text size="xs" c="dimmed">({agent.keptRate.numerator}/{agent.keptRate.denominator})</Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {agent.collected.length === 0 ? '—' : agent.collected.map((a) => `${a.currency} ${compactAmount(a.amountMinor)}`).join(' · ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
