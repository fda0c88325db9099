import { Paper, Progress, Stepper, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { TAPE_IMPORT_STEPS, type TapeImportProgress, type TapeImportStep } from '../../../../../src-shared/contract';
import { describeTapeProgress } from '../../../../../src-shared/tape-format';

const STEP_LABELS: Record<TapeImportStep, { label: string; description: string }> = {
  reading: { label: 'Read', description: 'Each CSV file' },
  checking: { label: 'Check', description: 'Every row against the rules' },
  writing: { label: 'Write', description: 'In one transaction' },
};

/** Where a running import is: the three steps, and a bar for the files or rows of the current one. */
export function TapeImportSteps({ progress, failed, done }: { progress: TapeImportProgress | null; failed: boolean; done: boolean }) {
  const index = progress ? TAPE_IMPORT_STEPS.indexOf(progress.step) : 0;
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <Paper withBorder p="md" data-testid="tape-import-progress">
      <Stepper active={done ? TAPE_IMPORT_STEPS.length : index} size="sm" allowNextStepsSelect={false}>
        {TAPE_IMPORT_STEPS.map((step, at) => {
          const stoppedHere = failed && at === index;
          return (
            <Stepper.Step key={step} label={STEP_LABELS[step].label} description={stoppedHere ? 'Stopped here' : STEP_LABELS[step].description}
              color={stoppedHere ? 'red' : undefined} icon={stoppedHere ? <IconX size={16} /> : undefined} />
          );
        })}
      </Stepper>
      {!done && !failed && (
        <>
          <Text size="sm" mt="md" mb={6}>{progress ? describeTapeProgress(progress) : 'Starting…'}</Text>
          <Progress value={percent} animated size="md" aria-label="Tape import progress" />
        </>
      )}
    </Paper>
  );
}
