import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconCreditCard } from '@tabler/icons-react';
import type { BorrowerProfile } from '../../../../src-shared/contract';
import { Money } from '../../components/Money';
import { titleCase } from '../../format/domain-labels';
import { formatDate } from '../../format/time';
import { ProfileSection } from './ProfileSection';

/** Payment instruments, only ever masked, and the autopay plans drawing on them. */
export function PaymentsSection({ profile, currency }: { profile: BorrowerProfile; currency: string }) {
  return (
    <ProfileSection title="Payment instruments and autopay" icon={<IconCreditCard size={18} color="var(--mantine-color-indigo-6)" />}>
      {profile.paymentInstruments.length === 0 && <Text size="sm" c="dimmed">No payment instrument on file.</Text>}
      <Stack gap={6}>
        {profile.paymentInstruments.map((i) => (
          <Group key={i.id} gap="xs">
            <Text size="sm">{titleCase(i.type)}</Text>
            <Text size="sm" ff="monospace">{i.numberMasked}</Text>
            {i.isDefault && <Badge size="xs" color="indigo">Default</Badge>}
          </Group>
        ))}
        {profile.autopayPlans.map((a) => (
          <Group key={a.id} gap="xs">
            <Badge size="sm" color={a.isActive ? 'teal' : 'gray'} variant="light">{a.isActive ? 'Autopay on' : 'Autopay off'}</Badge>
            <Text size="sm">{titleCase(a.frequency)} from {a.instrumentMasked}, {a.amountType === 'fixed' && a.fixedAmountMinor !== null ? '' : titleCase(a.amountType).toLowerCase()}</Text>
            {a.amountType === 'fixed' && a.fixedAmountMinor !== null && <Money minor={a.fixedAmountMinor} currency={currency} size="sm" />}
            {a.nextPaymentOn && <Text size="xs" c="dimmed">next {formatDate(a.nextPaymentOn)}</Text>}
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
