import { AppError } from '../../src-shared/errors';

/** Everything wrong with a tape or a batch of payments, one line per problem; nothing was written. */
export class FeedRejected extends AppError {
  constructor(
    what: string,
    readonly errors: readonly string[],
  ) {
    super('validation', `the ${what} was refused and nothing was written: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}`);
    this.name = 'FeedRejected';
  }
}
