/**
 * The first run through the router on a real database: the wizard is due only
 * on an empty school whose owner has not finished or skipped it; each checklist
 * step ticks from the school's own rows (and unticks when they go); the list
 * shows only after the wizard and until it is closed or complete; the demo
 * school fills an empty school and is refused once there are clients; and the
 * assistant may use none of it.
 */
import { describe, expect, it } from 'vitest';
import type { OnboardingStatus, SetupStep } from '../../src-shared/api/onboarding-methods';
import { setBackupsFolder } from '../../src-main/upkeep/backups';
import { openTestWorkspace, tempDir } from './helpers';

const done = (status: OnboardingStatus): SetupStep[] => status.steps.filter((s) => s.done).map((s) => s.step);

describe('onboarding', () => {
  it('offers the wizard on an empty school until the owner finishes or skips it, and never again', () => {
    const ws = openTestWorkspace();
    const first = ws.call('onboarding.status', {});
    expect(first).toMatchObject({ wizard: true, wizardOutcome: null, checklist: false, checklistDismissed: false });
    expect(done(first)).toEqual([]);

    expect(ws.call('onboarding.update', {})).toEqual(first);
    const after = ws.call('onboarding.update', { wizardOutcome: 'skipped' });
    expect(after).toMatchObject({ wizard: false, wizardOutcome: 'skipped', checklist: true });
    expect(ws.call('settings.get', {})).toMatchObject({ wizardOutcome: 'skipped', checklistDismissed: false });
  });

  it('does not offer the wizard to a school that already holds data', () => {
    const ws = openTestWorkspace();
    ws.call('clients.create', { firstName: 'Anna' });
    expect(ws.call('onboarding.status', {})).toMatchObject({ wizard: false, checklist: false });
  });

  it('ticks each step from the rows the step makes, and unticks a voided payment', () => {
    const ws = openTestWorkspace();
    ws.call('onboarding.update', { wizardOutcome: 'empty' });
    const program = ws.call('programs.create', { name: 'Angol', defaultPriceMinor: 50_000_00 });
    ws.call('teachers.create', { name: 'Kiss Éva' });
    const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Őszi csoport', startOn: '2026-09-01' });
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Tóth' });
    ws.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' });
    const payment = ws.call('payments.create', { clientId: client.id, amountMinor: 10_000_00 });
    expect(done(ws.call('onboarding.status', {}))).toEqual(['program', 'teacher', 'cohort', 'enrollment', 'payment']);

    ws.call('payments.void', { id: payment.id, reason: 'typo' });
    expect(done(ws.call('onboarding.status', {}))).not.toContain('payment');

    // A second user without a password cannot sign in yet: not invited until they can.
    ws.call('users.create', { username: 'anna', displayName: 'Anna', role: 'assistant', password: 'assistant-secret-1' });
    ws.call('auth.setupOwner', { password: 'owner-secret-1' });
    setBackupsFolder(ws.db, tempDir());
    const status = ws.call('onboarding.status', {});
    expect(done(status)).toEqual(['password', 'program', 'teacher', 'cohort', 'enrollment', 'assistant', 'backups']);
    expect(status.checklist).toBe(true);

    expect(ws.call('onboarding.update', { checklistDismissed: true })).toMatchObject({ checklist: false, checklistDismissed: true });
  });

  it('fills an empty school with the demo school once, and refuses when clients exist', () => {
    const ws = openTestWorkspace();
    const seeded = ws.call('demo.seed', { clients: 40, seed: 'first-run' });
    expect(seeded.clients).toBe(40);
    expect(seeded.programs).toBeGreaterThan(0);
    expect(seeded.payments).toBeGreaterThan(0);
    expect(ws.call('onboarding.status', {}).wizard).toBe(false);
    expect(ws.fail('demo.seed', { clients: 40 }).code).toBe('CONFLICT');
  });

  it('is the owner’s: the assistant may neither read the progress nor seed a demo', () => {
    const ws = openTestWorkspace();
    const assistant = ws.call('users.create', { username: 'anna', displayName: 'Anna', role: 'assistant', password: 'assistant-secret-1' });
    const actor = { userId: assistant.id, username: 'anna', role: 'assistant' as const };
    expect(ws.fail('onboarding.status', {}, actor).code).toBe('FORBIDDEN');
    expect(ws.fail('onboarding.update', { wizardOutcome: 'skipped' }, actor).code).toBe('FORBIDDEN');
    expect(ws.fail('demo.seed', { clients: 10 }, actor).code).toBe('FORBIDDEN');
  });
});
