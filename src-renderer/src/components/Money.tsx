import { Text, type MantineColor, type MantineSize } from '@mantine/core';
import type { Minor } from '../../../src-shared/money';

/** An amount set large with its currency code small beside it, so big figures in any currency fit their column. */
export function Money({ minor, currency, size = 'lg', color }: { minor: Minor; currency: string; size?: MantineSize; color?: MantineColor }) {
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' }).formatToParts(minor / 100);
  const amount = parts.filter((part) => part.type !== 'currency' && part.type !== 'literal').map((part) => part.value).join('');
  return (
    <Text size={size} fw={700} c={color} style={{ whiteSpace: 'nowrap' }} lh={1.3}>
      <Text span size="xs" fw={600} c="dimmed" mr={4}>{currency}</Text>
      {amount}
    </Text>
  );
}
