import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { QueueQuery, QueueRow } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { forgetQueueOrder, rememberQueueRows } from './queue-order';

/** Rows are read in blocks of this many, as the window over them scrolls. */
export const BLOCK_SIZE = 100;

type Selection = Omit<QueueQuery, 'page' | 'pageSize'>;

/**
 * The queue as a window over every matching case: the total comes with the first block, and only
 * the blocks the visible rows fall in are asked of main (kept in the query cache), so scrolling
 * anywhere in 100,000 cases reads a few hundred rows.
 */
export function useQueueWindow(selection: Selection, visible: { first: number; last: number }) {
  const key = JSON.stringify(selection);
  const first = useQuery({
    queryKey: ['cases.queue', selection, 0],
    queryFn: () => call('cases.queue', { ...selection, page: 0, pageSize: BLOCK_SIZE }),
    placeholderData: (previous) => previous,
  });
  const total = first.data?.total ?? 0;
  const wanted: number[] = [];
  for (let block = Math.floor(visible.first / BLOCK_SIZE); block <= Math.floor(visible.last / BLOCK_SIZE); block += 1) {
    if (block > 0 && block * BLOCK_SIZE < total) wanted.push(block);
  }
  const blocks = useQueries({
    queries: wanted.map((block) => ({
      queryKey: ['cases.queue', selection, block],
      queryFn: () => call('cases.queue', { ...selection, page: block, pageSize: BLOCK_SIZE }),
    })),
  });
  useEffect(() => forgetQueueOrder(), [key]);

  // A few hundred rows at most: cheaper to index again than to memoise over a changing list of blocks.
  const loaded = new Map<number, QueueRow>();
  const add = (block: number, list: readonly QueueRow[] | undefined) => list?.forEach((row, offset) => loaded.set(block * BLOCK_SIZE + offset, row));
  add(0, first.data?.rows);
  blocks.forEach((result, index) => add(wanted[index]!, result.data?.rows));
  useEffect(() => {
    for (const [index, row] of loaded) rememberQueueRows(index, [row.caseId]);
  });

  return {
    total,
    rowAt: (index: number) => loaded.get(index),
    isPending: first.isPending,
    isFetching: first.isFetching || blocks.some((result) => result.isFetching),
    error: first.error ?? blocks.find((result) => result.error)?.error ?? null,
    refetch: () => void first.refetch(),
  };
}
