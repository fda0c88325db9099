import { Stack, Table, Text, Tooltip } from '@mantine/core';
import type { CurrencyRollRates, RollMatrixRow } from '../../../../src-shared/contract';
import { BUCKETS } from '../../../../src-shared/domain/vocabulary';
import { BUCKET_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/time';
import { count, percent } from './dashboard-format';
import classes from './Dashboard.module.css';

/** Rolled forward in red, cured back in green, stayed in blue; deeper the larger the share. */
function heat(fromIndex: number, toIndex: number, share: number | null): string | undefined {
  if (share === null || share === 0) return undefined;
  const rgb = toIndex > fromIndex ? '240, 62, 62' : toIndex < fromIndex ? '18, 184, 134' : '76, 110, 245';
  return `rgba(${rgb}, ${(0.12 + share * 0.6).toFixed(2)})`;
}

/**
 * Where the accounts of each bucket at the period's start stood at its end (a row adds up to
 * 100%), and below it DESIGN §2's roll rates on balances, one row per currency.
 */
export function RollMatrix({ matrix, rates, startOn, to }: { matrix: RollMatrixRow[]; rates: CurrencyRollRates[]; startOn: string; to: string }) {
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">Rows: bucket at the end of {formatDate(startOn)}. Columns: bucket at the end of {formatDate(to)}. Share of the row’s accounts.</Text>
      <Table className={classes.matrix} fz="xs" withColumnBorders withTableBorder aria-label="Roll-rate matrix" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From \ to</Table.Th>
            {BUCKETS.map((bucket) => <Table.Th key={bucket}>{BUCKET_LABELS[bucket]}</Table.Th>)}
            <Table.Th>Accounts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.map((row, fromIndex) => (
            <Table.Tr key={row.from}>
              <Table.Th>{BUCKET_LABELS[row.from]}</Table.Th>
              {row.to.map((cell, toIndex) => (
                <Table.Td key={cell.bucket} style={{ background: heat(fromIndex, toIndex, cell.share) }} data-cell={`${row.from}>${cell.bucket}`}>
                  <Tooltip label={`${count(cell.accounts)} of ${count(row.accounts)} accounts`} withArrow disabled={row.accounts === 0}>
                    <span>{row.accounts === 0 ? '' : percent(cell.share, 0)}</span>
                  </Tooltip>
                </Table.Td>
              ))}
              <Table.Td fw={600}>{count(row.accounts)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Roll rate on balances: the balance in the next bucket at the end ÷ the balance in this bucket at the start, per currency. 120+ keeps what it gathers, so its rate can pass 100%.
      </Text>
      <Table className={classes.matrix} fz="xs" withTableBorder aria-label="Roll rates on balances" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Roll rate (balance)</Table.Th>
            {BUCKETS.slice(0, -1).map((bucket, index) => <Table.Th key={bucket}>{BUCKET_LABELS[bucket]} → {BUCKET_LABELS[BUCKETS[index + 1]!]}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rates.map((row) => (
            <Table.Tr key={row.currency}>
              <Table.Th>{row.currency}</Table.Th>
              {row.rates.map((rate) => <Table.Td key={rate.from}>{percent(rate.ratio)}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
