import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { IconArrowDownLeft, IconArrowUpRight, IconBrandWhatsapp, IconCalendarEvent, IconFileText, IconMail, IconMessage, IconNote, IconPhone, IconWalk } from '@tabler/icons-react';
import type { Activity } from '../../../../../src-shared/contract';
import type { ActivityType } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { ACTIVITY_TYPE_LABELS, OUTCOME_COLORS, OUTCOME_LABELS } from '../../../format/domain-labels';
import { formatDate, formatDateTime, formatRelative } from '../../../format/time';

const PAGE = 50;

const TYPE_ICONS: Partial<Record<ActivityType, typeof IconPhone>> = {
  CALL: IconPhone, SMS: IconMessage, WHATSAPP: IconBrandWhatsapp, EMAIL: IconMail, VISIT: IconWalk, FIELD_VISIT: IconWalk, LETTER: IconFileText, LEGAL_NOTICE: IconFileText, NOTE: IconNote,
};

function ActivityItem({ activity, performer }: { activity: Activity; performer: string | null }) {
  const Direction = activity.direction === 'inbound' ? IconArrowDownLeft : IconArrowUpRight;
  return (
    <Stack gap={4} data-testid="activity-item">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={700}>{ACTIVITY_TYPE_LABELS[activity.type]}</Text>
        <Group gap={2} c="dimmed"><Direction size={14} /><Text size="xs">{activity.direction}</Text></Group>
        {activity.outcome && <Badge size="sm" variant="light" color={OUTCOME_COLORS[activity.outcome]}>{OUTCOME_LABELS[activity.outcome]}</Badge>}
        {activity.producedPromise && <Badge size="sm" variant="outline" color="teal">Promise recorded</Badge>}
      </Group>
      {activity.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{activity.notes}</Text>}
      <Text size="xs" c="dimmed">
        {formatRelative(activity.at)} · {formatDateTime(activity.at)}{performer && ` · ${performer}`}{activity.contactMethod && ` · via ${activity.contactMethod}`}
      </Text>
      {activity.nextActionOn && (
        <Group gap={4}><IconCalendarEvent size={14} /><Text size="xs">Follow up {formatDate(activity.nextActionOn)}</Text></Group>
      )}
    </Stack>
  );
}

/** The case's activity history, newest first (seed 004), with who did what and what came of it. */
export function ActivityTimeline({ caseId }: { caseId: string }) {
  const history = useInfiniteQuery({
    queryKey: ['activities.list', caseId],
    queryFn: ({ pageParam }) => call('activities.list', { caseId, page: pageParam, pageSize: PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last) => ((last.page + 1) * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const rows = history.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = history.data?.pages[0]?.total ?? 0;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={5}>History</Title>
        {history.data && <Text size="sm" c="dimmed">{total} activit{total === 1 ? 'y' : 'ies'}</Text>}
      </Group>
      {history.isPending && <Loading what="the history" />}
      {history.error && <LoadError what="The history" error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && rows.length === 0 && <Empty hint="Press L to log the first one.">Nothing has been logged on this case yet.</Empty>}
      {rows.length > 0 && (
        <Timeline bulletSize={28} lineWidth={2} aria-label="Activity history">
          {rows.map((activity) => {
            const Icon = TYPE_ICONS[activity.type] ?? IconNote;
            return (
              <Timeline.Item key={activity.id} bullet={<ThemeIcon size={28} radius="xl" variant="light" color={activity.outcome ? OUTCOME_COLORS[activity.outcome] : 'indigo'}><Icon size={15} /></ThemeIcon>}>
                <ActivityItem activity={activity} performer={activity.performerName} />
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {history.hasNextPage && (
        <Button variant="subtle" size="xs" mt="md" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>Show older</Button>
      )}
    </Paper>
  );
}
