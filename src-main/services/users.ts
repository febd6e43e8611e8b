/**
 * Accounts. Usernames are unique among live users — kept by this service, not a
 * UNIQUE index, because two offline machines may each create one (DESIGN.md).
 * Passwords are hashed with scrypt and a per-user salt; the hash never leaves
 * the main process (the API's `User` has no hash field).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { conflict, notFound } from '../../src-shared/errors';
import type { User } from '../../src-shared/api/types';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Role } from '../../src-shared/domain';
import { applyChanges } from '../changes/funnel';
import { users } from '../db/schema';
import type { ServiceContext } from '../core/context';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * What a sign-in verifies when there is no password to check (an unknown,
 * disabled or password-less username): a hash in today's parameters that no
 * password produces, so the answer costs one scrypt either way and its time does
 * not tell whether the username exists.
 */
export const absentPasswordHash = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

/** The hash a sign-in verifies: the user's own when they may sign in with it, else `absentPasswordHash`. */
export function hashToVerify(user: { active: number; hash: string | null } | undefined): string {
  return user !== undefined && user.active === 1 && user.hash !== null && isScryptHash(user.hash) ? user.hash : absentPasswordHash;
}

function isScryptHash(stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  return scheme === 'scrypt' && [n, r, p].every((v) => Number.isInteger(Number(v))) && Boolean(salt) && Boolean(hash);
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) return false;
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(expected, actual);
}

const publicColumns = {
  id: users.id,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  deletedAt: users.deletedAt,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  active: users.active,
};

export function listUsers(ctx: ServiceContext): User[] {
  return ctx.db.orm.select(publicColumns).from(users).where(isNull(users.deletedAt)).orderBy(asc(users.username)).all() as User[];
}

export function findUserByUsername(ctx: Pick<ServiceContext, 'db'>, username: string): User | undefined {
  return ctx.db.orm
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.username, username.trim().toLowerCase()), isNull(users.deletedAt)))
    .get() as User | undefined;
}

export function getUser(ctx: Pick<ServiceContext, 'db'>, id: string): User {
  const row = ctx.db.orm.select(publicColumns).from(users).where(eq(users.id, id)).get() as User | undefined;
  if (!row) throw notFound('User', id);
  return row;
}

export function createUser(ctx: ServiceContext, input: MethodParsedInput<'users.create'> & { role: Role }): User {
  const username = input.username.trim().toLowerCase();
  if (findUserByUsername(ctx, username)) throw conflict(`The username ${username} is taken`, ['username'], 'taken');
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'users',
      values: {
        username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: input.password ? hashPassword(input.password) : null,
        active: true,
      },
    },
  ]);
  return getUser(ctx, ids[0] as string);
}
