/**
 * The money of a prepaid package: the payment it was sold with pays for the
 * package, so it neither shows as money the school owes the client nor pays a
 * course's instalment (the client page, the client list's balances and Today
 * agree); a package deleted as sold in error gives the payment back to the
 * client's ledger, where it pays what is owed like any other payment.
 */
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src-main/changes/funnel';
import { openTestWorkspace } from './helpers';

function school() {
  const w = openTestWorkspace();
  const programId = w.call('programs.create', { name: 'Angol A1' }).id as string;
  const clientId = w.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' }).id as string;
  const enrollmentId = w.call('enrollments.create', { clientId, programId, status: 'confirmed', agreedPriceMinor: 80_000 }).id as string;
  const instalmentId = applyChanges(w.ctx, [
    { op: 'insert', table: 'instalments', values: { enrollmentId, dueOn: '2026-03-01', amountMinor: 40_000 } },
  ]).ids[0] as string;
  return { w, clientId, enrollmentId, instalmentId };
}

describe('a package’s payment', () => {
  it('pays for the package: no credit, no course instalment paid, the same on the client page and on Today', () => {
    const { w, clientId, enrollmentId, instalmentId } = school();
    const overdue = () => w.call('today.get', {}).overdue.map((i) => [i.instalmentId, i.outstandingMinor]);
    expect(overdue()).toEqual([[instalmentId, 40_000]]);

    const sold = w.call('packages.sell', {
      holderClientId: clientId,
      enrollmentId,
      unit: 'lessons',
      quantity: 10,
      priceMinor: 50_000,
      startsOn: '2026-03-01',
      payment: { method: 'cash' },
    });
    expect(sold.paymentId).not.toBeNull();
    const client = w.call('clients.get', { id: clientId });
    expect(client.payments.map((p) => p.amountMinor)).toEqual([50_000]);
    expect(client.balance).toMatchObject({ paidMinor: 0, unallocatedMinor: 0, overdueMinor: 40_000 });
    expect(overdue()).toEqual([[instalmentId, 40_000]]);
    const listed = w.call('clients.list', {}).rows.find((r) => r.id === clientId);
    expect(listed?.balanceMinor).toBe(client.balance.balanceMinor);

    // Sold in error: the package goes, its payment stays the client's and pays the instalment.
    w.call('packages.delete', { id: sold.id });
    expect(w.call('clients.get', { id: clientId }).balance).toMatchObject({
      paidMinor: 50_000,
      overdueMinor: 0,
      unallocatedMinor: 10_000,
    });
    expect(overdue()).toEqual([]);
  });
});
