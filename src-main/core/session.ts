/**
 * One connection's sign-in state, as the auth services see it, and the
 * bookkeeping that slows down password guessing. They live in core, below the
 * services, because the context every call runs in carries the session: the
 * store that implements it (api/sessions.ts) and the rules that use it
 * (services/auth.ts) both depend on this shape, and neither on the other.
 */

/** One connection's sign-in state; the store in api/sessions.ts implements it. */
export interface SessionControl {
  readonly userId: string | null;
  readonly locked: boolean;
  signIn(userId: string): void;
  signOut(): void;
  lock(): void;
  unlock(): void;
  touch(): void;
  readonly throttle: LoginThrottle;
}

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeAttempts: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait (the lock-out). */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeAttempts: 3,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/**
 * Failed attempts per username. After `freeAttempts` failures each further one
 * makes the next try wait twice as long, up to `maxDelayMs`; a success clears it.
 * Pure bookkeeping over times handed in, so tests drive it with a fixed clock.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; last: number; notBefore: number }>();

  constructor(private readonly policy: ThrottlePolicy = defaultThrottlePolicy) {}

  /** Milliseconds `username` must still wait before trying again (0: may try now). */
  waitMs(username: string, now: number): number {
    const entry = this.failures.get(username);
    if (!entry) return 0;
    if (now - entry.last > this.policy.forgetAfterMs) {
      this.failures.delete(username);
      return 0;
    }
    return Math.max(0, entry.notBefore - now);
  }

  fail(username: string, now: number): void {
    const previous = this.failures.get(username);
    const count = previous && now - previous.last <= this.policy.forgetAfterMs ? previous.count + 1 : 1;
    const over = count - this.policy.freeAttempts;
    const delay = over <= 0 ? 0 : Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1));
    this.failures.set(username, { count, last: now, notBefore: now + delay });
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }
}
