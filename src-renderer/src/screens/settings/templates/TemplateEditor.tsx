import { Badge, Button, Group, Popover, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconVariable } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TEMPLATE_LANGUAGES, type TemplateDetail } from '../../../../../src-shared/contract';
import { SEVERITIES, type Severity } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SaveProblem } from '../SaveProblem';
import { useSettingsSave } from '../use-settings-save';
import { TemplatePreviewPane } from './TemplatePreviewPane';

type Language = (typeof TEMPLATE_LANGUAGES)[number];
const LANGUAGE_LABELS: Record<Language, string> = { en: 'English', es: 'Español' };

/** One template in one language: its text on the left, the message a borrower would get on the right, redrawn as the administrator types. */
export function TemplateEditor({ name, languages, variables, editable }: { name: string; languages: string[]; variables: Record<string, string>; editable: boolean }) {
  const [language, setLanguage] = useState<Language>('en');
  const [severity, setSeverity] = useState<Severity>('high');
  const available = TEMPLATE_LANGUAGES.filter((candidate) => languages.includes(candidate));
  const detail = useQuery({ queryKey: ['settings.template', language, name], queryFn: () => call('settings.template', { language, name }), enabled: available.includes(language) });
  const header = (
    <Group justify="space-between" wrap="nowrap" data-testid="template-controls">
      <Group gap="xs">
        <Text fw={700} ff="monospace">{name}</Text>
        {detail.data?.overridden && <Badge variant="light" color="grape">Edited{detail.data.updatedBy ? ` by ${detail.data.updatedBy}` : ''}</Badge>}
      </Group>
      <Group gap="xs">
        <SegmentedControl size="xs" value={language} onChange={(value) => setLanguage(value as Language)} aria-label="Language"
          data={TEMPLATE_LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value], disabled: !available.includes(value) }))} />
        <SegmentedControl size="xs" value={severity} onChange={(value) => setSeverity(value as Severity)} aria-label="Severity of the sample case" data={SEVERITIES.map((value) => ({ value, label: value }))} />
      </Group>
    </Group>
  );
  if (!available.includes(language)) return <Stack>{header}<Text size="sm" c="dimmed">There is no {LANGUAGE_LABELS[language]} version of this template; borrowers get the English one.</Text></Stack>;
  if (detail.isPending) return <Stack>{header}<Loading what="the template" /></Stack>;
  if (detail.isError) return <LoadError what="The template" error={detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <Stack gap="sm">
      {header}
      <TemplateDraft key={`${detail.data.id}:${detail.data.updatedAt ?? 'shipped'}:${detail.data.overridden}`} detail={detail.data} severity={severity} variables={variables} editable={editable} />
    </Stack>
  );
}

/** The text being edited, its preview redrawn a moment after each keystroke, and the save and reset actions. */
function TemplateDraft({ detail, severity, variables, editable }: { detail: TemplateDetail; severity: Severity; variables: Record<string, string>; editable: boolean }) {
  const { language, name } = detail;
  const [draft, setDraft] = useState(detail.body);
  const [debounced] = useDebouncedValue(draft, 250);
  const preview = useQuery({
    queryKey: ['settings.previewTemplate', language, name, severity, debounced],
    queryFn: () => call('settings.previewTemplate', { language: language as Language, name, severity, body: debounced }),
    placeholderData: keepPreviousData,
  });
  const reload = [['settings.templates'], ['settings.template', language, name]] as const;
  const save = useSettingsSave({ save: () => call('settings.saveTemplate', { language: language as Language, name, body: draft }), done: 'Template saved: the next message uses it', reload });
  const reset = useSettingsSave({ save: () => call('settings.resetTemplate', { language: language as Language, name }), done: 'The shipped template is back', reload });
  const changed = draft !== detail.body;
  return (
    <>
      <Group align="stretch" grow wrap="nowrap" gap="md">
        <Stack gap={4}>
          <Textarea aria-label="Template text" value={draft} onChange={(event) => setDraft(event.currentTarget.value)} readOnly={!editable} autosize minRows={14} maxRows={24}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }} spellCheck={false} data-testid="template-text" />
          <Group gap="xs" justify="space-between">
            <VariablesHelp variables={variables} />
            {changed && <Text size="xs" c="dimmed">Not saved yet</Text>}
          </Group>
        </Stack>
        <TemplatePreviewPane preview={preview.data} loading={preview.isFetching} error={preview.error} id={detail.id} />
      </Group>
      <SaveProblem problem={save.problem ?? reset.problem} />
      {editable && (
        <Group gap="xs">
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={!changed || (preview.data !== undefined && !preview.data.ok)}>Save template</Button>
          {changed && <Button variant="default" onClick={() => setDraft(detail.body)}>Discard changes</Button>}
          {detail.overridden && <Button variant="default" color="red" onClick={() => reset.mutate(undefined)} loading={reset.isPending}>Put back the shipped template</Button>}
        </Group>
      )}
    </>
  );
}

/** The variables and helpers a template may use, one click away. */
function VariablesHelp({ variables }: { variables: Record<string, string> }) {
  return (
    <Popover width={520} position="bottom-start" shadow="md">
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" leftSection={<IconVariable size={14} />}>Variables and helpers</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Table fz="xs" verticalSpacing={2}>
          <Table.Tbody>
            {Object.entries(variables).map(([name, meaning]) => (
              <Table.Tr key={name}><Table.Td ff="monospace">{`{{${name}}}`}</Table.Td><Table.Td>{meaning}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" mt="xs" c="dimmed">Helpers: {'{{money amount_overdue currency}}'}, {'{{date due_date}}'}, {'{{days days_past_due}}'}, {'{{lines borrower_address}}'}. Optional text: {'{{#if agent_name}}…{{/if}}'}.</Text>
      </Popover.Dropdown>
    </Popover>
  );
}
