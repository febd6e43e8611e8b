/**
 * The client list asks for every client's balance at once, so `clientBalances`
 * must stay a handful of bulk queries plus arithmetic in memory at 100 000
 * clients. The rows are seeded with plain INSERTs in one transaction: this test
 * checks the read path's answers at that scale (its speed is `npm run bench`'s to
 * report, never an assertion here), and 600 000 rows through the funnel would spend its time
 * writing the change log instead. Besides the balances only Today's overdue list,
 * which settles the same ledgers, is read.
 */
import { describe, expect, it } from 'vitest';
import { clientBalances } from '../../src-main/services/balances';
import { openTestWorkspace } from './helpers';

const CLIENTS = 100_000;

describe('clientBalances at scale', () => {
  it('settles 100 000 clients in bulk within a few seconds', () => {
    const ws = openTestWorkspace();
    const { sqlite } = ws.db;
    const stamp = '2026-01-01T00:00:00.000Z';
    const id = (kind: string, n: number) => `${kind}-${String(n).padStart(6, '0')}`;
    sqlite.transaction(() => {
      sqlite
        .prepare("INSERT INTO programs (id, created_at, updated_at, name, kind) VALUES ('prog', ?, ?, 'Course', 'course')")
        .run(stamp, stamp);
      const client = sqlite.prepare('INSERT INTO clients (id, created_at, updated_at, display_name) VALUES (?, ?, ?, ?)');
      const enrollment = sqlite.prepare(
        "INSERT INTO enrollments (id, created_at, updated_at, client_id, program_id, status, agreed_price_minor, discount_minor) VALUES (?, ?, ?, ?, 'prog', ?, 90000, 0)",
      );
      const instalment = sqlite.prepare(
        'INSERT INTO instalments (id, created_at, updated_at, enrollment_id, due_on, amount_minor) VALUES (?, ?, ?, ?, ?, 30000)',
      );
      const payment = sqlite.prepare(
        "INSERT INTO payments (id, created_at, updated_at, client_id, enrollment_id, paid_on, amount_minor, method) VALUES (?, ?, ?, ?, NULL, '2026-01-15', ?, 'cash')",
      );
      for (let n = 0; n < CLIENTS; n++) {
        client.run(id('c', n), stamp, stamp, `Client ${n}`);
        enrollment.run(id('e', n), stamp, stamp, id('c', n), n % 10 === 0 ? 'declined' : 'confirmed');
        for (const [k, dueOn] of ['2026-01-01', '2026-02-01', '2026-04-01'].entries())
          instalment.run(id(`i${k}`, n), stamp, stamp, id('e', n), dueOn);
        payment.run(id('p', n), stamp, stamp, id('c', n), (n % 4) * 15_000);
      }
    })();

    const started = performance.now();
    const balances = clientBalances(ws.ctx, 'all', '2026-03-10');
    const elapsed = performance.now() - started;

    expect(balances.size).toBe(CLIENTS);
    // Client 3 paid 45 000 of 90 000: January paid, February half paid and overdue.
    expect(balances.get(id('c', 3))).toEqual({
      clientId: id('c', 3),
      dueTotalMinor: 90_000,
      paidMinor: 45_000,
      balanceMinor: 45_000,
      overdueMinor: 15_000,
      unallocatedMinor: 0,
    });
    // Client 10 declined: owes nothing, paid 30 000 stays with them as unallocated.
    expect(balances.get(id('c', 10))).toMatchObject({
      dueTotalMinor: 0,
      paidMinor: 30_000,
      balanceMinor: -30_000,
      overdueMinor: 0,
      unallocatedMinor: 30_000,
    });
    console.log(`clientBalances('all') over ${CLIENTS} clients: ${elapsed.toFixed(0)} ms`);

    const some = clientBalances(ws.ctx, [id('c', 1), id('c', 2), 'unknown'], '2026-03-10');
    expect([...some.keys()]).toEqual([id('c', 1), id('c', 2), 'unknown']);
    expect(some.get('unknown')).toMatchObject({ balanceMinor: 0, paidMinor: 0 });

    // Today's overdue list settles the same ledgers: oldest first, and the whole count.
    // Per 20 clients two declined, the rest owe January and/or February: 27 overdue instalments.
    const today = ws.call('today.get', { asOf: '2026-03-10' });
    expect(today.overdue.length).toBeGreaterThanOrEqual(5);
    expect(today.overdue.slice(0, 5).every((row) => row.dueOn === '2026-01-01')).toBe(true);
    expect(today.counts.overdue).toBe((CLIENTS / 20) * 27);
  });
});
