import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';

/** Twilio's callbacks are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

/** The posted `application/x-www-form-urlencoded` fields, as Twilio signs them. */
export async function readFormParams(request: IncomingMessage): Promise<Record<string, string>> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('validation', 'expected an application/x-www-form-urlencoded body', 'content-type');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AppError('validation', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Validates untrusted fields (a form or a query string) against `schema`; the first problem names its field. */
export function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new AppError('validation', `${field || 'input'}: ${issue.message}`, field || undefined);
}
