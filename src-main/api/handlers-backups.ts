/**
 * Handlers of the backups area (src-shared/api/backups-methods.ts). Being filled in: until
 * then each method answers INTERNAL so the contract compiles for the UI.
 */
import { AppError } from '../../src-shared/errors';
import { backupsMethods } from '../../src-shared/api/backups-methods';
import type { Handlers } from './router';

type Names = keyof typeof backupsMethods;

const pending = (): never => {
  throw new AppError('INTERNAL', 'Not implemented yet');
};

export const backupsHandlers = Object.fromEntries(Object.keys(backupsMethods).map((m) => [m, pending])) as unknown as Pick<Handlers, Names>;
