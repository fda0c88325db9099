import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComplianceCaseHit } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';

/** A case found by the start of its account number; the borrower's name and jurisdiction show beside it. */
export function CasePicker({ value, onChange }: { value: ComplianceCaseHit | null; onChange: (hit: ComplianceCaseHit | null) => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const hits = useQuery({ queryKey: ['complianceAdmin.findCases', debounced], queryFn: () => call('complianceAdmin.findCases', { accountNumber: debounced }), enabled: debounced.length > 0 });
  const options = [...(value ? [value] : []), ...(hits.data ?? []).filter((hit) => hit.caseId !== value?.caseId)];
  return (
    <Select
      label="Borrower (account number)"
      placeholder="Type an account number"
      searchable
      clearable
      w={420}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced.length > 0 && !hits.isPending ? 'No case with that account number' : undefined}
      data={options.map((hit) => ({ value: hit.caseId, label: `${hit.accountNumber} · ${hit.borrowerName} (${hit.jurisdiction})` }))}
      value={value?.caseId ?? null}
      onChange={(caseId) => onChange(options.find((hit) => hit.caseId === caseId) ?? null)}
    />
  );
}
