import type { ChannelInput } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';

/** Saves the blocked contacts in range as a CSV file through the browser's download (Electron asks where to save it). */
export async function downloadBlockedCsv(range: ChannelInput<'complianceAdmin.blockedCsv'>): Promise<number> {
  const { filename, csv, rows } = await call('complianceAdmin.blockedCsv', range);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return rows;
}
