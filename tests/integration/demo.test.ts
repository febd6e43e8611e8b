/**
 * The demo school: that it looks like a school (families, E.164 phones, names and
 * programs in the workspace's language, money that adds up, some of it late),
 * that it is written through the funnel like any user's data, that doctor finds
 * it sound, and that the same seed on the same day builds the same school.
 */
import { describe, expect, it } from 'vitest';
import { Random, seedDemo } from '../../src-main/demo/seed-demo';
import { diagnose } from '../../src-main/upkeep/maintenance';
import { openTestWorkspace } from './helpers';

const now = '2026-03-10T09:00:00Z';

describe('Random', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: string) => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    const r = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe('seedDemo', () => {
  it('builds a Hungarian school of families, enrollments and money through the funnel', () => {
    const ws = openTestWorkspace(undefined, now);
    const { sqlite } = ws.db;
    const all = <T>(sql: string) => sqlite.prepare(sql).all() as T[];
    const one = <T>(sql: string) => sqlite.prepare(sql).get() as T;
    const changesBefore = one<{ n: number }>('SELECT count(*) AS n FROM changes').n;
    const result = seedDemo(ws.ctx, { clients: 400, seed: 'test' });

    expect(result).toMatchObject({ clients: 400, programs: 11, today: '2026-03-10' });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM clients').n).toBe(400);
    expect(result.children / result.clients).toBeGreaterThan(0.2);
    expect(result.children / result.clients).toBeLessThan(0.4);

    // Every child's guardian is an adult client of the same school.
    const orphans = one<{ n: number }>(
      'SELECT count(*) AS n FROM clients c LEFT JOIN clients g ON g.id = c.guardian_id WHERE c.guardian_id IS NOT NULL AND (g.id IS NULL OR g.guardian_id IS NOT NULL)',
    );
    expect(orphans.n).toBe(0);
    for (const { phone } of all<{ phone: string }>('SELECT phone FROM clients WHERE phone IS NOT NULL'))
      expect(phone).toMatch(/^\+[1-9]\d{7,14}$/);
    for (const { email } of all<{ email: string }>('SELECT email FROM clients WHERE email IS NOT NULL'))
      expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
    expect(all<{ name: string }>('SELECT name FROM programs').map((p) => p.name)).toContain('Sakk kezdőknek');

    const statuses = all<{ status: string }>('SELECT DISTINCT status FROM enrollments').map((r) => r.status);
    expect(statuses).toEqual(
      expect.arrayContaining(['confirmed', 'completed', 'inquiry', 'thinking', 'declined', 'cancelled', 'waitlist']),
    );
    const cohortStatuses = all<{ status: string }>('SELECT DISTINCT status FROM cohorts').map((r) => r.status);
    expect(cohortStatuses).toEqual(expect.arrayContaining(['finished', 'running', 'open']));

    // Instalment plans split exactly what was agreed, in one to four parts.
    const plans = all<{ owed: number; planned: number; parts: number }>(
      `SELECT e.agreed_price_minor - e.discount_minor AS owed, sum(i.amount_minor) AS planned, count(*) AS parts
         FROM enrollments e JOIN instalments i ON i.enrollment_id = e.id GROUP BY e.id`,
    );
    expect(plans.length).toBeGreaterThan(50);
    for (const plan of plans) {
      expect(plan.planned).toBe(plan.owed);
      expect(plan.parts).toBeGreaterThanOrEqual(1);
      expect(plan.parts).toBeLessThanOrEqual(4);
    }
    expect(result.payments).toBeGreaterThan(0);
    const overdue = ws.call('today.get', { asOf: '2026-03-10' }).overdue;
    expect(overdue.length).toBeGreaterThan(0);

    // Written through the funnel: every client has its change-log entries.
    const unlogged = one<{ n: number }>(
      "SELECT count(*) AS n FROM clients c WHERE NOT EXISTS (SELECT 1 FROM changes ch WHERE ch.table_name = 'clients' AND ch.row_id = c.id)",
    );
    expect(unlogged.n).toBe(0);
    expect(result.changes).toBe(one<{ n: number }>('SELECT count(*) AS n FROM changes').n - changesBefore);

    const report = diagnose(ws.db, '2026-03-10');
    expect(report.ok).toBe(true);

    // The router reads it like any other data.
    const search = ws.call('clients.list', { query: 'Kovács' });
    expect(search.total).toBeGreaterThan(0);
  });

  it('builds the same school from the same seed on the same day', () => {
    const shape = (seed: string) => {
      const ws = openTestWorkspace(undefined, now);
      seedDemo(ws.ctx, { clients: 120, seed });
      return {
        clients: ws.db.sqlite.prepare('SELECT display_name, phone, email, birth_date FROM clients ORDER BY rowid').all(),
        money: ws.db.sqlite.prepare('SELECT due_on, amount_minor FROM instalments ORDER BY rowid').all(),
        payments: ws.db.sqlite.prepare('SELECT paid_on, amount_minor, method FROM payments ORDER BY rowid').all(),
      };
    };
    const first = shape('same');
    expect(shape('same')).toEqual(first);
    expect(shape('other').clients).not.toEqual(first.clients);
  });

  it('speaks English in an English workspace and refuses a database that already has clients', () => {
    const ws = openTestWorkspace({ schoolName: 'Hill Studio', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' }, now);
    seedDemo(ws.ctx, { clients: 60, seed: 1 });
    const names = (ws.db.sqlite.prepare('SELECT name FROM programs').all() as { name: string }[]).map((p) => p.name);
    expect(names).toContain('Chess for beginners');
    const gbPhones = ws.db.sqlite.prepare("SELECT count(*) AS n FROM clients WHERE phone LIKE '+44%'").get() as { n: number };
    expect(gbPhones.n).toBeGreaterThan(0);
    expect(() => seedDemo(ws.ctx, { clients: 10 })).toThrow(/already holds clients/);
  });
});
