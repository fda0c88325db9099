import type { ChannelInput, ChannelName, ChannelOutput, RecourseApi } from '../../../src-shared/contract';
import type { AppErrorData } from '../../../src-shared/errors';

declare global {
  interface Window {
    api: RecourseApi;
  }
}

/** An error answered by main, kept as data so screens can show its message and field. */
export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
  }
}

/** Calls a channel and unwraps the result; for react-query, which expects a throw on failure. */
export async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const invoke = window.api[channel] as (input: ChannelInput<K>) => Promise<{ ok: true; value: ChannelOutput<K> } | { ok: false; error: AppErrorData }>;
  const result = await invoke(input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
