import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value in a summary grid: small caps label above, the value below. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}
