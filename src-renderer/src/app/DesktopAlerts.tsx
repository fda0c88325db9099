import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { formatMinor } from '../../../src-shared/money';
import { call } from '../api/client';

const POLL_MS = 15_000;

interface Alert {
  key: string;
  title: string;
  body: string;
  caseId: string | null;
}

/** Shows an alert as an OS notification (Electron, or a browser that allowed it) and in the window; either opens its case. */
function raise(alert: Alert, openCase: (caseId: string) => void): void {
  const open = () => {
    window.focus();
    if (alert.caseId) openCase(alert.caseId);
  };
  if ('Notification' in window && Notification.permission === 'granted') {
    const os = new Notification(alert.title, { body: alert.body, tag: alert.key });
    os.onclick = open;
  }
  notifications.show({ title: alert.title, message: alert.body, color: 'indigo', autoClose: 8000, onClick: open, style: { cursor: alert.caseId ? 'pointer' : undefined } });
}

/**
 * Desktop notifications for replies and approval requests (issue 7). It compares what main
 * reports with what it has already seen, so a reply counts once whether it came from this
 * desktop's polling, a relay callback or another desktop by sync; what is there at sign-in is
 * seen, not announced.
 */
export function DesktopAlerts({ onOpenCase }: { onOpenCase(caseId: string): void }) {
  const client = useQueryClient();
  const seen = useRef<Set<string> | null>(null);
  const alerts = useQuery({ queryKey: ['alerts.recent'], queryFn: () => call('alerts.recent', {}), refetchInterval: POLL_MS });
  useEffect(() => window.api.on('cases.changed', () => void client.invalidateQueries({ queryKey: ['alerts.recent'] })), [client]);
  useEffect(() => {
    if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
  }, []);
  useEffect(() => {
    if (!alerts.data) return;
    const current: Alert[] = [
      ...alerts.data.replies.map((reply) => ({ key: `reply:${reply.messageId}`, title: `Reply from ${reply.borrowerName}`, body: reply.body, caseId: reply.caseId })),
      ...alerts.data.approvals.map((offer) => ({
        key: `approval:${offer.offerId}`,
        title: `Approval requested: ${offer.borrowerName}`,
        body: `Settlement of ${formatMinor(offer.amountMinor, offer.currency)} (${offer.discountPct}% off) awaits your decision`,
        caseId: offer.caseId,
      })),
    ];
    if (seen.current === null) {
      seen.current = new Set(current.map((alert) => alert.key));
      return;
    }
    for (const alert of current) {
      if (seen.current.has(alert.key)) continue;
      seen.current.add(alert.key);
      raise(alert, onOpenCase);
    }
  }, [alerts.data, onOpenCase]);
  return null;
}
