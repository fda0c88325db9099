import type { QueueSelection } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { downloadCsv } from '../../components/download-csv';

/** Saves the matching cases as a CSV file. */
export async function downloadQueueCsv(selection: QueueSelection): Promise<number> {
  const { filename, csv, rows } = await call('cases.exportCsv', selection);
  downloadCsv(filename, csv);
  return rows;
}
