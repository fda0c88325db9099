import type { RelayConfig } from '../config';
import { log } from '../log';
import { startRelay } from '../start-relay';

/** Runs the relay until SIGINT or SIGTERM, then closes sockets, listeners and the database. */
export async function serve(config: RelayConfig): Promise<void> {
  const relay = await startRelay(config);
  const stop = (signal: NodeJS.Signals) => {
    log.info('relay stopping', { signal });
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('relay did not close cleanly', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
