import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { parseInput } from '../http/read-body';

/** A whole book's tape is tens of megabytes; far more is not a tape. */
export const MAX_TAPE_BYTES = 512 * 1024 * 1024;

/** A tape file's name: the importer knows which it needs and says which are missing. */
const TAPE_FILE_NAME = /^[a-z_]{1,40}\.csv$/;

const JsonTape = z.object({ files: z.record(z.string(), z.string()).refine((files) => Object.keys(files).length > 0, 'give at least one file') }).strict();

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_TAPE_BYTES) throw new AppError('validation', `the tape is larger than ${MAX_TAPE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tapeFileName(name: string): string {
  const file = name.endsWith('.csv') ? name : `${name}.csv`;
  if (!TAPE_FILE_NAME.test(file)) throw new AppError('validation', `"${name}" is not a tape file name such as borrowers.csv`, 'files');
  return file;
}

/**
 * `multipart/form-data` (`curl -F file=@borrowers.csv -F file=@loans.csv …`): a file part is named
 * by its file name when that is a tape file's, else by its field (`-F borrowers=@export.csv`).
 */
async function multipartFiles(type: string, body: Buffer): Promise<Map<string, Buffer>> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('validation', 'the multipart body could not be read');
  }
  const files = new Map<string, Buffer>();
  for (const [field, value] of form.entries()) {
    const fileName = typeof value === 'string' ? '' : value.name.split(/[\\/]/).pop()!;
    const name = tapeFileName(TAPE_FILE_NAME.test(fileName) ? fileName : field);
    if (files.has(name)) throw new AppError('validation', `${name} was sent twice`, 'files');
    files.set(name, typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(await value.arrayBuffer()));
  }
  return files;
}

/** `application/json`: `{ "files": { "borrowers.csv": "borrower_id,first_name,…\n…" } }`. */
function jsonFiles(body: Buffer): Map<string, Buffer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('validation', 'the body is not valid JSON');
  }
  const { files } = parseInput(JsonTape, parsed);
  const named = new Map<string, Buffer>();
  for (const [name, text] of Object.entries(files)) named.set(tapeFileName(name), Buffer.from(text, 'utf8'));
  return named;
}

/**
 * The uploaded tape files, written to a fresh folder the importer reads as it reads `--dir`;
 * `cleanup` deletes it.
 */
export async function receiveTape(request: IncomingMessage): Promise<{ dir: string; files: string[]; cleanup(): void }> {
  const type = request.headers['content-type'] ?? '';
  const lower = type.toLowerCase();
  if (!lower.startsWith('multipart/form-data') && !lower.startsWith('application/json')) {
    throw new AppError('validation', 'send the tape as multipart/form-data (one part per CSV file) or as application/json {"files": {"borrowers.csv": "…"}}', 'content-type');
  }
  const body = await readRaw(request);
  const files = lower.startsWith('multipart/form-data') ? await multipartFiles(type, body) : jsonFiles(body);
  if (files.size === 0) throw new AppError('validation', 'the request carried no tape files', 'files');
  const dir = mkdtempSync(join(tmpdir(), 'recourse-tape-upload-'));
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return { dir, files: [...files.keys()].sort(), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
