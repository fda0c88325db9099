import { parseArgs } from 'node:util';
import { parseIsoDate, type IsoDate } from '../../src-shared/dates';
import { CliUsageError } from './cli-error';

export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(argv: string[], names: Record<string, 'string' | 'boolean'>): Flags {
  try {
    const { values } = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(names).map(([name, type]) => [name, { type }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Flags;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

export function requireString(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.length === 0) throw new CliUsageError(`--${name} is required`);
  return value;
}

export function optionalDate(flags: Flags, name: string): IsoDate | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (!date) throw new CliUsageError(`--${name} must be a date written YYYY-MM-DD, got ${String(value)}`);
  return date;
}

export function optionalInt(flags: Flags, name: string, min: number): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(number) || number < min) throw new CliUsageError(`--${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  return number;
}
