import { AppError } from '../../src-shared/errors';
import { TapeError } from '../tape/import-tape';
import { CliUsageError } from './cli-error';
import { COMMANDS } from './commands';

/** `npm run cli -- <command> …`: results on stdout, errors on stderr with a non-zero exit. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <command>\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}\n`);
    return 2;
  }
  try {
    const result = await command.run(rest);
    process.stdout.write(rest.includes('--json') ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TapeError) process.stderr.write(`${error.errors.join('\n')}\nnothing was imported\n`);
    else if (error instanceof CliUsageError) process.stderr.write(`${name}: ${error.message}\nusage: npm run cli -- ${command.usage}\n`);
    else if (error instanceof AppError) process.stderr.write(`${name}: ${error.message}\n`);
    else process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliUsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
