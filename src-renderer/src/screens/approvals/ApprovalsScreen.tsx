import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconCloudOff, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PendingSettlement } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { LoadError, Loading } from '../../components/QueryStatus';
import { formatDate, formatDateTime } from '../../format/time';
import { NBA_LABELS, STAGE_LABELS } from '../../format/domain-labels';
import { formatMinor } from '../../../../src-shared/money';
import { SETTLEMENT_TYPE_LABELS } from './approval-format';
import { DecisionModal, type Decision } from './DecisionModal';
import { DecisionsList } from './DecisionsList';

/** An empty section says so in a line, so the inbox stays compact. */
function Nothing({ children }: { children: React.ReactNode }) {
  return <Text size="sm" c="dimmed" py={4}>{children}</Text>;
}

function Section({ title, count, children, testId }: { title: string; count?: number; children: React.ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Group gap="xs" mb="sm">
        <Text fw={650}>{title}</Text>
        {count !== undefined && <Badge variant="light" color={count > 0 ? 'indigo' : 'gray'}>{count}</Badge>}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * The supervisor's approvals inbox: settlement offers waiting for a decision across all cases,
 * decided right here; the decisions made on this desktop with where each stands with the relay;
 * and the next-best-action and do-not-contact overrides to look over.
 */
export function ApprovalsScreen({ onOpenCase }: { onOpenCase(caseId: string): void }) {
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: ['approvals.inbox'], queryFn: () => call('approvals.inbox', {}) });
  const sync = useQuery({ queryKey: ['sync.status'], queryFn: () => call('sync.status', {}) });
  const [deciding, setDeciding] = useState<{ offer: PendingSettlement; decision: Decision } | null>(null);
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['approvals.inbox'] });
    const offSync = window.api.on('sync.status', refresh);
    const offCases = window.api.on('cases.changed', refresh);
    return () => {
      offSync();
      offCases();
    };
  }, [client]);

  if (inbox.isPending) return <Loading what="the approvals inbox" />;
  if (!inbox.data) return <LoadError what="The approvals inbox" error={inbox.error!} onRetry={() => void inbox.refetch()} />;
  const { settlements, decisions, nbaOverrides, contactOverrides, asOf } = inbox.data;
  const offline = sync.data?.state === 'offline' || sync.data?.state === 'unauthorized';
  const caseLink = (caseId: string, text: string) => <Anchor component="button" size="sm" fw={600} ta="left" onClick={() => onOpenCase(caseId)}>{text}</Anchor>;
  return (
    <Stack gap="md" data-testid="approvals">
      <div>
        <Title order={2}>Approvals</Title>
        <Text c="dimmed" size="sm">Settlements and overrides waiting for a supervisor{asOf ? ` · business date ${formatDate(asOf)}` : ''}</Text>
      </div>
      {offline && (
        <Alert color="orange" icon={<IconCloudOff size={18} />} title="Working offline">
          Decisions are recorded on this desktop and sent when the relay is back; each shows as pending sync until the relay confirms or refuses it.
        </Alert>
      )}
      <Section title="Settlements awaiting approval" count={settlements.length} testId="pending-settlements">
        {settlements.length === 0 ? (
          <Nothing>Nothing waits for approval.</Nothing>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover aria-label="Settlements awaiting approval">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Borrower</Table.Th>
                <Table.Th>Days past due</Table.Th>
                <Table.Th>Borrower pays</Table.Th>
                <Table.Th>Submitted</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {settlements.map((offer) => (
                <Table.Tr key={offer.offerId} data-offer-id={offer.offerId}>
                  <Table.Td>
                    <Stack gap={0}>
                      {caseLink(offer.caseId, offer.borrowerName)}
                      <Text size="xs" c="dimmed">{offer.accountNumber}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>{offer.dpd}</Text>
                    {offer.stage && <Text size="xs" c="dimmed">{STAGE_LABELS[offer.stage]}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={650}>{formatMinor(offer.amountMinor, offer.currency)}{offer.installments > 1 ? ` in ${offer.installments} payments` : ''}</Text>
                    <Text size="xs" c="dimmed">{SETTLEMENT_TYPE_LABELS[offer.type]}{offer.discountPct > 0 ? ` · ${offer.discountPct}% off ${formatMinor(offer.balanceMinor, offer.currency)}` : ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{offer.submittedBy ?? 'Unknown'}</Text>
                    {offer.submittedAt && <Text size="xs" c="dimmed">{formatDateTime(offer.submittedAt)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" color="teal" leftSection={<IconCheck size={14} />} onClick={() => setDeciding({ offer, decision: 'approve' })}>Approve</Button>
                      <Button size="xs" variant="light" color="red" leftSection={<IconX size={14} />} onClick={() => setDeciding({ offer, decision: 'reject' })}>Reject</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="Your recent decisions" testId="decisions">
        <DecisionsList decisions={decisions} />
      </Section>
      <Section title="Next-best-action overrides" count={nbaOverrides.length} testId="nba-overrides">
        {nbaOverrides.length === 0 ? (
          <Nothing>No agent has overridden the recommended action on an active case.</Nothing>
        ) : (
          <Table verticalSpacing="xs" aria-label="Next-best-action overrides">
            <Table.Thead><Table.Tr><Table.Th>Case</Table.Th><Table.Th>Recommended</Table.Th><Table.Th>Chosen</Table.Th><Table.Th>Reason</Table.Th><Table.Th>By</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {nbaOverrides.map((o) => (
                <Table.Tr key={o.caseId}>
                  <Table.Td>{caseLink(o.caseId, o.borrowerName)}<Text size="xs" c="dimmed">{o.accountNumber}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{o.recommended ? NBA_LABELS[o.recommended] : '—'}</Text></Table.Td>
                  <Table.Td><Badge variant="light">{NBA_LABELS[o.chosen]}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{o.reason}</Text></Table.Td>
                  <Table.Td><Text size="sm">{o.by ?? '—'}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="Do-not-contact overrides" count={contactOverrides.length} testId="contact-overrides">
        {contactOverrides.length === 0 ? (
          <Nothing>No permission to contact a do-not-contact borrower has been granted.</Nothing>
        ) : (
          <Table verticalSpacing="xs" aria-label="Do-not-contact overrides">
            <Table.Thead><Table.Tr><Table.Th>Case</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Granted</Table.Th><Table.Th>Expires</Table.Th><Table.Th>Used</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {contactOverrides.map((o) => (
                <Table.Tr key={o.overrideId}>
                  <Table.Td>{caseLink(o.caseId, o.borrowerName)}<Text size="xs" c="dimmed">{o.accountNumber}</Text></Table.Td>
                  <Table.Td><Text size="sm">{o.reason}</Text></Table.Td>
                  <Table.Td><Text size="sm">{o.grantedBy ?? '—'}</Text><Text size="xs" c="dimmed">{formatDateTime(o.grantedAt)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{formatDateTime(o.expiresAt)}</Text></Table.Td>
                  <Table.Td>{o.usedAt ? <Text size="sm">{formatDateTime(o.usedAt)}</Text> : <Badge variant="light" color="gray">Not used</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {deciding && <DecisionModal offer={deciding.offer} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}
