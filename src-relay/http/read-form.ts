import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { parseInput, readBody } from './read-body';

/** Twilio's callbacks are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

/** The posted `application/x-www-form-urlencoded` fields, as Twilio signs them. */
export async function readFormParams(request: IncomingMessage): Promise<Record<string, string>> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('validation', 'expected an application/x-www-form-urlencoded body', 'content-type');
  }
  return Object.fromEntries(new URLSearchParams(await readBody(request, MAX_BODY_BYTES)));
}

/** Validates untrusted fields (a form or a query string) against `schema`; the first problem names its field. */
export function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  return parseInput(schema, fields);
}
