import { AppError } from '../src-shared/errors';
import { DEVICE_USAGE, runDeviceCommand } from './cli/device-command';
import { IMPORT_USAGE, runImportCommand } from './cli/import-command';
import { serve } from './cli/serve';
import { runSelfServiceCommand, SELF_SERVICE_USAGE } from './self-service/self-service-command';
import { runWebhookCommand, WEBHOOK_USAGE } from './cli/webhook-command';
import { loadConfig } from './config';

/** `npm run relay` serves; `npm run relay -- device …` manages device tokens, `webhook …` outbound webhooks, `import …` takes a loan tape, `self-service link …` signs a borrower's link. */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig(process.env);
  if (command === undefined || command === 'serve') return serve(config);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (command === 'device') return runDeviceCommand(rest, config, print);
  if (command === 'webhook') return runWebhookCommand(rest, config, print);
  if (command === 'self-service') return runSelfServiceCommand(rest, config, print);
  if (command === 'import') return runImportCommand(rest, config, print, (line) => process.stderr.write(`${line}\n`));
  throw new AppError('validation', `unknown command "${command}"; usage: npm run relay [-- ${DEVICE_USAGE} | ${WEBHOOK_USAGE} | ${IMPORT_USAGE} | ${SELF_SERVICE_USAGE}]`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
