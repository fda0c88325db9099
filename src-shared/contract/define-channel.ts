import type { z } from 'zod';
import type { Permission } from '../roles';

/**
 * A channel of the one contract: its input schema (main validates every payload against it), the
 * permission the caller's role must hold (null: callable before sign-in), and its output type,
 * carried as a phantom so the compiler types both ends from this single declaration.
 */
export interface ChannelSpec<Input extends z.ZodType = z.ZodType, Output = unknown> {
  input: Input;
  permission: Permission | null;
  /** Whether the channel changes data (a command) or only reads it. */
  kind: 'query' | 'command';
  readonly output?: Output;
}

export function defineChannel<Output>() {
  return <Input extends z.ZodType>(spec: { input: Input; permission: Permission | null; kind: 'query' | 'command' }): ChannelSpec<Input, Output> => spec;
}
