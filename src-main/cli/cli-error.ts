/** A user mistake on the command line: printed on stderr as is, exit code 2. */
export class CliUsageError extends Error {}
