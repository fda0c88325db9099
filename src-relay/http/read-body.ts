import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';

/** The request body as text, refused once it passes `maxBytes` (nothing larger is read into memory). */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new AppError('validation', `the body is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Validates untrusted input against `schema`; the first problem names its field as a dotted path. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new AppError('validation', `${field || 'input'}: ${issue.message}`, field || undefined);
}
