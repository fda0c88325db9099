import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import type { CaseDetail, CaseSummary } from '../../../../../src-shared/contract';
import { FLAG_SEVERITY_COLORS, titleCase } from '../../../format/domain-labels';
import { formatDate } from '../../../format/time';
import { WARNING_FLAG_LABELS, warningFlagText } from './warning-flag-text';

/** The case's own flags (dispute, vulnerability, hardship, do-not-contact) and the engine's early warnings. */
export function FlagsCard({ summary, detail }: { summary: CaseSummary; detail: CaseDetail | undefined }) {
  const warnings = detail?.warningFlags ?? [];
  const caseFlags = [...(summary.borrower.doNotContact ? ['do_not_contact'] : []), ...summary.flags, ...(summary.loan.subStatus ? [summary.loan.subStatus] : [])];
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Group gap={6}><IconFlag size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Flags</Title></Group>
        <Group gap={6}>
          {caseFlags.length === 0 ? <Text size="sm" c="dimmed">No dispute, vulnerability, hardship or do-not-contact flag.</Text>
            : caseFlags.map((flag) => <Badge key={flag} color={flag === 'do_not_contact' ? 'red' : flag === 'dispute' ? 'orange' : 'grape'} variant="light">{titleCase(flag)}</Badge>)}
        </Group>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Early warnings</Text>
        {detail && warnings.length === 0 && <Text size="sm" c="dimmed">None raised by the daily run.</Text>}
        {warnings.map((flag) => (
          <div key={flag.id}>
            <Group gap={6}>
              <Badge size="sm" color={FLAG_SEVERITY_COLORS[flag.severity]} variant="filled">{flag.severity}</Badge>
              <Text size="sm" fw={600}>{WARNING_FLAG_LABELS[flag.type]}</Text>
              <Text size="xs" c="dimmed">since {formatDate(flag.raisedOn)}</Text>
            </Group>
            <Text size="sm" c="dimmed" mt={2}>{warningFlagText(flag, summary.currency)}</Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
