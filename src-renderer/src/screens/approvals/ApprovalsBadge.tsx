import { Badge } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../../api/client';

/** How many settlement offers wait for a supervisor, beside the Approvals link; kept current as cases and sync change. */
export function ApprovalsBadge() {
  const client = useQueryClient();
  const pending = useQuery({ queryKey: ['approvals.count'], queryFn: () => call('approvals.count', {}) });
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['approvals.count'] });
    const offCases = window.api.on('cases.changed', refresh);
    const offSync = window.api.on('sync.status', refresh);
    return () => {
      offCases();
      offSync();
    };
  }, [client]);
  const count = pending.data?.settlements ?? 0;
  if (count === 0) return null;
  return <Badge size="sm" circle={count < 10} color="red" data-testid="approvals-badge" aria-label={`${count} waiting for approval`}>{count}</Badge>;
}
