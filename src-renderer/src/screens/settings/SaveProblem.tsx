import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AppErrorData } from '../../../../src-shared/errors';

/** Why a save was refused, unless an input already shows it beside the field at fault. */
export function SaveProblem({ problem, inline = [] }: { problem: AppErrorData | null; inline?: readonly string[] }) {
  if (!problem || (problem.field !== undefined && inline.includes(problem.field))) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" mt="sm" data-testid="save-problem">
      {problem.message}
    </Alert>
  );
}
