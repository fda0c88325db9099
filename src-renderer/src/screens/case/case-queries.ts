import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContactCheck } from '../../../../src-shared/contract';
import { call } from '../../api/client';

/**
 * Every query about one case is keyed `[channel, caseId, ...]`, so a `cases.changed` event for the
 * case (or for any case: an engine run, a delivery poll) refreshes them all without a reload.
 */
export function useCaseLiveUpdates(caseId: string): void {
  const client = useQueryClient();
  useEffect(
    () =>
      window.api.on('cases.changed', ({ caseIds }) => {
        if (caseIds.length > 0 && !caseIds.includes(caseId)) return;
        void client.invalidateQueries({ predicate: (query) => query.queryKey[1] === caseId });
      }),
    [client, caseId],
  );
}

/** Refreshes the case's queries now, after a command this screen made. */
export function useRefreshCase(caseId: string): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ predicate: (query) => query.queryKey[1] === caseId });
}

export function useCaseSummary(caseId: string) {
  return useQuery({ queryKey: ['cases.get', caseId], queryFn: () => call('cases.get', { caseId }) });
}

export function useCaseDetail(caseId: string) {
  return useQuery({ queryKey: ['cases.detail', caseId], queryFn: () => call('cases.detail', { caseId }) });
}

/** The gate's answer for a manual contact now; asked again every minute, since hours and cooling-off run out. */
export function useContactCheck(caseId: string, channel: ContactCheck['channel']) {
  return useQuery({ queryKey: ['compliance.check', caseId, channel], queryFn: () => call('compliance.check', { caseId, channel }), refetchInterval: 60_000 });
}

/** Names of the people who may appear as authors (agents and supervisors), by id. */
export function useUserNames(): (userId: string | null) => string | null {
  const agents = useQuery({ queryKey: ['directory.agents'], queryFn: () => call('directory.agents', {}), staleTime: 5 * 60_000 });
  return (userId) => (userId === null ? null : (agents.data?.find((agent) => agent.id === userId)?.name ?? null));
}
