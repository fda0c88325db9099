import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../src-shared/contract';
import { call } from '../../api/client';

/**
 * The profile is keyed under the case it was opened from, so the case screen's live updates
 * (`cases.changed` for the case) refresh it with everything else on screen.
 */
export function useBorrowerProfile(caseId: string, borrowerId: string) {
  return useQuery({ queryKey: ['borrowers.profile', caseId, borrowerId], queryFn: () => call('borrowers.profile', { borrowerId }) });
}

/** A profile command: refreshes the case's queries and says what happened, or shows main's refusal. */
export function useBorrowerCommand<K extends ChannelName>(caseId: string, channel: K, done: string, onDone?: (value: ChannelOutput<K>) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<K>) => call(channel, input),
    onSuccess: (value) => {
      void client.invalidateQueries({ predicate: (query) => query.queryKey[1] === caseId });
      notifications.show({ color: 'teal', message: done });
      onDone?.(value);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: error.message }),
  });
}
