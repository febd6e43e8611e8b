/**
 * The Today screen reads a narrowed snapshot (only rows that can reach a list, only
 * the clients reminder-money.ts cannot rule out settled) because reading and
 * settling a whole large school took seconds. That is only allowed if it never
 * changes an answer, so this test builds random schools on a real database —
 * pins, refunds, tied and untied payments, payments a package was sold with, money tied to another client's
 * enrollment, future-dated, voided and deleted payments, transferred, cancelled
 * and declined enrollments, archived and deleted clients, namesakes, birthdays
 * around the week, hidden reminders, tasks — and checks, for several days and
 * settings, that the narrowed lists equal those of the full reading, and that no
 * client the prefilter leaves out would have appeared had it been settled.
 */
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src-main/changes/funnel';
import { Random } from '../../src-main/demo/seed-demo';
import { clientBalances, settleClients } from '../../src-main/services/balances';
import { cachedClientBalances } from '../../src-main/services/today-cache';
import { todayMoney } from '../../src-main/services/reminder-money';
import { computeToday, loadReminderData } from '../../src-main/services/reminders';
import { addDaysIso } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import { billableStatuses, type EnrollmentStatus } from '../../src-shared/domain';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const statuses: EnrollmentStatus[] = [
  'inquiry',
  'thinking',
  'trial',
  'waitlist',
  'confirmed',
  'confirmed',
  'confirmed',
  'declined',
  'cancelled',
  'completed',
  'transferred',
];
const firstNames = ['Anna', 'Béla', 'Csilla', 'Dávid'];
const lastNames = ['Kiss', 'Nagy', 'Tóth'];

interface Built {
  enrollments: { id: string; clientId: string }[];
  instalments: { id: string; clientId: string }[];
  payments: { id: string; clientId: string }[];
  clients: string[];
}

/** A random school around 10 March 2026 (the test clock), written through the funnel like every other write. */
function buildSchool(w: TestWorkspace, seed: string, clientCount: number): Built {
  const rng = new Random(seed);
  const insert = (table: Parameters<typeof applyChanges>[1][number]['table'], values: Record<string, unknown>): string =>
    applyChanges(w.ctx, [{ op: 'insert', table, values }]).ids[0] as string;
  const day = (from: number, to: number) => addDaysIso('2026-03-10', rng.int(from, to));
  const money = () => rng.int(1, 12) * 5_000;

  const programs = [0, 1].map((n) => w.call('programs.create', { name: `Program ${n}`, defaultPriceMinor: 60_000 }).id);
  const cohorts = (['planned', 'open', 'open', 'running', 'finished'] as const).map(
    (status, n) =>
      w.call('cohorts.create', {
        programId: rng.pick(programs),
        name: `Group ${n}`,
        startOn: n === 2 ? undefined : day(-20, 30),
        status,
        capacity: rng.int(1, 4),
        minimumToRun: rng.int(1, 5),
      }).id,
  );
  const built: Built = { enrollments: [], instalments: [], payments: [], clients: [] };

  for (let c = 0; c < clientCount; c++) {
    const birthDate = rng.chance(0.3)
      ? rng.pick(['2010-03-09', '2012-03-15', '2008-02-29', '1990-03-12', '2000-12-31', '2015-01-02'])
      : undefined;
    const clientId = w.call('clients.create', { firstName: rng.pick(firstNames), lastName: rng.pick(lastNames), birthDate }).id;
    built.clients.push(clientId);
    if (rng.chance(0.05)) applyChanges(w.ctx, [{ op: 'update', table: 'clients', id: clientId, values: { archived: true } }]);

    const own: string[] = [];
    for (let e = rng.int(0, 3); e > 0; e--) {
      const status = rng.pick(statuses);
      const cohortId = rng.chance(0.6) ? rng.pick(cohorts) : null;
      const successor = status === 'transferred' && own.length > 0 && rng.chance(0.7) ? rng.pick(own) : null;
      const id = insert('enrollments', {
        clientId,
        programId: rng.pick(programs),
        cohortId,
        status,
        agreedPriceMinor: money() * 2,
        discountMinor: rng.chance(0.2) ? 5_000 : 0,
        followUpOn: rng.chance(0.4) ? day(-10, 10) : null,
        notifyBeforeDays: rng.chance(0.4) ? rng.int(0, 20) : null,
        transferredToId: successor,
      });
      own.push(id);
      built.enrollments.push({ id, clientId });
      for (let i = rng.int(0, 4); i > 0; i--) {
        const instalmentId = insert('instalments', { enrollmentId: id, dueOn: day(-60, 40), amountMinor: rng.chance(0.05) ? 0 : money() });
        built.instalments.push({ id: instalmentId, clientId });
        if (rng.chance(0.05)) applyChanges(w.ctx, [{ op: 'delete', table: 'instalments', id: instalmentId }]);
      }
      if (rng.chance(0.05)) applyChanges(w.ctx, [{ op: 'delete', table: 'enrollments', id }]);
    }

    for (let p = rng.int(0, 4); p > 0; p--) {
      const elsewhere = built.enrollments.length > 0 && rng.chance(0.05);
      const enrollmentId = elsewhere ? rng.pick(built.enrollments).id : own.length > 0 && rng.chance(0.6) ? rng.pick(own) : null;
      const refund = rng.chance(0.08);
      const id = insert('payments', {
        clientId,
        enrollmentId,
        paidOn: day(-70, 20),
        amountMinor: refund ? -money() : money() * rng.int(1, 3),
        method: 'cash',
        voidedAt: rng.chance(0.05) ? '2026-03-01T10:00:00.000Z' : null,
      });
      built.payments.push({ id, clientId });
      if (rng.chance(0.03)) applyChanges(w.ctx, [{ op: 'delete', table: 'payments', id }]);
      // A package sold with this payment: the payment pays for the package, not for instalments (balances.ts).
      if (!refund && rng.chance(0.12))
        insert('packages', {
          holderClientId: clientId,
          unit: 'lessons',
          quantity: 10,
          priceMinor: 50_000,
          startsOn: '2026-03-01',
          paymentId: id,
        });
    }
    if (rng.chance(0.08) && built.payments.length > 0 && built.instalments.length > 0) {
      const payment = rng.pick(built.payments.filter((p) => p.clientId === clientId).concat(built.payments.slice(-1)));
      const sameClient = built.instalments.filter((i) => i.clientId === payment.clientId);
      const instalment = sameClient.length > 0 && rng.chance(0.8) ? rng.pick(sameClient) : rng.pick(built.instalments);
      insert('payment_allocations', { paymentId: payment.id, instalmentId: instalment.id, amountMinor: money() });
    }
    if (rng.chance(0.02)) applyChanges(w.ctx, [{ op: 'delete', table: 'clients', id: clientId }]);
  }

  for (let s = 0; s < 8; s++) {
    const subject = rng.pick([
      ['instalment_overdue', rng.pick(built.instalments)?.id],
      ['instalment_due', rng.pick(built.instalments)?.id],
      ['low_balance', rng.pick(built.clients)],
    ] as const);
    if (!subject[1]) continue;
    insert('reminder_states', {
      kind: subject[0],
      subjectId: subject[1],
      snoozedUntil: rng.chance(0.5) ? day(-5, 15) : null,
      dismissedAt: rng.chance(0.5) ? '2026-03-01T10:00:00.000Z' : null,
    });
  }
  insert('tasks', { title: 'Call back', clientId: rng.pick(built.clients), dueOn: day(-3, 3) });
  return built;
}

const days = ['2026-03-10', '2026-02-28', '2026-04-05', '2026-12-30'];
const settingsToTry = [
  { dueSoonDays: 7, lowBalanceMinor: null },
  { dueSoonDays: 0, lowBalanceMinor: 30_000 },
  { dueSoonDays: 30, lowBalanceMinor: 120_000 },
];

describe('the Today screen’s narrowed reading', () => {
  it('gives the same lists and counts as settling the whole school, on random ledgers', () => {
    const seen = { overdue: 0, dueSoon: 0, lowBalance: 0, leftOut: 0, birthdays: 0 };
    for (const seed of ['one', 'two', 'three', 'four']) {
      const w = openTestWorkspace();
      buildSchool(w, `today-fast-${seed}`, 45);
      for (const settings of settingsToTry) {
        w.call('settings.update', settings);
        for (const asOf of days) {
          const full = computeToday(loadReminderData(w.ctx, asOf, 'everything'), asOf);
          const fast = computeToday(loadReminderData(w.ctx, asOf), asOf);
          expect(fast).toEqual(full);
          expect(w.call('today.counts', { asOf })).toEqual(full.counts);
          seen.overdue += full.counts.overdue;
          seen.dueSoon += full.counts.dueSoon;
          seen.lowBalance += full.counts.lowBalance;
          seen.birthdays += full.counts.birthdays;
        }
      }
    }
    // The comparison means something only if every money list was exercised.
    expect(
      Object.values(seen)
        .slice(0, 3)
        .every((n) => n > 0) && seen.birthdays > 0,
    ).toBe(true);
  });

  it('settles only clients it cannot work out, and works the others out as settling them would', () => {
    let simpleClients = 0;
    for (const seed of ['five', 'six', 'seven']) {
      const w = openTestWorkspace();
      const built = buildSchool(w, `today-fast-${seed}`, 60);
      const billable = new Set<string>(billableStatuses);
      const statusOf = new Map(
        (w.db.sqlite.prepare('SELECT id, status FROM enrollments WHERE deleted_at IS NULL').all() as { id: string; status: string }[]).map(
          (e) => [e.id, e.status],
        ),
      );
      const clientOfInstalment = new Map(built.instalments.map((i) => [i.id, i.clientId]));
      for (const threshold of [null, 40_000, 200_000]) {
        for (const asOf of days) {
          const day = { asOf, horizon: addDaysIso(asOf, 7), lowBalanceMinor: threshold };
          const simple = todayMoney(w.ctx, day);
          const settled = new Set(simple.settle);
          const others = built.clients.filter((id) => !settled.has(id));
          simpleClients += others.length;
          for (const [clientId, settlement] of settleClients(w.ctx, built.clients, asOf)) {
            const owed = [...settlement.enrollments.values()]
              .flatMap((e) => (billable.has(statusOf.get(e.enrollmentId) ?? '') ? e.instalments : []))
              .filter((i) => i.outstandingMinor > 0 && i.dueOn <= day.horizon)
              .map((i) => [i.id, i.outstandingMinor])
              .sort();
            const worked = simple.owed
              .filter((i) => clientOfInstalment.get(i.id) === clientId)
              .map((i) => [i.id, i.outstandingMinor])
              .sort();
            const ahead =
              settlement.unallocatedMinor +
              [...settlement.enrollments.values()]
                .flatMap((e) => e.instalments)
                .reduce((sum, i) => sum + (i.dueOn > asOf ? i.paidMinor : 0), 0);
            const low = threshold !== null && settlement.paidMinor > 0 && ahead > 0 && ahead < threshold ? ahead : null;
            if (settled.has(clientId)) {
              // Settled by the engine: the shortcut must not list them a second time.
              expect({ clientId, worked, ahead: simple.ahead.get(clientId) }).toEqual({ clientId, worked: [], ahead: undefined });
            } else {
              expect({ clientId, worked, ahead: simple.ahead.get(clientId) ?? null }).toEqual({ clientId, worked: owed, ahead: low });
            }
          }
        }
      }
    }
    expect(simpleClients).toBeGreaterThan(0);
  });

  it('stays right while the school changes: the cached money and balances follow every write, purge and undo between two looks', () => {
    let compared = 0;
    for (const seed of ['eight', 'nine']) {
      const w = openTestWorkspace();
      const built = buildSchool(w, `today-fast-${seed}`, 40);
      const rng = new Random(`today-cache-${seed}`);
      w.call('settings.update', { dueSoonDays: 10, lowBalanceMinor: 90_000 });
      const asOf = '2026-03-10';
      const live = (table: string, id: string) =>
        w.db.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;
      const steps: (() => void)[] = [
        () => {
          const clientId = rng.pick(built.clients);
          const own = built.enrollments.filter((e) => e.clientId === clientId);
          const enrollmentId = own.length > 0 && rng.chance(0.7) ? rng.pick(own).id : null;
          const id = applyChanges(w.ctx, [
            {
              op: 'insert',
              table: 'payments',
              values: { clientId, enrollmentId, paidOn: '2026-03-0' + rng.int(1, 9), amountMinor: rng.int(1, 8) * 10_000, method: 'cash' },
            },
          ]).ids[0] as string;
          built.payments.push({ id, clientId });
        },
        () => {
          const payment = rng.pick(built.payments);
          if (live('payments', payment.id))
            applyChanges(w.ctx, [{ op: 'update', table: 'payments', id: payment.id, values: { voidedAt: '2026-03-09T10:00:00.000Z' } }]);
        },
        () => {
          const enrollment = rng.pick(built.enrollments);
          if (live('enrollments', enrollment.id))
            applyChanges(w.ctx, [{ op: 'update', table: 'enrollments', id: enrollment.id, values: { status: rng.pick(statuses) } }]);
        },
        () => {
          const instalment = rng.pick(built.instalments);
          if (live('instalments', instalment.id))
            applyChanges(w.ctx, [
              {
                op: 'update',
                table: 'instalments',
                id: instalment.id,
                values: { amountMinor: rng.int(1, 9) * 5_000, dueOn: '2026-03-1' + rng.int(0, 9) },
              },
            ]);
        },
        () => {
          const enrollment = rng.pick(built.enrollments);
          if (!live('enrollments', enrollment.id)) return;
          const id = applyChanges(w.ctx, [
            {
              op: 'insert',
              table: 'instalments',
              values: { enrollmentId: enrollment.id, dueOn: '2026-03-0' + rng.int(1, 9), amountMinor: 25_000 },
            },
          ]).ids[0] as string;
          built.instalments.push({ id, clientId: enrollment.clientId });
        },
        () => {
          const clientId = rng.pick(built.clients);
          if (live('clients', clientId)) w.raw('clients.delete', { id: clientId });
          else if (rng.chance(0.5)) w.raw('audit.restore', { table: 'clients', id: clientId });
          else w.raw('records.purge', { table: 'clients', id: clientId });
        },
        () => {
          const payment = rng.pick(built.payments);
          const instalment = rng.pick(built.instalments.filter((i) => i.clientId === payment.clientId).concat(built.instalments.slice(-1)));
          if (live('payments', payment.id) && live('instalments', instalment.id))
            applyChanges(w.ctx, [
              {
                op: 'insert',
                table: 'payment_allocations',
                values: { paymentId: payment.id, instalmentId: instalment.id, amountMinor: 10_000 },
              },
            ]);
        },
        () => w.raw('history.undo', {}),
        () => {
          // A package sold with a payment, or one deleted: the payment leaves the ledger or comes back to it.
          const sold = w.db.sqlite.prepare('SELECT id FROM packages WHERE deleted_at IS NULL').pluck().all() as string[];
          const payment = rng.pick(built.payments);
          if (sold.length > 0 && rng.chance(0.5)) applyChanges(w.ctx, [{ op: 'delete', table: 'packages', id: rng.pick(sold) }]);
          else if (live('payments', payment.id))
            applyChanges(w.ctx, [
              {
                op: 'insert',
                table: 'packages',
                values: {
                  holderClientId: payment.clientId,
                  unit: 'lessons',
                  quantity: 5,
                  priceMinor: 20_000,
                  startsOn: '2026-03-01',
                  paymentId: payment.id,
                },
              },
            ]);
        },
        () => {
          const enrollment = rng.pick(built.enrollments);
          if (live('enrollments', enrollment.id))
            applyChanges(w.ctx, [
              {
                op: 'update',
                table: 'enrollments',
                id: enrollment.id,
                values: { followUpOn: rng.chance(0.3) ? null : '2026-03-0' + rng.int(1, 9) },
              },
            ]);
        },
        () => {
          const clientId = rng.pick(built.clients);
          if (live('clients', clientId))
            applyChanges(w.ctx, [{ op: 'update', table: 'clients', id: clientId, values: { archived: rng.chance(0.5) } }]);
        },
        () => {
          const cohort = rng.pick(w.call('cohorts.list', {}) as { id: string }[]);
          if (cohort)
            w.raw('cohorts.update', {
              id: cohort.id,
              startOn: '2026-03-' + rng.int(10, 28),
              status: rng.pick(['planned', 'open', 'running'] as const),
            });
        },
      ];
      w.call('today.counts', { asOf });
      const everyBalance = (balances: Map<string, unknown>) => [...balances].sort(([a], [b]) => a.localeCompare(b));
      cachedClientBalances(w.ctx, asOf);
      for (let step = 0; step < 60; step++) {
        const act = rng.pick(steps);
        try {
          act();
        } catch (error) {
          // A write the rules refuse (a purge of a row with live dependants, an undo of nothing) leaves the database as it was: still a step to look after.
          if (!(error instanceof AppError)) throw error;
        }
        const full = computeToday(loadReminderData(w.ctx, asOf, 'everything'), asOf);
        expect(computeToday(loadReminderData(w.ctx, asOf), asOf)).toEqual(full);
        expect(w.call('today.counts', { asOf })).toEqual(full.counts);
        expect(everyBalance(cachedClientBalances(w.ctx, asOf))).toEqual(everyBalance(clientBalances(w.ctx, 'all', asOf)));
        compared++;
      }
    }
    expect(compared).toBe(120);
  });
});
