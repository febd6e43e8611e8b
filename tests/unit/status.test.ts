import { describe, expect, it } from 'vitest';
import {
  canTransition,
  enrollmentStatuses,
  enrollmentTransitions,
  seatTakingStatuses,
  type EnrollmentStatus,
} from '../../src-shared/domain';

const undecided: EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist'];

describe('enrollment status transitions', () => {
  it('lets every status stay what it is', () => {
    for (const status of enrollmentStatuses) expect(canTransition(status, status)).toBe(true);
  });

  it('moves undecided people freely, including to confirmed and lost', () => {
    for (const from of undecided) {
      for (const to of [...undecided, 'confirmed', 'declined', 'cancelled'] as EnrollmentStatus[])
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(true);
    }
  });

  it('finishes only a confirmed enrollment', () => {
    for (const from of enrollmentStatuses) {
      expect(canTransition(from, 'completed'), `${from} -> completed`).toBe(from === 'confirmed' || from === 'completed');
      expect(canTransition(from, 'transferred'), `${from} -> transferred`).toBe(from === 'confirmed' || from === 'transferred');
    }
  });

  it('treats completed and transferred as final', () => {
    for (const to of enrollmentStatuses) {
      if (to !== 'completed') expect(canTransition('completed', to)).toBe(false);
      if (to !== 'transferred') expect(canTransition('transferred', to)).toBe(false);
    }
  });

  it('lets a lost client come back but not skip to the end', () => {
    for (const from of ['declined', 'cancelled'] as EnrollmentStatus[]) {
      expect(canTransition(from, 'confirmed')).toBe(true);
      expect(canTransition(from, 'inquiry')).toBe(true);
      expect(canTransition(from, 'completed')).toBe(false);
    }
  });

  it('names only known statuses in the table', () => {
    for (const [from, targets] of Object.entries(enrollmentTransitions)) {
      expect(enrollmentStatuses).toContain(from);
      for (const to of targets) expect(enrollmentStatuses).toContain(to);
    }
  });

  it('counts a seat only for people who are (or were) in the room', () => {
    expect([...seatTakingStatuses].sort()).toEqual(['completed', 'confirmed', 'trial']);
  });
});
