import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import busboy from 'busboy';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { parseInput, readBody } from '../http/read-body';

const MIB = 1024 * 1024;

export interface TapeUploadLimits {
  /** The whole request body, counted as it arrives. */
  maxRequestBytes: number;
  /** One multipart file part, streamed to disk. */
  maxFileBytes: number;
  /** What is read into memory: a JSON tape, or a multipart text field. Larger tapes go as file parts. */
  maxTextBytes: number;
  /** Where each upload gets a folder of its own; default the system's temp folder. */
  tempDir?: string;
}

/** A whole book's tape is tens of megabytes; far more is not a tape. */
export const DEFAULT_TAPE_LIMITS: TapeUploadLimits = { maxRequestBytes: 512 * MIB, maxFileBytes: 256 * MIB, maxTextBytes: 32 * MIB };

/** A tape is seven files; a request with many more parts is not one. */
const MAX_PARTS = 16;

/** Over a size limit: answered 413, with nothing kept. */
export class TapeTooLarge extends AppError {
  constructor(what: string, limit: number) {
    super('validation', `${what} is larger than ${limit} bytes; nothing was written`);
    this.name = 'TapeTooLarge';
  }
}

/** A tape file's name: the importer knows which it needs and says which are missing. */
const TAPE_FILE_NAME = /^[a-z_]{1,40}\.csv$/;

const JsonTape = z.object({ files: z.record(z.string(), z.string()).refine((files) => Object.keys(files).length > 0, 'give at least one file') }).strict();

function tapeFileName(name: string): string {
  const file = name.endsWith('.csv') ? name : `${name}.csv`;
  if (!TAPE_FILE_NAME.test(file)) throw new AppError('validation', `"${name}" is not a tape file name such as borrowers.csv`, 'files');
  return file;
}

/**
 * `multipart/form-data` (`curl -F file=@borrowers.csv -F file=@loans.csv …`), each file part
 * streamed into `dir` as it arrives: a part is named by its file name when that is a tape file's,
 * else by its field (`-F borrowers=@export.csv`). The request is counted, never piped through a
 * pipeline that would destroy it, so a refusal can still be answered.
 */
function receiveMultipart(request: IncomingMessage, dir: string, limits: TapeUploadLimits): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: limits.maxFileBytes, fieldSize: limits.maxTextBytes, parts: MAX_PARTS } });
    } catch {
      reject(new AppError('validation', 'the multipart body could not be read', 'content-type'));
      return;
    }
    const names = new Set<string>();
    const writes: Promise<unknown>[] = [];
    const open = new Set<Readable | Writable>();
    let received = 0;
    let failed = false;

    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) fail(new TapeTooLarge('the tape', limits.maxRequestBytes));
    };
    function fail(error: unknown): void {
      if (failed) return;
      failed = true;
      request.off('data', count);
      request.unpipe(parser);
      parser.destroy();
      for (const stream of open) stream.destroy();
      void Promise.allSettled(writes).then(() => reject(error instanceof AppError ? error : new AppError('validation', 'the multipart body could not be read')));
    }
    // Settles however the part ends: a failure destroys both ends, and a destroyed file stream always closes.
    const writeTo = (stream: Readable, path: string) =>
      new Promise<void>((done, broke) => {
        const file = createWriteStream(path, { flags: 'wx' });
        open.add(stream).add(file);
        file.once('close', () => {
          open.delete(stream);
          open.delete(file);
          if (file.writableFinished) done();
          else broke(new AppError('validation', 'the upload ended before its files did'));
        });
        file.once('error', (error) => broke(error));
        stream.once('error', (error) => file.destroy(error));
        stream.pipe(file);
      });
    const claim = (name: string): string => {
      if (names.has(name)) throw new AppError('validation', `${name} was sent twice`, 'files');
      names.add(name);
      return join(dir, name);
    };

    parser.on('file', (field, stream, info) => {
      if (failed) return void stream.resume();
      try {
        const fileName = (info.filename ?? '').split(/[\\/]/).pop()!;
        const name = tapeFileName(TAPE_FILE_NAME.test(fileName) ? fileName : field);
        const path = claim(name);
        // After busboy has finished marking the part truncated: destroying it mid-event breaks that.
        stream.on('limit', () => process.nextTick(fail, new TapeTooLarge(name, limits.maxFileBytes)));
        writes.push(writeTo(stream, path).catch(fail));
      } catch (error) {
        stream.resume();
        fail(error);
      }
    });
    parser.on('field', (field, value, info) => {
      if (failed) return;
      try {
        const name = tapeFileName(field);
        if (info.valueTruncated) throw new TapeTooLarge(`the text field ${field} (send large files as file parts)`, limits.maxTextBytes);
        writes.push(writeFile(claim(name), value, { flag: 'wx' }).catch(fail));
      } catch (error) {
        fail(error);
      }
    });
    parser.on('partsLimit', () => fail(new AppError('validation', `a tape has at most ${MAX_PARTS} parts`, 'files')));
    parser.on('error', fail);
    parser.on('close', () => {
      if (!failed) void Promise.all(writes).then(() => (failed ? undefined : resolve([...names])), fail);
    });
    request.on('error', fail);
    request.on('data', count);
    request.pipe(parser);
  });
}

/** `application/json`: `{ "files": { "borrowers.csv": "borrower_id,first_name,…\n…" } }`, read whole, so kept small. */
async function receiveJson(request: IncomingMessage, dir: string, limits: TapeUploadLimits): Promise<string[]> {
  let text: string;
  try {
    text = await readBody(request, limits.maxTextBytes);
  } catch (error) {
    if (error instanceof AppError) throw new TapeTooLarge('a JSON tape (send large tapes as multipart/form-data)', limits.maxTextBytes);
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('validation', 'the body is not valid JSON');
  }
  const names = Object.entries(parseInput(JsonTape, parsed).files).map(([name, content]) => [tapeFileName(name), content] as const);
  for (const [name, content] of names) await writeFile(join(dir, name), content, { flag: 'wx' });
  return names.map(([name]) => name);
}

/**
 * The uploaded tape files, written to a fresh folder the importer reads as it reads `--dir`;
 * `cleanup` deletes it. Over a limit it throws `TapeTooLarge` and leaves no folder behind; a body
 * that announces its length over the limit is refused before any of it is read.
 */
export async function receiveTape(request: IncomingMessage, limits: TapeUploadLimits = DEFAULT_TAPE_LIMITS): Promise<{ dir: string; files: string[]; cleanup(): void }> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  if (!multipart && !type.startsWith('application/json')) {
    throw new AppError('validation', 'send the tape as multipart/form-data (one part per CSV file) or as application/json {"files": {"borrowers.csv": "…"}}', 'content-type');
  }
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > limits.maxRequestBytes) throw new TapeTooLarge('the tape', limits.maxRequestBytes);
  if (!multipart && announced > limits.maxTextBytes) throw new TapeTooLarge('a JSON tape (send large tapes as multipart/form-data)', limits.maxTextBytes);

  const parent = limits.tempDir ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'recourse-tape-upload-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const files = multipart ? await receiveMultipart(request, dir, limits) : await receiveJson(request, dir, limits);
    if (files.length === 0) throw new AppError('validation', 'the request carried no tape files', 'files');
    return { dir, files: files.sort(), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
