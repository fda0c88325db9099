import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useRef } from 'react';
import type { LetterView } from '../../../../../src-shared/contract';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { letterKindLabel } from '../../../format/domain-labels';
import { formatDateTime } from '../../../format/time';
import { usePdfUrl } from './use-pdf-url';

/** The chosen letter's PDF in a frame, with print (the frame's own print dialog) and download. */
export function LetterPreview({ letter }: { letter: LetterView | null }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const pdf = usePdfUrl(letter?.id ?? null);
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm" h="100%">
        <Group justify="space-between">
          <div>
            <Title order={5}>{letter ? letterKindLabel(letter.kind) : 'Preview'}</Title>
            {letter && <Text size="xs" c="dimmed">{formatDateTime(letter.createdAt)} · {letter.language.toUpperCase()} · template {letter.templateName}</Text>}
          </div>
          {pdf.url && (
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} component="a" href={pdf.url} download={pdf.fileName ?? 'letter.pdf'}>Download</Button>
              <Button size="xs" leftSection={<IconPrinter size={14} />} onClick={() => frame.current?.contentWindow?.print()}>Print</Button>
            </Group>
          )}
        </Group>
        {!letter && <Empty>Choose a letter to preview it here.</Empty>}
        {pdf.isPending && <Loading what="the letter" />}
        {pdf.error && <LoadError what="The letter" error={pdf.error} />}
        {pdf.url && <iframe ref={frame} src={`${pdf.url}#navpanes=0&view=FitH`} title={`${letter ? letterKindLabel(letter.kind) : 'Letter'} PDF`} style={{ width: '100%', height: 560, border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, background: 'white' }} />}
      </Stack>
    </Paper>
  );
}
