/**
 * Errors travel as data. Electron's IPC keeps only `message` of a thrown error,
 * and HTTP keeps nothing, so every transport carries this one serialisable shape.
 * Only the router turns a thrown `AppError` (or a zod failure) into it; the UI maps
 * `code` + `fields` to messages in the user's language next to the right field.
 */
export const errorCodes = ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHENTICATED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  /** Path to the offending input field, e.g. ["payment", "amountMinor"] */
  path: (string | number)[];
  /** A stable message key, e.g. "too_small", "invalid_email", "not_found" */
  code: string;
  /** An English description for logs and the CLI; the UI translates `code`. */
  message: string;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/**
 * What every call answers, over every transport: the result, and on success the
 * tables the call changed (read from the change log), so screens refetch what
 * a write touched without anyone listing it by hand.
 */
export type CallResult = { ok: true; value: unknown; changed?: string[] } | { ok: false; error: ApiErrorData };

/** The one error type services throw; the router maps it to `ApiErrorData` unchanged. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toData(): ApiErrorData {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id: string, path: (string | number)[] = ['id']): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} does not exist`, [{ path, code: 'not_found', message: `${what} not found` }]);

export const invalid = (path: (string | number)[], code: string, message: string): AppError =>
  new AppError('VALIDATION', message, [{ path, code, message }]);

export const conflict = (message: string, path?: (string | number)[], code = 'conflict'): AppError =>
  new AppError('CONFLICT', message, path ? [{ path, code, message }] : undefined);
