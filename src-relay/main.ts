import { AppError } from '../src-shared/errors';
import { DEVICE_USAGE, runDeviceCommand } from './cli/device-command';
import { serve } from './cli/serve';
import { loadConfig } from './config';

/** `npm run relay` serves; `npm run relay -- device …` manages device tokens. */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig(process.env);
  if (command === undefined || command === 'serve') return serve(config);
  if (command === 'device') return runDeviceCommand(rest, config, (line) => process.stdout.write(`${line}\n`));
  throw new AppError('validation', `unknown command "${command}"; usage: npm run relay [-- ${DEVICE_USAGE}]`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
