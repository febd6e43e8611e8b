/**
 * A page of clients (the quick search's 50 rows) is settled from three indexes that
 * carry every column the balance reads take (migration 0016): a client's ledger then
 * costs one index page per table instead of an index page and a table page, and on
 * an encrypted database every page read for the first time is a decrypt. The plan is
 * SQLite's to choose, so this holds that it chooses those indexes (without ANALYZE's
 * statistics, as a school's database is; on a table of a few rows with them, a scan is
 * the better plan), and that the page's balances are the ones the whole school's
 * settlement gives.
 */
import { describe, expect, it } from 'vitest';
import { clientBalances, ledgerReads } from '../../src-main/services/balances';
import { openTestWorkspace, type TestWorkspace } from './helpers';

function schoolWithMoney(ws: TestWorkspace): string[] {
  const program = ws.call('programs.create', { name: 'Angol B1', kind: 'course', defaultPriceMinor: 90_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Angol B1 – tavasz', status: 'open' });
  return Array.from({ length: 6 }, (_, i) => {
    const client = ws.call('clients.create', { firstName: `Anna ${i}`, lastName: 'Kovács' });
    const enrollment = ws.call('enrollments.create', {
      clientId: client.id,
      cohortId: cohort.id,
      status: i % 3 === 2 ? 'inquiry' : 'confirmed',
      agreedPriceMinor: 90_000,
      discountMinor: 1_000 * i,
    });
    if (i % 2 === 0) ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-02-01' });
    if (i > 0)
      ws.call('payments.create', {
        clientId: client.id,
        ...(i % 2 === 1 ? { enrollmentId: enrollment.id } : {}),
        amountMinor: 10_000 * i,
        paidOn: '2026-02-15',
        method: 'cash',
      });
    return client.id;
  });
}

/** How SQLite reads each table of a ledger read: the plan line of every search or scan of enrollments, instalments or payments. */
function tableReads(ws: TestWorkspace, text: string): string[] {
  const plan = ws.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(JSON.stringify(['a', 'b'])) as { detail: string }[];
  return plan.map((row) => row.detail).filter((detail) => /^(SEARCH|SCAN) [eip]\b/.test(detail));
}

describe('balance reads of a page of clients', () => {
  it('read enrollments, instalments and payments from covering indexes only', () => {
    const ws = openTestWorkspace();
    schoolWithMoney(ws);
    const reads = ledgerReads(['a', 'b'], false);
    const lines = Object.values(reads).flatMap((text) => tableReads(ws, text));
    // enrollments; instalments and the enrollments they are found through; payments; the payments of pins
    expect(lines).toHaveLength(5);
    for (const line of lines)
      expect(line).toMatch(/USING COVERING INDEX (enrollments_client_idx|instalments_enrollment_idx|payments_client_idx)/);
  });

  it('give each client of a page the balance the whole school settles for them', () => {
    const ws = openTestWorkspace();
    const ids = schoolWithMoney(ws);
    const asOf = '2026-03-15';
    const all = clientBalances(ws, 'all', asOf);
    const page = clientBalances(ws, ids.slice(1, 5), asOf);
    expect([...page.values()]).toEqual(ids.slice(1, 5).map((id) => all.get(id)));
    expect([...all.values()].some((b) => b.balanceMinor !== 0 && b.overdueMinor !== 0)).toBe(true);
  });
});
