/**
 * Handlers of the sign-in methods and of the accounts the owner manages
 * (src-shared/api/auth-methods.ts); the rules are in services/auth.ts.
 */
import type { authMethods } from '../../src-shared/api/auth-methods';
import * as auth from '../services/auth';
import { createUser, listUsers } from '../services/users';
import type { Handlers } from './router';

export const authHandlers = {
  'auth.status': (ctx) => auth.authStatus(ctx),
  'auth.setupOwner': auth.setupOwner,
  'auth.login': auth.login,
  'auth.logout': (ctx) => auth.logout(ctx),
  'auth.lock': (ctx) => auth.lock(ctx),
  'auth.unlock': auth.unlock,
  'auth.activity': (ctx) => auth.activity(ctx),
  'auth.changePassword': auth.changePassword,
  'users.list': (ctx) => listUsers(ctx),
  'users.create': createUser,
  'users.update': auth.updateUser,
  'users.resetPassword': auth.resetPassword,
} satisfies Pick<Handlers, keyof typeof authMethods>;
