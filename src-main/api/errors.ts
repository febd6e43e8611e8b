/**
 * Errors as data: whatever a call throws becomes an `ApiErrorData` with a typed
 * code and field paths, because a thrown error crossing IPC keeps nothing but
 * its message. Services throw `AppError` (or let zod throw); only the api layer
 * maps them, and transports use the same mapping for their own last-resort catch.
 */
import { z } from 'zod';
import { AppError, type ApiErrorData, type FieldError } from '../../src-shared/errors';

export function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code === 'custom' ? 'invalid' : issue.code,
    message: issue.message,
  }));
}

export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof AppError) return error.toData();
  if (error instanceof z.ZodError) return { code: 'VALIDATION', message: 'The input is not valid', fields: zodFields(error) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
