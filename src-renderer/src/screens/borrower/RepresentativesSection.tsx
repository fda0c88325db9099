import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import type { BorrowerProfile } from '../../../../src-shared/contract';
import { titleCase } from '../../format/domain-labels';
import { formatPhone } from '../../format/phone';
import { formatDate } from '../../format/time';
import { ProfileSection } from './ProfileSection';

/** Legal representatives (while one is in force, contact goes to them) and the consents the borrower gave. */
export function RepresentativesSection({ profile }: { profile: BorrowerProfile }) {
  return (
    <ProfileSection title="Representatives and consents" icon={<IconGavel size={18} color="var(--mantine-color-indigo-6)" />}>
      {profile.legalRepresentatives.length === 0 ? (
        <Text size="sm" c="dimmed">No legal representative on record.</Text>
      ) : (
        <Stack gap={6}>
          {profile.legalRepresentatives.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>{r.name}{r.firm ? `, ${r.firm}` : ''}</Text>
                <Text size="xs" c="dimmed">{titleCase(r.type)} · from {formatDate(r.activeFrom)}{r.activeTo ? ` to ${formatDate(r.activeTo)}` : ''}{r.phone ? ` · ${formatPhone(r.phone)}` : ''}{r.email ? ` · ${r.email}` : ''}</Text>
              </div>
              {r.inForce ? <Badge color="orange" variant="light">In force: contact goes to them</Badge> : <Badge color="gray" variant="outline">Ended</Badge>}
            </Group>
          ))}
        </Stack>
      )}
      <Stack gap={4} aria-label="Consents">
        {profile.consents.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap">
            <Text size="sm">{titleCase(c.type)} <Text span size="xs" c="dimmed">since {formatDate(c.grantedAt.slice(0, 10))}</Text></Text>
            {c.revokedAt ? <Badge size="sm" color="red" variant="light">Revoked {formatDate(c.revokedAt.slice(0, 10))}</Badge> : <Badge size="sm" color="teal" variant="light">Given</Badge>}
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
