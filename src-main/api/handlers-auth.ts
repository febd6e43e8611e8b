/**
 * Handlers of the auth area (src-shared/api/auth-methods.ts). Being filled in: until
 * then each method answers INTERNAL so the contract compiles for the UI.
 */
import { AppError } from '../../src-shared/errors';
import { authMethods } from '../../src-shared/api/auth-methods';
import type { Handlers } from './router';

type Names = keyof typeof authMethods;

const pending = (): never => {
  throw new AppError('INTERNAL', 'Not implemented yet');
};

export const authHandlers = Object.fromEntries(Object.keys(authMethods).map((m) => [m, pending])) as unknown as Pick<Handlers, Names>;
