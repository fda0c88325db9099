import { SimpleGrid, Text } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import type { BorrowerProfile } from '../../../../src-shared/contract';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import { titleCase } from '../../format/domain-labels';
import { formatDate } from '../../format/time';
import { ProfileSection } from './ProfileSection';

/** Who the borrower is: the SSN only by its last four, identity documents only masked. */
export function IdentitySection({ profile: p }: { profile: BorrowerProfile }) {
  return (
    <ProfileSection title="Identity" icon={<IconId size={18} color="var(--mantine-color-indigo-6)" />}>
      <SimpleGrid cols={3} spacing="sm">
        <Field label="Customer number"><Text size="sm" ff="monospace">{p.externalId}</Text></Field>
        <Field label="Date of birth">{p.dateOfBirth ? formatDate(p.dateOfBirth) : '—'}</Field>
        <Field label="SSN">{p.ssnLastFour ? `•••-••-${p.ssnLastFour}` : '—'}</Field>
        <Field label="Employer">{p.employer ?? '—'}</Field>
        <Field label="Annual income">{p.annualIncome ? <Money minor={p.annualIncome.amountMinor} currency={p.annualIncome.currency} size="sm" /> : '—'}</Field>
        <Field label="Jurisdiction">{p.jurisdiction}{p.timezone ? ` · ${p.timezone}` : ''}</Field>
        {p.business && (
          <>
            <Field label="Business">{p.business.name}</Field>
            <Field label="Entity">{titleCase(p.business.entityType)}{p.business.industry ? ` · ${p.business.industry}` : ''}</Field>
            <Field label="EIN">{p.business.einMasked ?? '—'}</Field>
          </>
        )}
        {p.identities.map((doc) => (
          <Field key={doc.id} label={titleCase(doc.documentType)}>
            <Text size="sm" ff="monospace" span>{doc.numberMasked}</Text>
            {doc.expiresOn && <Text size="xs" c="dimmed" span> · expires {formatDate(doc.expiresOn)}</Text>}
          </Field>
        ))}
      </SimpleGrid>
    </ProfileSection>
  );
}
