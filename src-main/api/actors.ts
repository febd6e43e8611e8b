/**
 * Turning "who is this" into an Actor for the router. Transports know how the
 * person proved who they are (the app's sign-in, the bridge's token, the CLI's
 * `--as`); this module only looks the user up and refuses inactive ones.
 */
import { AppError } from '../../src-shared/errors';
import type { Role } from '../../src-shared/domain';
import type { Db } from '../db/connection';
import type { Actor } from '../core/context';
import { findUserByUsername } from '../services/users';

export function actorFor(db: Db, username: string): Actor {
  const user = findUserByUsername({ db }, username);
  if (!user)
    throw new AppError('UNAUTHENTICATED', `No user named ${username}`, [
      { path: ['as'], code: 'unknown_user', message: `No user named ${username}` },
    ]);
  if (!user.active) throw new AppError('FORBIDDEN', `The account ${username} is disabled`);
  return { userId: user.id, username: user.username, role: user.role as Role };
}

/** The workspace owner (the first owner account): the CLI's default actor and the app's until sign-in exists. */
export function ownerActor(db: Db): Actor {
  const row = db.sqlite
    .prepare("SELECT id, username FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL ORDER BY created_at LIMIT 1")
    .get() as { id: string; username: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'This workspace has no owner account: run `tanoda init`');
  return { userId: row.id, username: row.username, role: 'owner' satisfies Role };
}
