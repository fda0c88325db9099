import type { ChannelInput } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { downloadCsv } from '../../../components/download-csv';

/** Saves the blocked contacts in range as a CSV file. */
export async function downloadBlockedCsv(range: ChannelInput<'complianceAdmin.blockedCsv'>): Promise<number> {
  const { filename, csv, rows } = await call('complianceAdmin.blockedCsv', range);
  downloadCsv(filename, csv);
  return rows;
}
