import { Accordion, Alert, Button, Checkbox, Code, Group, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFolderOpen, IconInfoCircle, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TapeImportProgress, TapeImportResult } from '../../../../../src-shared/contract';
import { OPTIONAL_TAPE_FILES, TAPE_COLUMNS, TAPE_FILES, tapeFileName } from '../../../../../src-shared/tape-format';
import { ApiError, call } from '../../../api/client';
import { SectionHeader } from '../SectionHeader';
import { TapeImportSteps } from './TapeImportSteps';

const COUNTS: { key: keyof TapeImportResult['summary']; label: string }[] = [
  { key: 'borrowers', label: 'Borrowers' },
  { key: 'phones', label: 'Phone numbers' },
  { key: 'emails', label: 'Email addresses' },
  { key: 'loans', label: 'Loans' },
  { key: 'installments', label: 'Installments' },
  { key: 'payments', label: 'Payments' },
  { key: 'promises', label: 'Promises to pay' },
  { key: 'contacts', label: 'Contact history' },
  { key: 'productsCreated', label: 'New product codes' },
];

/**
 * The core-banking loan tape into this desktop's ledger (an administrator, on a desktop without a
 * relay): a folder of CSV files, imported all or nothing, with its progress shown step by step.
 */
export function TapeImportSection() {
  const client = useQueryClient();
  const sync = useQuery({ queryKey: ['sync.status'], queryFn: () => call('sync.status', {}) });
  const [dir, setDir] = useState('');
  const [runDaily, setRunDaily] = useState(true);
  const [progress, setProgress] = useState<TapeImportProgress | null>(null);
  const browse = useMutation({ mutationFn: () => call('tape.chooseFolder', {}), onSuccess: ({ dir: chosen }) => chosen && setDir(chosen) });
  const run = useMutation({
    mutationFn: () => call('tape.import', { dir, runDaily }),
    onMutate: () => setProgress(null),
    onSettled: () => void client.invalidateQueries(),
  });
  useEffect(() => window.api.on('tape.progress', setProgress), []);
  const relayed = sync.data !== undefined && sync.data.state !== 'local';
  const problems = run.error instanceof ApiError ? run.error.data.message.split('\n') : run.error ? [run.error.message] : [];

  return (
    <Stack gap="md" maw={860}>
      <SectionHeader title="Loan tape import">
        Borrowers, loans, schedules, payments and contact history from the core banking system’s loan tape. A tape is imported whole or not at all: one with any problem is refused, with every problem named by file and line. Importing the same tape again changes nothing.
      </SectionHeader>
      {relayed && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title="This desktop syncs with a relay">
          Tapes go into the central ledger on the relay, which passes them to every desktop: <Code>npm run relay -- import --dir FOLDER</Code>
        </Alert>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput label="Tape folder" description="The folder holding borrowers.csv, loans.csv and the other files" placeholder="/home/collections/tapes/2026-11-22" value={dir}
          onChange={(event) => setDir(event.currentTarget.value)} disabled={relayed || run.isPending} style={{ flex: 1 }} error={browse.error?.message} />
        <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => browse.mutate()} loading={browse.isPending} disabled={relayed || run.isPending}>Browse…</Button>
      </Group>
      <Checkbox label="Run the daily run afterwards, so the new loans have their cases in the queue today" checked={runDaily} onChange={(event) => setRunDaily(event.currentTarget.checked)} disabled={relayed || run.isPending} />
      <Group>
        <Button leftSection={<IconUpload size={16} />} onClick={() => run.mutate()} loading={run.isPending} disabled={relayed || dir.trim() === ''}>Import tape</Button>
      </Group>
      {(run.isPending || (progress && !run.isIdle)) && <TapeImportSteps progress={progress} failed={run.isError} done={run.isSuccess} />}
      {run.isSuccess && <ImportedSummary result={run.data} />}
      {problems.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The tape was refused" data-testid="tape-problems">
          <ScrollArea.Autosize mah={260}>
            <Stack gap={2}>
              {problems.map((line, index) => <Text key={index} size="sm" ff="monospace">{line}</Text>)}
            </Stack>
          </ScrollArea.Autosize>
        </Alert>
      )}
      <TapeFormat />
    </Stack>
  );
}

function ImportedSummary({ result }: { result: TapeImportResult }) {
  const daily = result.dailyRun;
  return (
    <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Tape imported" data-testid="tape-imported">
      <Table withRowBorders={false} verticalSpacing={2} maw={360} fz="sm">
        <Table.Tbody>
          {COUNTS.map(({ key, label }) => (
            <Table.Tr key={key}><Table.Td>{label}</Table.Td><Table.Td ta="right" ff="monospace">{result.summary[key].toLocaleString()}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {daily && typeof daily.loans === 'number' && (
        <Text size="sm" mt="xs">
          Daily run as of {String(daily.asOf)}: {daily.loans.toLocaleString()} loans judged, {Number(daily.delinquent ?? 0).toLocaleString()} delinquent, {Number(daily.casesOpened ?? 0).toLocaleString()} cases opened.
        </Text>
      )}
    </Alert>
  );
}

/** The files and columns a tape holds (DESIGN §4), for whoever prepares the export. */
function TapeFormat() {
  return (
    <Accordion variant="contained">
      <Accordion.Item value="format">
        <Accordion.Control>What a tape holds</Accordion.Control>
        <Accordion.Panel>
          <Text size="xs" c="dimmed" mb="xs">CSV with a header row; money as decimals (1250.50), dates as YYYY-MM-DD, booleans as true or false; an optional value left blank.</Text>
          <Table fz="xs" verticalSpacing={4}>
            <Table.Tbody>
              {TAPE_FILES.map((file) => (
                <Table.Tr key={file}>
                  <Table.Td w={150}><Text size="xs" ff="monospace" fw={600}>{tapeFileName(file)}</Text>{OPTIONAL_TAPE_FILES.includes(file) && <Text size="xs" c="dimmed">optional</Text>}</Table.Td>
                  <Table.Td><Text size="xs" ff="monospace">{TAPE_COLUMNS[file].join(', ')}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
