import { Badge, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { LoadError, Loading } from '../../components/QueryStatus';
import { ContactsSection } from './ContactsSection';
import { DoNotContactSwitch } from './DoNotContactSwitch';
import { IdentitySection } from './IdentitySection';
import { LoansSection } from './LoansSection';
import { PaymentsSection } from './PaymentsSection';
import { PreferencesSection } from './PreferencesSection';
import { RepresentativesSection } from './RepresentativesSection';
import { useBorrowerProfile } from './use-borrower-profile';

/** Seed 001's borrower profile, opened beside the case it was reached from. */
export function BorrowerProfileDrawer({ caseId, borrowerId, currency, onClose }: { caseId: string; borrowerId: string; currency: string; onClose(): void }) {
  const profile = useBorrowerProfile(caseId, borrowerId);
  const p = profile.data;
  return (
    <Drawer opened onClose={onClose} position="right" size={880} title={<Title order={4}>Borrower profile</Title>} aria-label="Borrower profile">
      {profile.isPending && <Loading what="the borrower" />}
      {profile.error && <LoadError what="The borrower" error={profile.error} onRetry={() => void profile.refetch()} />}
      {p && (
        <Stack gap="md" data-testid="borrower-profile">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3}>{p.name}</Title>
              <Group gap={6} mt={4}>
                <Text size="sm" c="dimmed">{p.jurisdiction} · speaks {p.language.toUpperCase()}</Text>
                {p.vulnerable && <Badge color="grape" variant="light">Vulnerable</Badge>}
                {p.hardship && <Badge color="yellow" variant="light">Hardship</Badge>}
                {p.legalRepresentatives.some((r) => r.inForce) && <Badge color="orange" variant="light">Represented</Badge>}
              </Group>
            </div>
            <DoNotContactSwitch caseId={caseId} profile={p} />
          </Group>
          <IdentitySection profile={p} />
          <ContactsSection caseId={caseId} profile={p} />
          <PreferencesSection key={`${p.language}-${p.preferences.channel}-${JSON.stringify(p.preferences.hours)}`} caseId={caseId} profile={p} />
          <SimpleGrid cols={2} spacing="md">
            <RepresentativesSection profile={p} />
            <PaymentsSection profile={p} currency={currency} />
          </SimpleGrid>
          <LoansSection profile={p} />
        </Stack>
      )}
    </Drawer>
  );
}
