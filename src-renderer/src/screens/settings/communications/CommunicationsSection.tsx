import { Badge, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client';
import { Field } from '../../../components/Field';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { SmtpForm } from './SmtpForm';
import { TwilioForm } from './TwilioForm';

/** Twilio and SMTP: sandbox until an administrator saves an account; secrets go in and never come back out. */
export function CommunicationsSection({ editable }: { editable: boolean }) {
  const status = useQuery({ queryKey: ['communications.status'], queryFn: () => call('communications.status', {}) });
  if (status.isPending) return <Loading what="communication settings" />;
  if (status.isError) return <LoadError what="Communication settings" error={status.error} onRetry={() => void status.refetch()} />;
  const { twilio, email, statusSource } = status.data;
  return (
    <Stack gap="lg">
      <SectionHeader title="Communications">Texts and calls go through Twilio, email through SMTP. Without an account this desktop is in sandbox mode and nothing reaches a borrower.</SectionHeader>
      <SimpleGrid cols={3}>
        <Field label="Texts and calls">
          <Badge color={twilio.mode === 'live' ? 'teal' : 'orange'} variant="light">{twilio.mode === 'live' ? `Live: ${twilio.accountSidHint}` : 'Sandbox (simulator)'}</Badge>
        </Field>
        <Field label="Email">
          <Badge color={email.mode === 'smtp' ? 'teal' : 'orange'} variant="light">{email.mode === 'smtp' ? `${email.host}:${email.port}` : 'Sandbox (kept, not sent)'}</Badge>
        </Field>
        <Field label="Delivery statuses from">{statusSource === 'relay' ? 'The relay’s Twilio webhooks' : 'Polling Twilio every 10 s'}</Field>
      </SimpleGrid>
      <Divider />
      <Group justify="space-between"><Title order={4}>Twilio</Title>{twilio.mode === 'live' && <Text size="sm" c="dimmed">Sender {twilio.fromNumber}{twilio.whatsappFrom ? `, WhatsApp ${twilio.whatsappFrom}` : ''}</Text>}</Group>
      {editable ? <TwilioForm key={twilio.mode} status={status.data} /> : <Text size="sm" c="dimmed">An administrator sets the Twilio account.</Text>}
      <Divider />
      <Title order={4}>SMTP</Title>
      {editable ? <SmtpForm key={email.mode} status={status.data} /> : <Text size="sm" c="dimmed">An administrator sets the SMTP account.</Text>}
    </Stack>
  );
}
