import { Button, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { LETTER_KINDS, type CaseSummary, type ExecutionResult, type LetterView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { LETTER_KIND_LABELS } from '../../../format/domain-labels';
import { ContactVerdict } from '../../../components/ContactVerdict';
import { verdictOf } from '../../../components/contact-verdict';
import { useContactCheck, useRefreshCase } from '../case-queries';
import { ExecutionOutcome } from '../../../components/ExecutionOutcome';

type LetterKind = (typeof LETTER_KINDS)[number];

const DESCRIPTIONS: Record<LetterKind, string> = {
  demand: 'Formal demand for the past-due amount',
  legal_notice: 'Notice before legal action',
  escalation: 'Escalation to a supervisor, copied to the borrower',
};

/** Issues a letter through the compliance gate (hard blocks apply, not the clock), printed to PDF and filed with the case. */
export function GenerateLetter({ summary, onGenerated }: { summary: CaseSummary; onGenerated(letter: LetterView): void }) {
  const refresh = useRefreshCase(summary.caseId);
  const [kind, setKind] = useState<LetterKind>('demand');
  const [outcome, setOutcome] = useState<ExecutionResult | null>(null);
  // Letters meet the hard blocks only (they are mailed, not rung), so "not now" never applies to them.
  const gate = useContactCheck(summary.caseId, 'letter');
  const blocked = gate.data !== undefined && verdictOf(gate.data) === 'blocked';
  const generate = useMutation({
    mutationFn: () => call('letters.generate', { caseId: summary.caseId, kind }),
    onSuccess: (result) => {
      refresh();
      setOutcome(result.letter ? null : result);
      if (result.letter) {
        notifications.show({ color: 'teal', message: `${LETTER_KIND_LABELS[kind]} generated and filed with the case` });
        onGenerated(result.letter);
      }
    },
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>Generate a letter</Title>
        <Radio.Group value={kind} onChange={(value) => setKind(value as LetterKind)} label="Kind" aria-label="Letter kind">
          <Stack gap="xs" mt={4}>
            {LETTER_KINDS.map((k) => <Radio key={k} value={k} label={LETTER_KIND_LABELS[k]} description={DESCRIPTIONS[k]} />)}
          </Stack>
        </Radio.Group>
        <Text size="xs" c="dimmed">Written in the borrower's language ({summary.borrower.language.toUpperCase()}) from the letter templates.</Text>
        {blocked && <ContactVerdict decision={gate.data!} subject="Sending a letter" timeZone={summary.borrower.timezone} />}
        <Button leftSection={<IconFileText size={16} />} loading={generate.isPending} disabled={blocked} onClick={() => generate.mutate()} style={{ alignSelf: 'flex-start' }}>
          Generate {LETTER_KIND_LABELS[kind].toLowerCase()}
        </Button>
        {generate.error && <Text size="sm" c="red">Not generated: {generate.error.message}</Text>}
        {outcome && <ExecutionOutcome result={outcome} timeZone={summary.borrower.timezone} onClose={() => setOutcome(null)} />}
      </Stack>
    </Paper>
  );
}
