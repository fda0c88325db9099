import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { parseInput, readBody } from './read-body';

/**
 * A push or a bootstrap page carries whole rows (a letter's PDF among them); the desktop sizes its
 * batches to stay well under this.
 */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** A JSON body, validated against `schema`. */
export async function readJson<T extends z.ZodType>(request: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) throw new AppError('validation', 'expected an application/json body', 'content-type');
  const text = await readBody(request, MAX_JSON_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('validation', 'the body is not valid JSON');
  }
  return parseInput(schema, body);
}
