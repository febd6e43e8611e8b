/**
 * What every service function receives. Services are plain functions over these
 * injected things — no module-global database, no `Date.now()` in the domain —
 * so the same code runs in Electron, the CLI, the HTTP bridge and tests, and a
 * test can set the clock to 29 February or a DST night.
 */
import type { ActorRole } from '../../src-shared/capabilities';
import type { Db } from '../db/connection';
import type { SessionControl } from './session';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and deterministic seeding. */
export function fixedClock(start: Date | string): Clock & { set(next: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Who is acting. `userId` is null for the system itself (first-run set-up) and for an `anonymous` (signed-out) caller. */
export interface Actor {
  readonly userId: string | null;
  readonly username: string;
  readonly role: ActorRole;
}

export const systemActor: Actor = { userId: null, username: 'system', role: 'owner' };

export interface ServiceContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly actor: Actor;
  /** The caller's sign-in session, when the transport has one (the app, the bridge); the CLI has none. */
  readonly session?: SessionControl;
  /**
   * The action this work belongs to. The router sets one per call, so every funnel
   * write a call makes — however many services it composes — shares one `changes.tx`
   * and is undone, audited and shown as one action. Without it each funnel call is its own.
   */
  readonly action?: string;
}
