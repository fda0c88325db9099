import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { NewCase, UserSummary } from '../../../../src-shared/contract';
import { PRIORITIES, REASON_CODES, SEVERITIES } from '../../../../src-shared/domain/vocabulary';
import { call } from '../../api/client';
import { titleCase } from '../../format/domain-labels';

const BATCH_LIMIT = 200;
type Terms = Omit<NewCase, 'accountNumber'>;

/** Account numbers typed or pasted one per line (or separated by commas), blanks dropped. */
function accountsOf(text: string): string[] {
  return text.split(/[\n,;]+/).map((line) => line.trim()).filter((line) => line.length > 0);
}

/**
 * Seed 004's manual and batch case creation: one loan by account number, or up to 200 pasted at
 * once, with the terms they share. A batch is all or nothing; the refusal names the account.
 */
export function NewCaseModal({ agents, onClose, onOpenCase }: { agents: UserSummary[]; onClose(): void; onOpenCase(caseId: string): void }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<'single' | 'batch'>('single');
  const [account, setAccount] = useState('');
  const [accountsText, setAccountsText] = useState('');
  const [terms, setTerms] = useState<Terms>({ priority: 'MEDIUM', severity: 'medium', reasonCode: 'PAST_DUE', defaultType: 'payment_default' });
  const accounts = accountsOf(accountsText);
  const create = useMutation({
    mutationFn: async () => {
      if (mode === 'single') return [(await call('cases.create', { ...terms, accountNumber: account.trim() })).caseId];
      return (await call('cases.createBatch', { cases: accounts.map((accountNumber) => ({ ...terms, accountNumber })) })).caseIds;
    },
    onSuccess: (caseIds) => {
      void client.invalidateQueries({ queryKey: ['cases.queue'] });
      notifications.show({ color: 'teal', message: `${caseIds.length} case${caseIds.length === 1 ? '' : 's'} opened` });
      onClose();
      if (caseIds.length === 1) onOpenCase(caseIds[0]!);
    },
  });
  const set = (patch: Partial<Terms>) => setTerms((current) => ({ ...current, ...patch }));
  const ready = mode === 'single' ? account.trim().length > 0 : accounts.length > 0 && accounts.length <= BATCH_LIMIT;
  return (
    <Modal opened onClose={onClose} title="Open cases" size="lg" centered>
      <form onSubmit={(event) => { event.preventDefault(); if (ready) create.mutate(); }}>
        <Stack gap="sm">
          <SegmentedControl aria-label="How many" value={mode} onChange={(value) => setMode(value as typeof mode)} data={[{ value: 'single', label: 'One loan' }, { value: 'batch', label: 'A batch' }]} />
          {mode === 'single' ? (
            <TextInput label="Account number" placeholder="RC-000123" value={account} onChange={(e) => setAccount(e.currentTarget.value)} required data-autofocus />
          ) : (
            <Textarea label="Account numbers" description={`One per line, up to ${BATCH_LIMIT}; all open together or none`} value={accountsText} onChange={(e) => setAccountsText(e.currentTarget.value)}
              minRows={5} autosize maxRows={12} required data-autofocus error={accounts.length > BATCH_LIMIT ? `${accounts.length} accounts: at most ${BATCH_LIMIT} in one batch` : undefined} />
          )}
          <SimpleGrid cols={2} spacing="sm">
            <Select label="Priority" data={PRIORITIES.map((value) => ({ value, label: titleCase(value.toLowerCase()) }))} value={terms.priority} onChange={(value) => value && set({ priority: value as Terms['priority'] })} allowDeselect={false} />
            <Select label="Severity" data={SEVERITIES.map((value) => ({ value, label: titleCase(value) }))} value={terms.severity} onChange={(value) => value && set({ severity: value as Terms['severity'] })} allowDeselect={false} />
            <Select label="Reason" data={REASON_CODES.map((value) => ({ value, label: titleCase(value.toLowerCase()) }))} value={terms.reasonCode} onChange={(value) => value && set({ reasonCode: value as Terms['reasonCode'] })} allowDeselect={false} />
            <Select label="Default type" data={[{ value: 'payment_default', label: 'Payment default' }, { value: 'infraction', label: 'Infraction' }]} value={terms.defaultType ?? 'payment_default'}
              onChange={(value) => value && set({ defaultType: value as Terms['defaultType'] })} allowDeselect={false} />
            <Select label="Assign to" placeholder="By the queue rules" clearable searchable data={agents.map((a) => ({ value: a.id, label: a.name }))} value={terms.assignedAgentId ?? null}
              onChange={(value) => set({ assignedAgentId: value ?? undefined })} />
          </SimpleGrid>
          {create.error && <Alert color="red" variant="light" title="Nothing was opened">{create.error.message}</Alert>}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">{mode === 'batch' ? `${accounts.length} account${accounts.length === 1 ? '' : 's'}` : ''}</Text>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" disabled={!ready} loading={create.isPending}>{mode === 'single' ? 'Open case' : `Open ${accounts.length} cases`}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
