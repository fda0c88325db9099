import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import { useState } from 'react';
import { BORROWER_LANGUAGES, CONTACT_CHANNELS, type BorrowerProfile, type PreferredChannel } from '../../../../src-shared/contract';
import { useCan } from '../../app/session-context';
import { ProfileSection } from './ProfileSection';
import { useBorrowerCommand } from './use-borrower-profile';

const LANGUAGE_NAMES: Record<(typeof BORROWER_LANGUAGES)[number], string> = { en: 'English', es: 'Spanish' };
const CHANNEL_NAMES: Record<PreferredChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', voice: 'Phone call', email: 'Email', mail: 'Post' };

/** The language messages and letters go out in, and when and how the borrower prefers automated contact. */
export function PreferencesSection({ caseId, profile }: { caseId: string; profile: BorrowerProfile }) {
  const canEdit = useCan('update_case');
  const [language, setLanguage] = useState(profile.language as (typeof BORROWER_LANGUAGES)[number]);
  const [channel, setChannel] = useState<PreferredChannel | null>(profile.preferences.channel);
  const [windowOn, setWindowOn] = useState(profile.preferences.hours !== null);
  const [start, setStart] = useState(profile.preferences.hours?.start ?? '09:00');
  const [end, setEnd] = useState(profile.preferences.hours?.end ?? '17:00');
  const save = useBorrowerCommand(caseId, 'borrowers.setPreferences', 'Preferences saved');
  const changed =
    language !== profile.language ||
    channel !== profile.preferences.channel ||
    windowOn !== (profile.preferences.hours !== null) ||
    (windowOn && (start !== profile.preferences.hours?.start || end !== profile.preferences.hours?.end));
  return (
    <ProfileSection title="Language and preferences" icon={<IconAdjustments size={18} color="var(--mantine-color-indigo-6)" />}>
      <Group grow align="flex-start">
        <Select label="Language" data={BORROWER_LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))} value={language} onChange={(value) => value && setLanguage(value as typeof language)} allowDeselect={false} disabled={!canEdit} />
        <Select label="Preferred channel" placeholder="No preference" data={CONTACT_CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] }))} value={channel} onChange={(value) => setChannel(value as PreferredChannel | null)} clearable disabled={!canEdit} />
      </Group>
      <Group align="flex-end">
        <Switch label="Preferred hours" checked={windowOn} onChange={(e) => setWindowOn(e.currentTarget.checked)} disabled={!canEdit} mb={8} />
        <TextInput label="From" type="time" value={start} onChange={(e) => setStart(e.currentTarget.value)} disabled={!windowOn || !canEdit} w={140} />
        <TextInput label="To" type="time" value={end} onChange={(e) => setEnd(e.currentTarget.value)} disabled={!windowOn || !canEdit} w={140}
          error={windowOn && end <= start ? 'ends before it starts' : undefined} />
        {canEdit && (
          <Button ml="auto" disabled={!changed || (windowOn && end <= start)} loading={save.isPending}
            onClick={() => save.mutate({ borrowerId: profile.id, language, channel, hours: windowOn ? { start, end } : null })}>
            Save preferences
          </Button>
        )}
      </Group>
    </ProfileSection>
  );
}
