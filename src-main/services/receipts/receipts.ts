/**
 * Receipts: numbering, issuing, voiding, listing, and the school's details they print.
 *
 * Numbers must never repeat, even when two machines issue receipts offline and
 * sync later, and must have no gaps, so an auditor can see none is missing. A
 * shared counter cannot give both offline, so each device counts its own: the
 * number is `<year>-<device code>-<seq>`, the device code four characters derived
 * from this device's id (sync never changes it), the sequence this device's
 * highest for the year plus one, read and written in the one write transaction of
 * the call (the router takes the write lock first, so the app and the CLI on one
 * file cannot both take the same number). A receipt is never deleted: a void keeps
 * its number and prints marked void, so the sequence stays whole.
 */
import { createHash } from 'node:crypto';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { Receipt, SchoolDetails } from '../../../src-shared/api/receipts-methods';
import { todayIn } from '../../../src-shared/dates';
import { conflict, notFound } from '../../../src-shared/errors';
import { applyChanges } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { getPayment } from '../payments';
import { requireOneClient } from '../rights';
import { getSettings } from '../settings';

const base32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four characters naming this device in its receipt numbers, the same on every run. */
export function deviceCode(deviceId: string): string {
  const digest = createHash('sha256').update(deviceId).digest();
  return [...digest.subarray(0, 4)].map((byte) => base32[byte % 32]).join('');
}

export function receiptNumber(row: { year: number; deviceCode: string; seq: number }): string {
  return `${row.year}-${row.deviceCode}-${String(row.seq).padStart(4, '0')}`;
}

const receiptSql = `
  SELECT r.id, r.payment_id AS paymentId, p.client_id AS clientId, r.year, r.device_code AS deviceCode, r.seq,
         r.issued_on AS issuedOn, r.locale, r.voided_at AS voidedAt, r.void_reason AS voidReason
    FROM receipts r JOIN payments p ON p.id = r.payment_id
   WHERE r.deleted_at IS NULL`;

type ReceiptRow = Omit<Receipt, 'number'>;

const withNumber = (row: ReceiptRow): Receipt => ({ ...row, number: receiptNumber(row) });

export function getReceipt(ctx: Pick<ServiceContext, 'db'>, id: string): Receipt {
  const row = ctx.db.sqlite.prepare(`${receiptSql} AND r.id = ?`).get(id) as ReceiptRow | undefined;
  if (!row) throw notFound('Receipt', id, ['id']);
  return withNumber(row);
}

export function listReceipts(ctx: ServiceContext, input: MethodParsedInput<'receipts.list'>): Receipt[] {
  const clientId = input.clientId ?? (input.paymentId ? getPayment(ctx, input.paymentId, ['paymentId']).clientId : undefined);
  requireOneClient(ctx, { clientId });
  const conditions: string[] = [];
  if (input.paymentId) conditions.push('r.payment_id = @paymentId');
  if (input.clientId) conditions.push('p.client_id = @clientId');
  const rows = ctx.db.sqlite
    .prepare(`${receiptSql}${conditions.map((c) => ` AND ${c}`).join('')} ORDER BY r.year DESC, r.device_code, r.seq DESC`)
    .all({ paymentId: input.paymentId ?? null, clientId: input.clientId ?? null }) as ReceiptRow[];
  return rows.map(withNumber);
}

export function issueReceipt(ctx: ServiceContext, input: MethodParsedInput<'receipts.issue'>): Receipt {
  const payment = getPayment(ctx, input.paymentId, ['paymentId']);
  if (payment.voidedAt !== null) throw conflict('A voided payment has no receipt', ['paymentId'], 'payment_voided');
  if (payment.amountMinor <= 0) throw conflict('A refund has no receipt', ['paymentId'], 'refund');
  const live = ctx.db.sqlite
    .prepare('SELECT id FROM receipts WHERE payment_id = ? AND deleted_at IS NULL AND voided_at IS NULL')
    .pluck()
    .get(payment.id) as string | undefined;
  if (live) throw conflict('This payment already has a receipt: print it again instead', ['paymentId'], 'already_issued');
  const settings = getSettings(ctx);
  const year = Number(todayIn(settings.timeZone, ctx.clock.now()).slice(0, 4));
  const code = deviceCode(ctx.db.deviceId);
  const last = ctx.db.sqlite.prepare('SELECT max(seq) FROM receipts WHERE year = ? AND device_code = ?').pluck().get(year, code) as
    number | null;
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'receipts',
      values: {
        paymentId: payment.id,
        year,
        deviceCode: code,
        seq: (last ?? 0) + 1,
        issuedOn: todayIn(settings.timeZone, ctx.clock.now()),
        locale: input.locale ?? settings.locale,
      },
    },
  ]);
  return getReceipt(ctx, ids[0] as string);
}

export function voidReceipt(ctx: ServiceContext, input: MethodParsedInput<'receipts.void'>): Receipt {
  const receipt = getReceipt(ctx, input.id);
  if (receipt.voidedAt !== null) throw conflict('This receipt is already void', ['id'], 'already_void');
  applyChanges(ctx, [
    { op: 'update', table: 'receipts', id: receipt.id, values: { voidedAt: ctx.clock.now().toISOString(), voidReason: input.reason } },
  ]);
  return getReceipt(ctx, receipt.id);
}

export function schoolDetails(ctx: Pick<ServiceContext, 'db'>): SchoolDetails & { id: string } {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT id, school_name AS schoolName, school_address AS schoolAddress, tax_id AS taxId, logo_data_url AS logoDataUrl
         FROM settings WHERE deleted_at IS NULL LIMIT 1`,
    )
    .get() as (SchoolDetails & { id: string }) | undefined;
  if (!row) throw notFound('Settings', 'workspace');
  return row;
}

export function readSchoolDetails(ctx: Pick<ServiceContext, 'db'>): SchoolDetails {
  const { id: _id, ...details } = schoolDetails(ctx);
  return details;
}

export function updateSchoolDetails(ctx: ServiceContext, input: MethodParsedInput<'receipts.updateDetails'>): SchoolDetails {
  const { id } = schoolDetails(ctx);
  const values = Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value === '' ? null : value]),
  );
  if (Object.keys(values).length > 0) applyChanges(ctx, [{ op: 'update', table: 'settings', id, values }]);
  return readSchoolDetails(ctx);
}
