/**
 * Receipts through the real router: numbered `<year>-<device code>-<seq>` without
 * gaps, one live receipt per payment, a void keeping its number, the printable page
 * in the receipt's language with the school's details; the assistant issues and
 * reads one client's receipts but may not void. Then two machines through a real
 * sync folder: both issue receipts offline, and after syncing both ways every
 * number is unique, each device's sequence is whole, and nothing was refused —
 * and a merge of two clients made on one machine (its payments re-pointed) is
 * accepted and converges on the other, and so does its undo.
 */
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { deviceCode } from '../../src-main/services/receipts/receipts';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace, tempDir, type TestWorkspace } from './helpers';
import { joinReplica, liveRows, ownerReplica, type Replica } from './sync-helpers';

function paidClient(ws: Pick<TestWorkspace, 'call'>, firstName: string, lastName: string, amountMinor: number) {
  const client = ws.call('clients.create', {
    firstName,
    lastName,
    email: `${firstName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@example.hu`,
  });
  const payment = ws.call('payments.create', {
    clientId: client.id,
    amountMinor,
    paidOn: '2026-03-09',
    method: 'transfer',
    reference: 'INV/7',
  });
  return { client, payment };
}

describe('receipts', () => {
  it('numbers receipts per device and year without gaps, keeps a voided number used, and prints in the school language', () => {
    const ws = openTestWorkspace();
    ws.call('receipts.updateDetails', { schoolAddress: '1052 Budapest, Váci utca 1.', taxId: '12345678-1-41' });
    const code = deviceCode(ws.db.deviceId);
    const a = paidClient(ws, 'Anna', 'Kovács', 4_500_000);
    const b = paidClient(ws, 'Bence', 'Szabó', 1_200_000);
    const first = ws.call('receipts.issue', { paymentId: a.payment.id });
    expect(first.number).toBe(`2026-${code}-0001`);
    expect(ws.fail('receipts.issue', { paymentId: a.payment.id }).fields?.[0]?.code).toBe('already_issued');
    const voided = ws.call('receipts.void', { id: first.id, reason: 'Wrong name' });
    expect(voided).toMatchObject({ number: `2026-${code}-0001`, voidReason: 'Wrong name' });
    const second = ws.call('receipts.issue', { paymentId: a.payment.id });
    const third = ws.call('receipts.issue', { paymentId: b.payment.id, locale: 'zh-CN' });
    expect([second.number, third.number]).toEqual([`2026-${code}-0002`, `2026-${code}-0003`]);
    expect(ws.call('receipts.list', { paymentId: a.payment.id }).map((r) => [r.number, r.voidedAt !== null])).toEqual([
      [`2026-${code}-0002`, false],
      [`2026-${code}-0001`, true],
    ]);

    const hu = ws.call('receipts.document', { id: second.id });
    expect(hu.html).toContain('Befizetési igazolás');
    expect(hu.html).toContain('Kovács Anna');
    expect(hu.html).toMatch(/45\s000\sFt/u);
    expect(hu.html).toContain('2026. március 9.');
    expect(hu.html).toContain('Adószám: 12345678-1-41');
    expect(hu.html).not.toContain('ÉRVÉNYTELEN');
    expect(hu.fileName).toBe(`receipt-2026-${code}-0002.pdf`);
    expect(hu.mailto).toMatch(/^mailto:anna@example\.hu\?subject=Befizet%C3%A9si%20igazol%C3%A1s%20/);
    expect(ws.call('receipts.document', { id: first.id }).html).toContain('ÉRVÉNYTELEN');
    const zh = ws.call('receipts.document', { id: third.id });
    expect(zh.html).toContain('收据');
    expect(zh.html).toContain('2026年3月9日');

    const refund = ws.call('payments.refund', { clientId: b.client.id, amountMinor: 100_000, paidOn: '2026-03-10' });
    expect(ws.fail('receipts.issue', { paymentId: refund.id }).fields?.[0]?.code).toBe('refund');
  });

  it('lets the assistant issue and read one client at a time, but not void or edit the school details', () => {
    const ws = openTestWorkspace();
    const user = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant' });
    const assistant: Actor = { userId: user.id, username: user.username, role: 'assistant' };
    const { client, payment } = paidClient(ws, 'Anna', 'Kovács', 4_500_000);
    const receipt = ws.call('receipts.issue', { paymentId: payment.id }, assistant);
    expect(ws.call('receipts.list', { clientId: client.id }, assistant)).toHaveLength(1);
    expect(ws.fail('receipts.list', {}, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('receipts.void', { id: receipt.id, reason: 'x' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('receipts.updateDetails', { taxId: '1' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.call('receipts.document', { id: receipt.id }, assistant).html).toContain(receipt.number);
  });
});

describe('receipts and merges through sync', () => {
  function bothWays(owner: Replica, other: Replica, folder: ReturnType<typeof diskFolder>) {
    syncNow(owner.db, folder, owner.clock);
    syncNow(other.db, folder, other.clock);
    syncNow(owner.db, folder, owner.clock);
  }

  it('gives no number twice across two machines issuing offline, and converges a merge and its undo', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const people = ['Anna', 'Bence', 'Csilla', 'Dóra'].map((name) => paidClient(owner, name, 'Kiss', 1_000_000));
    const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    bothWays(owner, assistant, folder);

    // Offline: each machine issues two receipts.
    const fromOwner = people.slice(0, 2).map((p) => owner.call('receipts.issue', { paymentId: p.payment.id }));
    const fromAssistant = people.slice(2).map((p) => assistant.call('receipts.issue', { paymentId: p.payment.id }));
    bothWays(owner, assistant, folder);

    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    const numbers = owner.db.sqlite.prepare('SELECT year, device_code AS code, seq FROM receipts ORDER BY device_code, seq').all() as {
      year: number;
      code: string;
      seq: number;
    }[];
    expect(new Set(numbers.map((n) => `${n.year}-${n.code}-${n.seq}`)).size).toBe(4);
    expect(fromOwner.map((r) => r.seq)).toEqual([1, 2]);
    expect(fromAssistant.map((r) => r.seq)).toEqual([1, 2]);
    expect(fromOwner[0]?.deviceCode).not.toBe(fromAssistant[0]?.deviceCode);

    // The owner merges Bence (with his payment and receipt) into Anna; the assistant's machine accepts it, then its undo.
    const [anna, bence] = people as [(typeof people)[0], (typeof people)[0]];
    owner.call('quality.merge', { keepId: anna.client.id, mergeId: bence.client.id });
    bothWays(owner, assistant, folder);
    expect(assistant.db.sqlite.prepare('SELECT client_id FROM payments WHERE id = ?').pluck().get(bence.payment.id)).toBe(anna.client.id);
    owner.call('history.undo', {});
    bothWays(owner, assistant, folder);
    expect(assistant.db.sqlite.prepare('SELECT client_id FROM payments WHERE id = ?').pluck().get(bence.payment.id)).toBe(bence.client.id);
    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    for (const db of [owner.db, assistant.db]) expect(db.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
  });
});

describe('undoing a receipt', () => {
  it('voids it instead of deleting it, so its number stays used and the next receipt takes the next one', () => {
    const ws = openTestWorkspace();
    const { payment } = paidClient(ws, 'Anna', 'Kovács', 4_500_000);
    const first = ws.call('receipts.issue', { paymentId: payment.id });
    ws.call('history.undo', {});
    expect(ws.call('receipts.list', { paymentId: payment.id }).map((r) => [r.seq, r.voidReason])).toEqual([[1, 'undone']]);
    expect(ws.call('receipts.issue', { paymentId: payment.id }).seq).toBe(first.seq + 1);
  });
});
