import { existsSync, statSync } from 'node:fs';
import type { ChannelName, SyncStatus } from '../../src-shared/contract';
import { businessDateAt } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import type { HandlerSlice } from '../ipc/handler-types';
import { log } from '../log/logger';
import { readSchedule } from '../scheduler/schedule-config';
import { runDailyJob } from '../scheduler/scheduler';
import type { Store } from '../store/open-store';
import { importTape, TapeError } from './import-tape';

type TapeChannel = Extract<ChannelName, `tape.${string}`>;

/** Problems listed in the answer; a tape with more names the count, and the CLI lists them all. */
const LISTED_PROBLEMS = 50;

function refusal(error: TapeError): AppError {
  const shown = error.errors.slice(0, LISTED_PROBLEMS);
  const more = error.errors.length - shown.length;
  return new AppError('validation', [...shown, ...(more > 0 ? [`… and ${more.toLocaleString('en')} more problems`] : []), 'Nothing was imported.'].join('\n'), 'dir');
}

/** Runs the import, turning a refused tape into the answer the window shows. */
function importOrRefuse<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof TapeError ? refusal(error) : error;
  }
}

/**
 * Loan-tape import from the app, for a desktop that is its own ledger: the same all-or-nothing
 * import as the CLI, with its progress pushed to the windows, then the daily run so the new loans
 * have their cases straight away.
 */
export function tapeHandlers(store: Store, syncState: () => SyncStatus['state'], chooseFolder?: (title: string) => Promise<string | null>): HandlerSlice<TapeChannel> {
  return {
    'tape.chooseFolder': async () => {
      if (!chooseFolder) throw new AppError('conflict', 'This window has no folder picker: type the folder’s path instead.');
      return { dir: await chooseFolder('Choose the loan tape folder') };
    },
    'tape.import': ({ dir, runDaily }, { broadcast, actor }) => {
      if (syncState() !== 'local') {
        throw new AppError('conflict', 'This desktop syncs with a relay: import the tape into the ledger there (npm run relay -- import --dir FOLDER), and it reaches every desktop.');
      }
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('validation', `There is no folder at ${dir}.`, 'dir');
      const summary = importOrRefuse(() => importTape(store, dir, { onProgress: (progress) => broadcast('tape.progress', progress) }));
      log.info('loan tape imported', { dir, by: actor?.id, summary });
      const dailyRun = runDaily
        ? runDailyJob(store, broadcast, { job: 'delinquency', asOf: businessDateAt(new Date(), readSchedule(store).timeZone), mode: 'local' })
        : null;
      if (dailyRun) broadcast('engine.progress', { job: 'delinquency', loansDone: Number(dailyRun.loans ?? 0), finished: true, summary: dailyRun });
      broadcast('cases.changed', { caseIds: [] });
      return { summary, dailyRun };
    },
  };
}
