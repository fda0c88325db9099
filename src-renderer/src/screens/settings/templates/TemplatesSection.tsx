import { Badge, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { TemplateListItem } from '../../../../../src-shared/contract';
import { CHANNELS } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { TemplateEditor } from './TemplateEditor';

const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = { sms: 'SMS', whatsapp: 'WhatsApp', voice: 'Voice', email: 'Email', letter: 'Letters' };

/** Every message and letter template by channel; choosing one opens it in the editor with its live preview. */
export function TemplatesSection({ editable }: { editable: boolean }) {
  const list = useQuery({ queryKey: ['settings.templates'], queryFn: () => call('settings.templates', {}) });
  const [selected, setSelected] = useState<string>('sms_payment_default');
  const byName = useMemo(() => {
    const names = new Map<string, TemplateListItem[]>();
    for (const template of list.data?.templates ?? []) names.set(template.name, [...(names.get(template.name) ?? []), template]);
    return names;
  }, [list.data]);
  if (list.isPending) return <Loading what="templates" />;
  if (list.isError) return <LoadError what="Templates" error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md">
      <SectionHeader title="Message and letter templates">
        Handlebars templates in English and Spanish. An edit is kept in the ledger, so every desktop sends it from the next message on; the shipped file can always be put back.
      </SectionHeader>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ScrollArea h={640} w={250} type="auto" style={{ flexShrink: 0 }}>
          {CHANNELS.map((channel) => (
            <div key={channel}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700} mt="xs" mb={2} px="xs">{CHANNEL_LABELS[channel]}</Text>
              {[...byName.entries()].filter(([, versions]) => versions[0]!.channel === channel).map(([name, versions]) => (
                <NavLink key={name} active={name === selected} onClick={() => setSelected(name)} label={<Text size="sm" ff="monospace">{name.slice(channel.length + 1)}</Text>}
                  rightSection={versions.some((version) => version.overridden) ? <Badge size="xs" variant="light" color="grape">edited</Badge> : null} py={4} />
              ))}
            </div>
          ))}
        </ScrollArea>
        <div style={{ flex: 1, minWidth: 0 }}>
          <TemplateEditor key={selected} name={selected} languages={(byName.get(selected) ?? []).map((version) => version.language)} variables={list.data.variables} editable={editable} />
        </div>
      </Group>
    </Stack>
  );
}
