import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';

/** The configuration tables, read once for the queue, dunning, SLA and fee sections. */
export function useConfiguration() {
  return useQuery({ queryKey: ['settings.configuration'], queryFn: () => call('settings.configuration', {}) });
}

export const CONFIGURATION_KEY = ['settings.configuration'] as const;
