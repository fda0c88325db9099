import { Badge, Tooltip } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';

/**
 * Says, always in view, when nothing sent from this desktop can reach a borrower: texts and calls
 * go to the local Twilio simulator and email to a mailer that keeps it, until an admin saves
 * credentials. Shown for email alone too, since a live Twilio with sandbox email still drops mail.
 */
export function SandboxBadge() {
  const status = useQuery({ queryKey: ['communications.status'], queryFn: () => call('communications.status', {}), staleTime: 60_000 });
  if (!status.data) return null;
  const twilioSandbox = status.data.twilio.mode === 'sandbox';
  const emailSandbox = status.data.email.mode === 'sandbox';
  if (!twilioSandbox && !emailSandbox) return null;
  const what = twilioSandbox && emailSandbox ? 'Texts, calls and email' : twilioSandbox ? 'Texts and calls' : 'Email';
  return (
    <Tooltip multiline w={300} label={`${what} go to a local simulator and never reach a borrower. An admin turns this off by saving Twilio and SMTP settings.`}>
      <Badge color="orange" variant="filled" size="lg" leftSection={<IconFlask size={14} />} data-testid="sandbox-badge">
        Sandbox mode
      </Badge>
    </Tooltip>
  );
}
