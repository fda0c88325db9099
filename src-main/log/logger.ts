import { createLogger } from '../../src-shared/log';

/** The main process's logger: the shared JSON-lines format on stderr, at `RECOURSE_LOG_LEVEL`. */
export const log = createLogger((line) => process.stderr.write(line), process.env.RECOURSE_LOG_LEVEL);
