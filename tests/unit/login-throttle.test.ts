/**
 * Failed sign-ins per username: three free tries, then waits that double from
 * 5 s up to a 15-minute lock-out; a success clears the count; old failures are
 * forgotten after an hour; one username's failures do not slow another's.
 */
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src-main/core/session';

describe('LoginThrottle', () => {
  it('lets three failures through, then doubles the wait up to the lock-out', () => {
    const throttle = new LoginThrottle();
    let now = 1_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(throttle.waitMs('anna', now)).toBe(0);
      throttle.fail('anna', now);
      waits.push(throttle.waitMs('anna', now));
      now += waits[waits.length - 1] as number;
    }
    expect(waits).toEqual([0, 0, 0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000]);
  });

  it('counts the wait down, keeps usernames apart and forgets on success', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 4; i++) throttle.fail('anna', 0);
    expect(throttle.waitMs('anna', 2_000)).toBe(3_000);
    expect(throttle.waitMs('bela', 2_000)).toBe(0);
    throttle.succeed('anna');
    expect(throttle.waitMs('anna', 2_000)).toBe(0);
    throttle.fail('anna', 2_000);
    expect(throttle.waitMs('anna', 2_000)).toBe(0);
  });

  it('forgets failures older than an hour', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 6; i++) throttle.fail('anna', 0);
    expect(throttle.waitMs('anna', 1_000)).toBeGreaterThan(0);
    throttle.fail('anna', 60 * 60_000 + 1);
    expect(throttle.waitMs('anna', 60 * 60_000 + 1)).toBe(0);
  });
});
