import { Alert, Badge, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TemplatePreview } from '../../../../../src-shared/contract';

/** What the borrower would receive, or where the draft is broken (line and column), as of the last keystroke. */
export function TemplatePreviewPane({ preview, loading, error, id }: { preview: TemplatePreview | undefined; loading: boolean; error: Error | null; id: string }) {
  return (
    <Card withBorder padding="sm" data-testid="template-preview">
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>Preview</Text>
        <Group gap={6}>
          {loading && <Loader size={12} />}
          {preview?.ok && preview.segments !== null && <Badge size="xs" variant="light">{preview.segments} SMS part{preview.segments === 1 ? '' : 's'}</Badge>}
        </Group>
      </Group>
      {error && <Alert color="red" icon={<IconAlertTriangle size={16} />}>{error.message}</Alert>}
      {preview && !preview.ok && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title={preview.problem.line === null ? 'The template does not render' : `Line ${preview.problem.line}${preview.problem.column === null ? '' : `, column ${preview.problem.column}`}`} data-testid="template-problem">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} ff="monospace">{preview.problem.message}</Text>
        </Alert>
      )}
      {preview?.ok && (
        <Stack gap="xs">
          {preview.subject !== null && <Text size="sm"><Text span fw={700}>Subject: </Text>{preview.subject}</Text>}
          {id.includes('/letter_') ? (
            <iframe title="Letter preview" sandbox="" srcDoc={`<body style="font-family: Georgia, serif; font-size: 13px; background: #fff; color: #111; margin: 12px">${preview.body}</body>`}
              style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', borderRadius: 6, background: '#fff' }} />
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview-body">{preview.body}</Text>
          )}
          <Text size="xs" c="dimmed">
            With the case of {preview.sample.borrowerName} ({preview.sample.accountNumber})
            {preview.exampleValues.length > 0 ? `; example values for ${preview.exampleValues.join(', ')}` : ''}.
          </Text>
          {preview.sentAs && preview.sentAs !== id && (
            <Text size="xs" c="orange">A borrower at this severity receives {preview.sentAs} instead, which takes precedence over this template.</Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
