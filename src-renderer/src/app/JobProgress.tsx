import { Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';

const JOB_NAMES: Record<string, string> = {
  delinquency: 'Daily run: delinquency',
  dunning: 'Daily run: dunning',
  promiseCheck: 'Daily run: promise check',
  caseSync: 'Daily run: case sync',
  snapshot: 'Daily snapshot',
};

/** Long scheduled jobs show their progress, then what they did, without the user asking. */
export function JobProgress() {
  useEffect(
    () =>
      window.api.on('engine.progress', ({ job, loansDone, loansTotal, finished, summary }) => {
        const id = `job-${job}`;
        const title = JOB_NAMES[job] ?? job;
        if (finished) {
          const skipped = typeof summary?.skipped === 'string' ? summary.skipped : null;
          notifications.update({ id, title, message: skipped ?? `Finished: ${loansDone.toLocaleString()} loans`, color: skipped ? 'gray' : 'teal', loading: false, autoClose: 4000, withCloseButton: true });
          return;
        }
        const percent = loansTotal ? Math.min(100, Math.round((loansDone / loansTotal) * 100)) : null;
        const message = (
          <Stack gap={4} data-testid="job-progress">
            <Text size="sm">{loansDone.toLocaleString()}{loansTotal ? ` of ${loansTotal.toLocaleString()}` : ''} loans</Text>
            <Progress value={percent ?? 100} animated={percent === null} striped={percent === null} size="sm" aria-label={`${title} progress`} />
          </Stack>
        );
        const shown = document.getElementById(id) !== null;
        (shown ? notifications.update : notifications.show)({ id, title, message, loading: true, autoClose: false, withCloseButton: false });
      }),
    [],
  );
  return null;
}
