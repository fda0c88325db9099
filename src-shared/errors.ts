/**
 * The one error shape. Errors cross every boundary (IPC, WebSocket, CLI) as plain data;
 * main throws `AppError` and the boundary turns it into `{ ok: false, error }`.
 */
export const ERROR_CODES = ['validation', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** The input field at fault, as a dotted path, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}
