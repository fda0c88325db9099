import { Divider, ScrollArea, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useRef } from 'react';
import { call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { MessageBubble } from './MessageBubble';

const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'short', day: 'numeric', year: 'numeric' });

/** The borrower's SMS and WhatsApp thread, oldest first, refreshed as statuses and replies arrive. */
export function MessageThread({ caseId, height }: { caseId: string; height: number | string }) {
  const thread = useQuery({ queryKey: ['messages.thread', caseId], queryFn: () => call('messages.thread', { caseId }) });
  const viewport = useRef<HTMLDivElement>(null);
  const messages = thread.data?.messages ?? [];
  const last = messages.at(-1);
  // Keep the newest message in view when one arrives or changes status.
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [last?.id, last?.status]);

  if (thread.isPending) return <Loading what="the messages" />;
  if (thread.error) return <LoadError what="The messages" error={thread.error} onRetry={() => void thread.refetch()} />;
  if (messages.length === 0) return <Empty hint="Press S to write the first one.">No texts with this borrower yet.</Empty>;
  return (
    <ScrollArea h={height} viewportRef={viewport} offsetScrollbars aria-label="Message thread">
      <Stack gap="sm" p="xs">
        {messages.map((message, index) => {
          const label = day.format(new Date(message.at));
          const newDay = index === 0 || day.format(new Date(messages[index - 1]!.at)) !== label;
          return (
            <Fragment key={message.id}>
              {newDay && <Divider label={label} labelPosition="center" />}
              <MessageBubble message={message} />
            </Fragment>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
