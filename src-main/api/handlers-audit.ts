/**
 * Handlers of the audit area (src-shared/api/audit-methods.ts). Being filled in: until
 * then each method answers INTERNAL so the contract compiles for the UI.
 */
import { AppError } from '../../src-shared/errors';
import { auditMethods } from '../../src-shared/api/audit-methods';
import type { Handlers } from './router';

type Names = keyof typeof auditMethods;

const pending = (): never => {
  throw new AppError('INTERNAL', 'Not implemented yet');
};

export const auditHandlers = Object.fromEntries(Object.keys(auditMethods).map((m) => [m, pending])) as unknown as Pick<Handlers, Names>;
