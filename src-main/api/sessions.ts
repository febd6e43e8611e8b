/**
 * The sign-in sessions of one running process, in memory: one per connection
 * (an Electron window's web contents, a browser tab on the bridge). Transports
 * ask the store for the context of their connection and hand it to the router;
 * the router then sees the session's actor — the signed-in user, or `anonymous`
 * when signed out or locked — and the auth services see the session itself.
 *
 * Nothing here survives a restart on purpose: after a restart everyone signs in
 * again. The idle lock is judged lazily, when the session is next used, against
 * the time of its last activity; a locked session keeps its user so the unlock
 * screen knows whose password to ask for.
 */
import { randomBytes } from 'node:crypto';
import { LoginThrottle, type SessionControl } from '../core/session';
import { sessionActor } from '../services/auth';
import type { Clock, ServiceContext } from '../core/context';
import type { Db } from '../db/connection';

const maxSessions = 500;

class Session implements SessionControl {
  userId: string | null = null;
  locked = false;
  lastActivity: number;

  constructor(
    private readonly clock: Clock,
    readonly throttle: LoginThrottle,
  ) {
    this.lastActivity = clock.now().getTime();
  }

  signIn(userId: string): void {
    this.userId = userId;
    this.locked = false;
    this.touch();
  }

  signOut(): void {
    this.userId = null;
    this.locked = false;
  }

  lock(): void {
    if (this.userId !== null) this.locked = true;
  }

  unlock(): void {
    this.locked = false;
  }

  touch(): void {
    this.lastActivity = this.clock.now().getTime();
  }
}

export interface SessionHost {
  /** The workspace's database now (a restore swaps it, so it is asked for each time). */
  readonly db: Db;
  readonly clock: Clock;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly throttle = new LoginThrottle();

  constructor(private readonly host: SessionHost) {}

  /** A new, signed-out session; its key is unguessable (the bridge hands it to a browser tab). */
  create(): string {
    const key = randomBytes(24).toString('base64url');
    this.sessions.set(key, new Session(this.host.clock, this.throttle));
    this.forgetOldest();
    return key;
  }

  /** Tabs come and go without saying goodbye: beyond a bound, the longest-idle sessions are forgotten. */
  private forgetOldest(): void {
    if (this.sessions.size <= maxSessions) return;
    const byAge = [...this.sessions.entries()].sort((a, b) => a[1].lastActivity - b[1].lastActivity);
    for (const [key] of byAge.slice(0, this.sessions.size - maxSessions)) this.sessions.delete(key);
  }

  has(key: string): boolean {
    return this.sessions.has(key);
  }

  /** The session under a key the transport chose (IPC: the web contents id), created on first use. */
  ensure(key: string): void {
    if (!this.sessions.has(key)) this.sessions.set(key, new Session(this.host.clock, this.throttle));
  }

  drop(key: string): void {
    this.sessions.delete(key);
  }

  /** Locks every signed-in session (the OS went to sleep or the screen locked). */
  lockAll(): void {
    for (const session of this.sessions.values()) session.lock();
  }

  /**
   * The router context for a call on this session: applies the idle lock first,
   * then resolves the actor. Every call except asking for the status counts as
   * activity, so a session in use is not locked under its user.
   */
  context(key: string, method?: string): ServiceContext {
    this.ensure(key);
    const session = this.sessions.get(key) as Session;
    const { db, clock } = this.host;
    const now = clock.now().getTime();
    if (session.userId !== null && !session.locked) {
      const minutes = idleMinutes(db);
      if (minutes > 0 && now - session.lastActivity >= minutes * 60_000) session.lock();
      else if (method !== undefined && method !== 'auth.status') session.touch();
    }
    return { db, clock, actor: sessionActor(db, session), session };
  }
}

function idleMinutes(db: Db): number {
  const row = db.sqlite.prepare('SELECT idle_lock_minutes AS v FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
    { v: number } | undefined;
  return row?.v ?? 0;
}
