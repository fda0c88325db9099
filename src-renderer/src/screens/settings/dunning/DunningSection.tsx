import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DunningScheduleView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { useConfiguration } from '../use-configuration';
import { DunningScheduleForm } from './DunningScheduleForm';

const NEW = '__new__';
const BLANK: DunningScheduleView = { id: NEW, name: '', isDefault: false, steps: [], productCodes: [] };

/** The dunning ladders: which message goes out on which day past due, suppressed during which holds. */
export function DunningSection({ editable }: { editable: boolean }) {
  const configuration = useConfiguration();
  const templates = useQuery({ queryKey: ['settings.templates'], queryFn: () => call('settings.templates', {}) });
  const [selected, setSelected] = useState<string | null>(null);
  if (configuration.isPending || templates.isPending) return <Loading what="dunning schedules" />;
  if (configuration.isError) return <LoadError what="Dunning schedules" error={configuration.error} onRetry={() => void configuration.refetch()} />;
  if (templates.isError) return <LoadError what="Templates" error={templates.error} onRetry={() => void templates.refetch()} />;
  const schedules = configuration.data.dunningSchedules;
  const current = selected === NEW ? BLANK : (schedules.find((schedule) => schedule.id === selected) ?? schedules[0] ?? BLANK);
  const templateNames = [...new Set(templates.data.templates.filter((template) => template.language === 'en').map((template) => template.name))];
  return (
    <Stack gap="md">
      <SectionHeader title="Dunning schedules" actions={editable && <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setSelected(NEW)}>New schedule</Button>}>
        Each product follows a schedule (or the default one). The daily run plans a step on the day a loan reaches its days past due; the compliance gate still decides when it goes out.
      </SectionHeader>
      <Group gap="sm">
        <Select aria-label="Schedule" w={320} allowDeselect={false} value={current.id === NEW ? null : current.id} placeholder="New schedule"
          data={schedules.map((schedule) => ({ value: schedule.id, label: `${schedule.name}${schedule.isDefault ? ' (default)' : ''}` }))} onChange={(value) => value && setSelected(value)} />
        {current.productCodes.length > 0 && <Text size="sm" c="dimmed">Followed by {current.productCodes.map((code) => <Badge key={code} variant="light" mr={4}>{code}</Badge>)}</Text>}
      </Group>
      <DunningScheduleForm key={`${current.id}:${JSON.stringify(current)}`} schedule={current.id === NEW ? null : current} templateNames={templateNames} editable={editable} onSaved={(saved) => setSelected(saved.id)} />
    </Stack>
  );
}
