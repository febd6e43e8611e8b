/**
 * The Today area through the real router on a real SQLite file: lists computed
 * from stored rows (money settled by the balance service), actions that move
 * items off the lists (a logged call with a new follow-up date, a payment, a
 * snooze, an invitation sent), tasks, templates with their merge-field checks,
 * rendered messages in Hungarian and Chinese, role limits and rollback.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { createUser } from '../../src-main/services/users';
import { formatMoney } from '../../src-shared/money';
import { openTestWorkspace, type TestWorkspace } from './helpers';

function seed(w: TestWorkspace) {
  const program = w.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 12_000_000 });
  const cohort = w.call('cohorts.create', {
    programId: program.id,
    name: 'Tavaszi csoport',
    startOn: '2026-03-16',
    capacity: 8,
    minimumToRun: 3,
    status: 'open',
    schedule: [{ weekday: 2, startTime: '17:30', minutes: 90 }],
  });
  const anna = w.call('clients.create', { firstName: 'Anna', lastName: 'Kiss', phone: '+36 30 123 4567', email: 'anna@example.hu' });
  const bela = w.call('clients.create', { firstName: 'Béla', lastName: 'Nagy', email: 'bela@example.hu' });
  const chen = w.call('clients.create', { firstName: '静', lastName: '陈', phone: '+8613812345678' });
  const thinking = w.call('enrollments.create', { clientId: anna.id, programId: program.id, status: 'thinking', followUpOn: '2026-03-09' });
  const confirmed = w.call('enrollments.create', { clientId: bela.id, cohortId: cohort.id, status: 'confirmed', notifyBeforeDays: 7 });
  w.call('instalments.plan', { enrollmentId: confirmed.id, count: 3, firstDueOn: '2026-02-01' });
  const interested = w.call('enrollments.create', { clientId: chen.id, programId: program.id, status: 'inquiry' });
  return { program, cohort, anna, bela, chen, thinking, confirmed, interested };
}

describe('today.get', () => {
  it('lists follow-ups, overdue instalments, starts with people to notify and people to invite', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const today = w.call('today.get', {});
    expect(today.asOf).toBe('2026-03-10');
    expect(today.followUps.map((f) => [f.clientName, f.daysOverdue])).toEqual([[s.anna.displayName, 1]]);
    expect(today.overdue.map((i) => [i.clientName, i.dueOn, i.outstandingMinor, i.daysLate])).toEqual([
      [s.bela.displayName, '2026-02-01', 4_000_000, 37],
      [s.bela.displayName, '2026-03-01', 4_000_000, 9],
    ]);
    expect(today.cohortStarts.map((c) => [c.cohortName, c.daysUntil, c.toNotify.map((p) => p.clientName)])).toEqual([
      ['Tavaszi csoport', 6, [s.bela.displayName]],
    ]);
    expect(today.invites.map((c) => c.interested.map((p) => p.enrollmentId).sort())).toEqual([[s.interested.id, s.thinking.id].sort()]);
    expect(today.cohortHealth.map((h) => h.problem)).toEqual(['under_minimum']);
    expect(w.call('today.counts', {})).toEqual(today.counts);
  });

  it('a logged call with a new follow-up date moves the enquiry off today’s list', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const refused = w.fail('followUps.log', { enrollmentId: s.thinking.id, summary: 'Még gondolkodik', nextFollowUpOn: '2026-03-10' });
    expect(refused.fields?.[0]).toMatchObject({ path: ['nextFollowUpOn'], code: 'not_future' });
    expect(w.call('activities.list', { clientId: s.anna.id }).filter((a) => a.kind === 'call')).toEqual([]);

    const logged = w.call('followUps.log', {
      enrollmentId: s.thinking.id,
      summary: 'Még gondolkodik',
      nextFollowUpOn: '2026-03-17',
      status: 'trial',
    });
    expect(logged).toMatchObject({ followUpOn: '2026-03-17', status: 'trial' });
    expect(w.call('activities.list', { clientId: s.anna.id }).map((a) => a.kind)).toContain('call');
    expect(w.call('today.get', {}).followUps).toEqual([]);
    expect(w.call('today.get', { asOf: '2026-03-17' }).followUps.map((f) => f.enrollmentId)).toEqual([s.thinking.id]);
  });

  it('a payment clears the overdue instalments it pays', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    w.call('payments.create', { clientId: s.bela.id, amountMinor: 4_000_000, method: 'cash' });
    expect(w.call('today.get', {}).overdue.map((i) => i.dueOn)).toEqual(['2026-03-01']);
  });

  it('a snooze hides an item until its day; a dismissal records who and when', () => {
    const w = openTestWorkspace();
    seed(w);
    const [first] = w.call('today.get', {}).overdue;
    w.call('reminders.snooze', { kind: first!.kind, subjectId: first!.subjectId, until: '2026-03-12' });
    expect(w.call('today.get', {}).overdue).toHaveLength(1);
    expect(w.call('today.get', { asOf: '2026-03-12' }).overdue).toHaveLength(2);
    const error = w.fail('reminders.snooze', { kind: 'follow_up', subjectId: 'x', until: '2026-03-10' });
    expect(error.fields?.[0]).toMatchObject({ path: ['until'], code: 'not_future' });
  });

  it('keeps the money lists from a teacher and refuses their writes', () => {
    const w = openTestWorkspace();
    seed(w);
    const user = createUser(w.ctx, { username: 'tanar', displayName: 'Tanár', role: 'teacher' });
    const teacher: Actor = { userId: user.id, username: 'tanar', role: 'teacher' };
    const today = w.call('today.get', {}, teacher);
    expect(today.moneyVisible).toBe(false);
    expect(today.overdue).toEqual([]);
    expect(today.followUps).toHaveLength(1);
    expect(w.fail('tasks.create', { title: 'x' }, teacher).code).toBe('FORBIDDEN');
    // The defaults exist from init, so a reader sees them without anyone writing on their behalf.
    expect(w.call('templates.list', {}).length).toBeGreaterThan(0);
    expect(w.call('templates.list', {}, teacher)).toEqual(w.call('templates.list', {}));
  });
});

describe('tasks', () => {
  it('are listed when due, done with a timestamp, and refuse a missing client beside the field', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const task = w.call('tasks.create', { title: 'Számla küldése', clientId: s.bela.id, dueOn: '2026-03-10' });
    w.call('tasks.create', { title: 'Jövő heti', dueOn: '2026-03-20' });
    expect(w.call('today.get', {}).tasks.map((t) => [t.title, t.clientName])).toEqual([['Számla küldése', s.bela.displayName]]);
    expect(w.call('tasks.complete', { id: task.id }).doneAt).toBe('2026-03-10T09:00:00.000Z');
    expect(w.call('today.get', {}).tasks).toEqual([]);
    const before = w.call('tasks.list', { includeDone: true }).length;
    expect(w.fail('tasks.create', { title: 'x', clientId: 'nope' }).fields?.[0]).toMatchObject({ path: ['clientId'], code: 'not_found' });
    expect(w.call('tasks.list', { includeDone: true })).toHaveLength(before);
  });
});

describe('templates and messages', () => {
  it('seeds defaults in three languages once and refuses unknown merge fields', () => {
    const w = openTestWorkspace();
    const all = w.call('templates.list', {});
    expect(new Set(all.map((t) => t.language))).toEqual(new Set(['hu', 'zh-CN', 'en']));
    expect(w.call('templates.list', {})).toHaveLength(all.length);
    const error = w.fail('templates.create', { name: 'Rossz', purpose: 'custom', language: 'hu', body: 'Szia {frstName}!' });
    expect(error.fields?.[0]).toMatchObject({ path: ['body'], code: 'unknown_merge_field' });
    expect(w.call('templates.list', {})).toHaveLength(all.length);
  });

  it('renders the payment reminder in Hungarian and Chinese with the money and dates of each', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const hu = w.call('messages.render', { purpose: 'payment_reminder', language: 'hu', enrollmentIds: [s.confirmed.id] });
    const [message] = hu.messages;
    expect(message!.body).toContain(formatMoney(8_000_000, 'HUF', 'hu-HU'));
    expect(message!.body).toContain('2026. február 1.');
    expect(message!.body).toContain('37 napja');
    expect(message!.subject).toBe('Fizetési emlékeztető – Angol A1');
    expect(message!.mailto).toMatch(/^mailto:bela@example\.hu\?subject=.+&body=.+/);
    expect(decodeURIComponent(message!.mailto!.split('body=')[1]!)).toBe(message!.body);

    const zh = w.call('messages.render', { purpose: 'payment_reminder', language: 'zh-CN', overdue: true });
    expect(zh.messages).toHaveLength(1);
    expect(zh.messages[0]!.body).toContain('2026年2月1日');
    expect(zh.messages[0]!.body).toContain(formatMoney(8_000_000, 'HUF', 'zh-CN'));
  });

  it('invites interested people to a cohort by WhatsApp and logs it, dismissing the invitation', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const rendered = w.call('messages.render', {
      purpose: 'new_cohort_invite',
      language: 'zh-CN',
      enrollmentIds: [s.interested.id],
      cohortId: s.cohort.id,
    });
    const [message] = rendered.messages;
    expect(message!.body).toContain('Tavaszi csoport');
    expect(message!.body).toContain('2026年3月16日');
    expect(message!.body).toContain('星期二 17:30');
    expect(message!.whatsapp).toMatch(/^https:\/\/wa\.me\/8613812345678\?text=/);
    expect(rendered.smsCsv.split('\r\n')[0]).toBe('phone,message');

    w.call('messages.logSent', {
      channel: 'whatsapp',
      messages: [
        {
          clientId: s.chen.id,
          enrollmentId: s.interested.id,
          text: message!.body,
          reminder: { kind: 'cohort_invite', subjectId: `${s.cohort.id}:${s.interested.id}` },
        },
      ],
    });
    const activities = w.call('activities.list', { clientId: s.chen.id });
    expect(activities[0]).toMatchObject({ kind: 'message' });
    expect(activities[0]!.summary.startsWith('WhatsApp: ')).toBe(true);
    expect(w.call('today.get', {}).invites[0]!.interested.map((p) => p.enrollmentId)).toEqual([s.thinking.id]);
  });

  it('a message for a client that does not exist logs nothing at all', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const error = w.fail('messages.logSent', {
      channel: 'email',
      messages: [
        { clientId: s.anna.id, text: 'ok' },
        { clientId: 'missing', text: 'no' },
      ],
    });
    expect(error.fields?.[0]?.path).toEqual(['messages', 1, 'clientId']);
    expect(w.call('activities.list', { clientId: s.anna.id }).filter((a) => a.kind === 'message')).toEqual([]);
  });
});
