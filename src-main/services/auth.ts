/**
 * Signing in, locking and the accounts the owner manages. The rules live here,
 * over a `SessionControl` the transport's session store hands in with the
 * context, so the same code serves an Electron window, a browser tab on the
 * bridge and a test; a context without a session (the CLI, whose `--as` names
 * the user on a machine its operator already controls) gets stateless answers.
 *
 * The shape follows what must not happen. A wrong password must not tell which
 * half was wrong, and guessing must get slower (the throttle is per username and
 * in memory: restarting the app is no faster than waiting). A disabled or
 * demoted user must lose their rights at their next call, so the actor is looked
 * up per call, never cached in the session. The last owner can never lock the
 * school out of its own data. A machine remembers who signed in on it — their
 * usernames, in local state that never syncs — and never a password.
 */
import { capabilitiesOf, roleCan, type Capability, type CapabilityToggles } from '../../src-shared/capabilities';
import type { AuthStatus, RememberedUser, SessionUser } from '../../src-shared/api/auth-methods';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { User } from '../../src-shared/api/types';
import type { Role } from '../../src-shared/domain';
import { AppError, conflict, type FieldError } from '../../src-shared/errors';
import { readLocal, writeLocal, type Db } from '../db/connection';
import { applyChanges } from '../changes/funnel';
import type { SessionControl } from '../core/session';
import type { Actor, Clock, ServiceContext } from '../core/context';
import { getUser, hashPassword, hashToVerify, verifyPassword } from './users';

// ---- sessions, as services see them ------------------------------------------------

export const anonymousActor: Actor = { userId: null, username: '', role: 'anonymous' };

// ---- what the workspace says ---------------------------------------------------------

export function capabilityToggles(db: Db): CapabilityToggles {
  const row = db.sqlite.prepare('SELECT assistant_can_edit_prices AS v FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
    { v: number } | undefined;
  return { assistantCanEditPrices: row ? row.v === 1 : true };
}

/** The capability check services use where it depends on data (owner toggles). */
export function actorCan(ctx: Pick<ServiceContext, 'db' | 'actor'>, capability: Capability): boolean {
  return roleCan(ctx.actor.role, capability, capabilityToggles(ctx.db));
}

function idleLockMinutes(db: Db): number {
  const row = db.sqlite.prepare('SELECT idle_lock_minutes AS v FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
    { v: number } | undefined;
  return row?.v ?? 0;
}

interface OwnerRow {
  id: string;
  username: string;
  hash: string | null;
}

function firstOwner(db: Db): OwnerRow | undefined {
  return db.sqlite
    .prepare(
      "SELECT id, username, password_hash AS hash FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
    )
    .get() as OwnerRow | undefined;
}

/** No active owner has a password yet: the first run, before the owner chose one. */
export function needsSetup(db: Db): boolean {
  const withPassword = db.sqlite
    .prepare("SELECT 1 FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL AND password_hash IS NOT NULL LIMIT 1")
    .get();
  return withPassword === undefined && firstOwner(db) !== undefined;
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: number;
  hash: string | null;
}

function userRow(db: Db, where: 'id' | 'username', value: string): UserRow | undefined {
  return db.sqlite
    .prepare(
      `SELECT id, username, display_name AS displayName, role, active, password_hash AS hash FROM users WHERE ${where} = ? AND deleted_at IS NULL`,
    )
    .get(value) as UserRow | undefined;
}

/**
 * Who a session acts as right now. While the owner has no password every session
 * is the owner (the first run just works); otherwise a signed-out, locked,
 * disabled or deleted session is anonymous.
 */
export function sessionActor(db: Db, session: Pick<SessionControl, 'userId' | 'locked'>): Actor {
  if (needsSetup(db)) {
    const owner = firstOwner(db);
    if (owner) return { userId: owner.id, username: owner.username, role: 'owner' };
  }
  if (session.userId === null || session.locked) return anonymousActor;
  const user = userRow(db, 'id', session.userId);
  if (!user || user.active !== 1) return anonymousActor;
  return { userId: user.id, username: user.username, role: user.role };
}

// ---- remembered users (local, never synced) ----------------------------------------

const rememberedKey = 'auth.remembered_usernames';

function rememberedUsernames(db: Db): string[] {
  const text = readLocal(db.sqlite, rememberedKey);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function remember(db: Db, username: string): void {
  const list = [username, ...rememberedUsernames(db).filter((u) => u !== username)].slice(0, 20);
  writeLocal(db.sqlite, rememberedKey, JSON.stringify(list));
}

function rememberedUsers(db: Db): RememberedUser[] {
  const result: RememberedUser[] = [];
  for (const username of rememberedUsernames(db)) {
    const user = userRow(db, 'username', username);
    if (user && user.active === 1) result.push({ username: user.username, displayName: user.displayName });
  }
  return result;
}

// ---- the methods ------------------------------------------------------------------

export function authStatus(ctx: ServiceContext): AuthStatus {
  const { db } = ctx;
  const setup = needsSetup(db);
  const session = ctx.session;
  let user: SessionUser | null = null;
  let locked = false;
  const userId = session && !setup ? session.userId : ctx.actor.userId;
  if (userId !== null) {
    const row = userRow(db, 'id', userId);
    if (row && row.active === 1) {
      user = { id: row.id, username: row.username, displayName: row.displayName, role: row.role };
      locked = !setup && (session?.locked ?? false);
    }
  }
  const role = user && !locked ? user.role : 'anonymous';
  return {
    needsSetup: setup,
    user,
    capabilities: [...capabilitiesOf(role, capabilityToggles(db))],
    locked,
    idleLockMinutes: idleLockMinutes(db),
    rememberedUsers: rememberedUsers(db),
  };
}

const wrongCredentials = (path: string): AppError =>
  new AppError('UNAUTHENTICATED', 'The username or password is not right', [
    { path: [path], code: 'wrong_credentials', message: 'The username or password is not right' },
  ]);

function throttled(waitMs: number, path: string): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  const field: FieldError = { path: [path], code: 'throttled', message: `Too many failed attempts: try again in ${seconds} s` };
  return new AppError('UNAUTHENTICATED', field.message, [field]);
}

/** Checks a password against the throttle and the stored hash; counts a failure. */
function checkPassword(
  session: SessionControl | undefined,
  clock: Clock,
  user: UserRow | undefined,
  username: string,
  password: string,
  path: string,
): UserRow {
  const now = clock.now().getTime();
  const wait = session?.throttle.waitMs(username, now) ?? 0;
  if (wait > 0) throw throttled(wait, path);
  // Verified even when there is no such user (against a hash no password matches): the same work either way.
  const matches = verifyPassword(password, hashToVerify(user));
  if (!user || user.active !== 1 || !matches) {
    session?.throttle.fail(username, now);
    throw wrongCredentials(path);
  }
  session?.throttle.succeed(username);
  return user;
}

function writeUser(ctx: ServiceContext, id: string, values: Record<string, unknown>): void {
  applyChanges(ctx, [{ op: 'update', table: 'users', id, values }]);
}

export function setupOwner(ctx: ServiceContext, input: MethodParsedInput<'auth.setupOwner'>): AuthStatus {
  if (!needsSetup(ctx.db)) throw conflict('The owner already has a password: sign in instead', ['password'], 'already_set_up');
  const owner = firstOwner(ctx.db);
  if (!owner) throw new AppError('NOT_FOUND', 'This workspace has no owner account');
  const actor: Actor = { userId: owner.id, username: owner.username, role: 'owner' };
  writeUser({ ...ctx, actor }, owner.id, {
    passwordHash: hashPassword(input.password),
    ...(input.displayName ? { displayName: input.displayName } : {}),
  });
  ctx.session?.signIn(owner.id);
  remember(ctx.db, owner.username);
  return authStatus({ ...ctx, actor });
}

export function login(ctx: ServiceContext, input: MethodParsedInput<'auth.login'>): AuthStatus {
  const user = checkPassword(
    ctx.session,
    ctx.clock,
    userRow(ctx.db, 'username', input.username),
    input.username,
    input.password,
    'password',
  );
  ctx.session?.signIn(user.id);
  remember(ctx.db, user.username);
  const actor: Actor = { userId: user.id, username: user.username, role: user.role };
  return authStatus({ ...ctx, actor });
}

export function logout(ctx: ServiceContext): AuthStatus {
  ctx.session?.signOut();
  return authStatus({ ...ctx, actor: anonymousActor });
}

export function lock(ctx: ServiceContext): AuthStatus {
  if (needsSetup(ctx.db)) throw conflict('Set a password first: a session without one cannot be unlocked', ['password'], 'needs_setup');
  if (ctx.session && ctx.session.userId === null) throw new AppError('UNAUTHENTICATED', 'Nobody is signed in');
  ctx.session?.lock();
  return authStatus(ctx);
}

export function unlock(ctx: ServiceContext, input: MethodParsedInput<'auth.unlock'>): AuthStatus {
  const session = ctx.session;
  if (!session || !session.locked || session.userId === null) return authStatus(ctx);
  const row = userRow(ctx.db, 'id', session.userId);
  const user = checkPassword(session, ctx.clock, row, row?.username ?? session.userId, input.password, 'password');
  session.unlock();
  session.touch();
  return authStatus({ ...ctx, actor: { userId: user.id, username: user.username, role: user.role } });
}

export function activity(ctx: ServiceContext): AuthStatus {
  ctx.session?.touch();
  return authStatus(ctx);
}

export function changePassword(ctx: ServiceContext, input: MethodParsedInput<'auth.changePassword'>): AuthStatus {
  if (ctx.actor.role === 'anonymous' || ctx.actor.userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in to change your password');
  const row = userRow(ctx.db, 'id', ctx.actor.userId);
  const user = checkPassword(ctx.session, ctx.clock, row, row?.username ?? ctx.actor.username, input.current, 'current');
  if (input.current === input.next) throw conflict('The new password is the same as the current one', ['next'], 'unchanged');
  writeUser(ctx, user.id, { passwordHash: hashPassword(input.next) });
  return authStatus(ctx);
}

// ---- accounts the owner manages -------------------------------------------------------

function otherActiveOwners(db: Db, exceptId: string): number {
  return (
    db.sqlite
      .prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL AND id <> ?")
      .get(exceptId) as { n: number }
  ).n;
}

export function updateUser(ctx: ServiceContext, input: MethodParsedInput<'users.update'>): User {
  const current = getUser(ctx, input.id);
  if (current.deletedAt !== null)
    throw new AppError('NOT_FOUND', `No user ${input.id}`, [{ path: ['id'], code: 'not_found', message: 'No such user' }]);
  const losesOwner =
    current.role === 'owner' && current.active && ((input.role !== undefined && input.role !== 'owner') || input.active === false);
  if (losesOwner && otherActiveOwners(ctx.db, current.id) === 0) {
    const path = input.active === false ? 'active' : 'role';
    throw conflict('The school needs at least one active owner', [path], 'last_owner');
  }
  const values: Record<string, unknown> = {};
  if (input.displayName !== undefined) values['displayName'] = input.displayName;
  if (input.role !== undefined) values['role'] = input.role;
  if (input.active !== undefined) values['active'] = input.active;
  if (Object.keys(values).length > 0) writeUser(ctx, current.id, values);
  return getUser(ctx, current.id);
}

export function resetPassword(ctx: ServiceContext, input: MethodParsedInput<'users.resetPassword'>): User {
  const current = getUser(ctx, input.id);
  if (current.deletedAt !== null)
    throw new AppError('NOT_FOUND', `No user ${input.id}`, [{ path: ['id'], code: 'not_found', message: 'No such user' }]);
  writeUser(ctx, current.id, { passwordHash: hashPassword(input.password) });
  return getUser(ctx, current.id);
}
