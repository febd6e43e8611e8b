/**
 * Signing in, locking and accounts. A session belongs to one connection (an
 * Electron window, a browser tab on the bridge); these methods move it between
 * signed out, signed in and locked. They need only `session.public`, which every
 * caller has — also one nobody has signed in as yet — because a signed-out
 * screen must be able to ask what to show and to sign in. Everything else
 * refuses a signed-out or locked session with UNAUTHENTICATED.
 *
 * Every session method answers the same `AuthStatus`, so the UI redraws from one
 * shape whatever it asked. A machine remembers who may unlock it (usernames that
 * signed in here), never a password.
 */
import { z } from 'zod';
import type { Capability } from '../capabilities';
import type { Role } from '../domain';
import { roles } from '../domain';
import { empty, idSchema, name, type MethodSpec, read, write } from './spec';
import type { User } from './types';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface RememberedUser {
  username: string;
  displayName: string;
}

export interface AuthStatus {
  /** The owner has no password yet: the app asks for one; meanwhile every session acts as the owner. */
  needsSetup: boolean;
  /** Who the session belongs to (also while locked); null when signed out. */
  user: SessionUser | null;
  /** What the session may do right now (only `session.public` when signed out or locked). */
  capabilities: Capability[];
  locked: boolean;
  /** Minutes without activity after which the session locks; 0 = never. */
  idleLockMinutes: number;
  /** Who has signed in on this device, for the sign-in and unlock screens. */
  rememberedUsers: RememberedUser[];
}

const password = z.string().min(8, 'At least 8 characters').max(200, 'At most 200 characters');
const anyPassword = z.string().min(1, 'required').max(200);

export const authMethods = {
  'auth.status': read<AuthStatus>()(
    'session.public',
    empty,
    'Who this session is, whether it is locked, and whether the owner must still set a password.',
  ),
  'auth.setupOwner': write<AuthStatus>()(
    'session.public',
    z.object({ password, displayName: name.optional() }),
    'First run: set the owner’s password (only while the owner has none); the session stays signed in as the owner.',
  ),
  'auth.login': write<AuthStatus>()(
    'session.public',
    z.object({ username: z.string().trim().toLowerCase().min(1, 'required').max(40), password: anyPassword }),
    'Sign in. Repeated failures for a username are slowed down and then refused for a while.',
  ),
  'auth.logout': write<AuthStatus>()('session.public', empty, 'Sign out of this session.'),
  'auth.lock': write<AuthStatus>()('session.public', empty, 'Lock this session: the same user unlocks it with the password.'),
  'auth.unlock': write<AuthStatus>()(
    'session.public',
    z.object({ password: anyPassword }),
    'Unlock this session with its user’s password.',
  ),
  'auth.activity': read<AuthStatus>()('session.public', empty, 'The user is active (keyboard, pointer): postpones the idle lock.'),
  'auth.changePassword': write<AuthStatus>()(
    'session.public',
    z.object({ current: anyPassword, next: password }),
    'Change your own password (needs the current one).',
  ),

  'users.list': read<User[]>()('users.read', empty, 'Everyone who can sign in.'),
  'users.create': write<User>()(
    'users.manage',
    z.object({
      username: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[\p{L}\p{N}._-]{2,40}$/u, 'Use 2–40 letters, digits, dot, dash or underscore'),
      displayName: name,
      role: z.enum(roles),
      password: z.string().min(8, 'At least 8 characters').max(200).optional(),
    }),
    'Add a user with a role.',
  ),
  'users.update': write<User>()(
    'users.manage',
    z.object({ id: idSchema, displayName: name.optional(), role: z.enum(roles).optional(), active: z.boolean().optional() }),
    'Rename a user, change their role or disable them (the last active owner cannot be demoted or disabled).',
  ),
  'users.resetPassword': write<User>()('users.manage', z.object({ id: idSchema, password }), 'Set a new password for another user.'),
} as const satisfies Record<string, MethodSpec>;
