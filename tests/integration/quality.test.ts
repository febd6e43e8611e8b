/**
 * Data quality through the real router on a real workspace: the merge of two
 * clients moves every row that hangs off the duplicate and one undo puts every
 * synced table back as it was (compared row by row, column by column, except the
 * `updated_at` bookkeeping the undo's own writes bump); the score reads the
 * school's required fields or the default floor; archiving lists only clients idle
 * for the months given and archives exactly the listed ones; the assistant reads
 * all of it (nothing carries money).
 */
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src-main/changes/funnel';
import { syncedTables } from '../../src-main/db/schema';
import { refusal } from '../../src-main/sync/policy';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace, type TestWorkspace } from './helpers';

/** Every synced table, rows ordered by id, without `updated_at`. */
function tablesWithoutStamps(ws: TestWorkspace): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.keys(syncedTables)) {
    const rows = ws.db.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[];
    out[table] = rows.map(({ updated_at: _stamp, ...rest }) => rest);
  }
  return out;
}

function assistantOf(ws: TestWorkspace): Actor {
  const user = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant' });
  return { userId: user.id, username: user.username, role: 'assistant' };
}

/** Kiss Anna twice: the second record carries an enrollment with a plan, a payment, a roll-call mark, a note, a task and a child. */
function twoAnnas(ws: TestWorkspace) {
  const program = ws.call('programs.create', { name: 'Angol B1', kind: 'course', defaultPriceMinor: 90_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Tavasz', status: 'open' });
  const keep = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss', phone: '+36 30 123 4567', tags: ['vip'] });
  ws.call('enrollments.create', { clientId: keep.id, cohortId: cohort.id, status: 'confirmed', agreedPriceMinor: 50_000 });
  ws.clock.advance(60_000);
  const dup = ws.call('clients.create', {
    firstName: 'Ana',
    lastName: 'Kis',
    phone: '06 30 123 4567',
    email: 'anna.kiss@example.hu',
    tags: ['tanár'],
  });
  const enrollment = ws.call('enrollments.create', {
    clientId: dup.id,
    cohortId: cohort.id,
    status: 'confirmed',
    agreedPriceMinor: 90_000,
  });
  ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-03-01' });
  const payment = ws.call('payments.create', { clientId: dup.id, enrollmentId: enrollment.id, amountMinor: 45_000, paidOn: '2026-03-02' });
  const lesson = ws.call('lessons.create', { cohortId: cohort.id, startsOn: '2026-03-05', startTime: '17:00', minutes: 60 });
  ws.call('attendance.record', { lessonId: lesson.id, marks: [{ enrollmentId: enrollment.id, state: 'present' }] });
  ws.call('activities.create', { clientId: dup.id, kind: 'call', summary: 'Called about the spring group' });
  ws.call('tasks.create', { title: 'Send the invoice', clientId: dup.id });
  const child = ws.call('clients.create', { firstName: 'Peti', lastName: 'Kis', birthDate: '2018-05-01', guardianId: dup.id });
  ws.call('receipts.issue', { paymentId: payment.id });
  return { keep, dup, enrollment, payment, child };
}

describe('quality.merge and undo', () => {
  it('moves every row of the duplicate to the kept client, and one undo restores every table exactly', () => {
    const ws = openTestWorkspace();
    const { keep, dup, enrollment, payment, child } = twoAnnas(ws);
    ws.clock.advance(60_000);
    const before = tablesWithoutStamps(ws);

    const preview = ws.call('quality.mergePreview', { keepId: keep.id, mergeId: dup.id });
    expect(preview.merge.counts).toMatchObject({ enrollments: 1, payments: 1, instalments: 2, attendance: 1, tasks: 1, wards: 1 });
    expect(preview.merge.counts.activities).toBeGreaterThan(1);
    expect(preview.keep.counts.enrollments).toBe(1);

    const result = ws.call('quality.merge', { keepId: keep.id, mergeId: dup.id, take: { email: 'merge' } });
    expect(result.moved.payments).toBe(1);
    const one = (sql: string, ...args: unknown[]) =>
      ws.db.sqlite
        .prepare(sql)
        .pluck()
        .get(...args);
    expect(one('SELECT client_id FROM enrollments WHERE id = ?', enrollment.id)).toBe(keep.id);
    expect(one('SELECT client_id FROM payments WHERE id = ?', payment.id)).toBe(keep.id);
    expect(one('SELECT count(*) FROM activities WHERE client_id = ? AND deleted_at IS NULL', dup.id)).toBe(0);
    expect(one('SELECT count(*) FROM tasks WHERE client_id = ?', keep.id)).toBe(1);
    expect(one('SELECT guardian_id FROM clients WHERE id = ?', child.id)).toBe(keep.id);
    expect(one('SELECT email FROM clients WHERE id = ?', keep.id)).toBe('anna.kiss@example.hu');
    expect(JSON.parse(one('SELECT tags FROM clients WHERE id = ?', keep.id) as string)).toEqual(['vip', 'tanár']);
    expect(one('SELECT merged_into_id FROM clients WHERE id = ?', dup.id)).toBe(keep.id);
    expect(one('SELECT archived FROM clients WHERE id = ?', dup.id)).toBe(1);
    const detail = ws.call('clients.get', { id: keep.id });
    expect(detail.enrollments.length).toBe(2);
    expect(ws.call('quality.duplicates').some((g) => g.clients.some((c) => c.id === dup.id))).toBe(false);

    const undo = ws.call('history.undo', {});
    expect(undo.undone.tables).toContain('payments');
    expect(tablesWithoutStamps(ws)).toEqual(before);
  });

  it('refuses merging a client with their guardian or with itself, writing nothing', () => {
    const ws = openTestWorkspace();
    const { dup, child } = twoAnnas(ws);
    const before = tablesWithoutStamps(ws);
    expect(ws.fail('quality.merge', { keepId: child.id, mergeId: dup.id }).fields?.[0]?.code).toBe('guardian_pair');
    expect(ws.fail('quality.merge', { keepId: dup.id, mergeId: dup.id }).fields?.[0]?.code).toBe('same_client');
    expect(tablesWithoutStamps(ws)).toEqual(before);
  });

  it('lets the assistant see duplicates and the score, and the teacher neither merge nor archive', () => {
    const ws = openTestWorkspace();
    const { keep, dup } = twoAnnas(ws);
    const assistant = assistantOf(ws);
    const groups = ws.call('quality.duplicates', {}, assistant);
    expect(groups.map((g) => g.clients.map((c) => c.id).sort())).toContainEqual([keep.id, dup.id].sort());
    expect(groups.find((g) => g.clients.some((c) => c.id === dup.id))?.reasons).toEqual(['name', 'phone']);
    expect(ws.call('quality.score', {}, assistant).tables.map((t) => t.table)).toEqual(['clients', 'enrollments']);
    const teacherUser = ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher' });
    const teacher: Actor = { userId: teacherUser.id, username: 'tanar', role: 'teacher' };
    expect(ws.fail('quality.merge', { keepId: keep.id, mergeId: dup.id }, teacher).code).toBe('FORBIDDEN');
  });
});

describe('quality.duplicates', () => {
  it('links names spelled alike in any order, shared phones and e-mails, and one child typed twice, but not families', () => {
    const ws = openTestWorkspace();
    const a = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss', birthDate: '1990-01-01' });
    const b = ws.call('clients.create', { displayName: 'Anna Kiss', birthDate: '1990-01-01' });
    const c = ws.call('clients.create', { firstName: 'Ána', lastName: 'KIS', birthDate: '1990-01-01', phone: '+36305550000' });
    // Same name, another person: her birth date differs, and so does her phone from the third record's.
    const other = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss', birthDate: '1975-06-01', phone: '+36305551111' });
    const phone1 = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy', phone: '+36301112222' });
    const phone2 = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy-Szabó', phone: '06 30 111 2222' });
    const mail1 = ws.call('clients.create', { firstName: '小明', lastName: '王', email: 'Wang@Example.cn' });
    const mail2 = ws.call('clients.create', { displayName: '王小明', email: 'wang@example.cn' });
    const parent = ws.call('clients.create', { firstName: 'Éva', lastName: 'Tóth', phone: '+36209998888' });
    ws.call('clients.create', {
      firstName: 'Lili',
      lastName: 'Tóth',
      phone: '+36209998888',
      guardianId: parent.id,
      birthDate: '2015-01-01',
    });
    ws.call('clients.create', { firstName: 'Bence', lastName: 'Tóth', guardianId: parent.id, birthDate: '2013-01-01' });
    const twin1 = ws.call('clients.create', { firstName: 'Dóra', lastName: 'Tóth', guardianId: parent.id });
    const twin2 = ws.call('clients.create', { firstName: 'Dora', lastName: 'Tot', guardianId: parent.id });
    const groups = ws.call('quality.duplicates').map((g) => [g.clients.map((x) => x.id).sort(), g.reasons]);
    const sorted = (...ids: string[]) => ids.sort();
    expect(groups).toHaveLength(4);
    expect(groups).toContainEqual([sorted(a.id, b.id, c.id), ['name']]);
    expect(groups).toContainEqual([sorted(phone1.id, phone2.id), ['phone']]);
    expect(groups).toContainEqual([sorted(mail1.id, mail2.id), ['email', 'name']]);
    expect(groups).toContainEqual([sorted(twin1.id, twin2.id), ['guardian']]);
    expect(groups.flatMap(([ids]) => ids)).not.toContain(other.id);
  });
});

describe('quality.score and archiving', () => {
  it('scores clients on the default floor, then on the fields the school requires', () => {
    const ws = openTestWorkspace();
    ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss', phone: '+36301234567' });
    ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
    const kid = ws.call('clients.create', { firstName: 'Kicsi', lastName: 'Kiss', birthDate: '2016-01-01', email: 'kicsi@example.hu' });
    // An address written before the form checked them (an old import): the score finds it.
    applyChanges(ws.ctx, [{ op: 'update', table: 'clients', id: kid.id, values: { email: 'not-an-email' } }]);
    const report = ws.call('quality.score');
    const clients = report.tables.find((t) => t.table === 'clients');
    expect(report.required).toEqual(['lastName', 'contact', 'guardianId']);
    expect(clients).toMatchObject({ total: 3, clean: 1, score: 33 });
    expect(clients?.issues).toEqual({ 'missing:contact': 1, invalid_email: 1, minor_without_guardian: 1 });
    const settingsId = ws.db.sqlite.prepare('SELECT id FROM settings').pluck().get() as string;
    applyChanges(ws.ctx, [{ op: 'update', table: 'settings', id: settingsId, values: { requiredClientFields: '["email","birthDate"]' } }]);
    const strict = ws.call('quality.score');
    expect(strict.required).toEqual(['email', 'birthDate']);
    expect(strict.tables[0]?.issues).toEqual({ 'missing:email': 2, 'missing:birthDate': 2, invalid_email: 1, minor_without_guardian: 1 });
  });

  it('archives exactly the clients idle for the months given, leaving guardians of active children, as one undoable action', () => {
    const ws = openTestWorkspace(undefined, '2025-01-10T09:00:00Z');
    const program = ws.call('programs.create', { name: 'Rajz', kind: 'course' });
    const idle = ws.call('clients.create', { firstName: 'Régi', lastName: 'Ügyfél' });
    const parent = ws.call('clients.create', { firstName: 'Szülő', lastName: 'Kovács' });
    const oldEnrolled = ws.call('clients.create', { firstName: 'Volt', lastName: 'Diák' });
    ws.call('enrollments.create', { clientId: oldEnrolled.id, programId: program.id, status: 'completed' });
    ws.clock.set('2026-03-01T09:00:00Z');
    const child = ws.call('clients.create', { firstName: 'Gyerek', lastName: 'Kovács', guardianId: parent.id });
    const recent = ws.call('clients.create', { firstName: 'Friss', lastName: 'Diák' });
    ws.call('enrollments.create', { clientId: recent.id, programId: program.id, status: 'inquiry' });
    const preview = ws.call('quality.archivePreview', { months: 6 });
    expect(preview.cutoff).toBe('2025-09-01');
    expect(preview.clients.map((c) => c.id).sort()).toEqual([idle.id, oldEnrolled.id].sort());
    const before = tablesWithoutStamps(ws);
    expect(ws.call('quality.archive', { months: 6, ids: [idle.id, oldEnrolled.id, child.id, recent.id] })).toEqual({ archived: 2 });
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM clients WHERE archived = 1 AND deleted_at IS NULL').pluck().get()).toBe(2);
    ws.call('history.undo', {});
    expect(tablesWithoutStamps(ws)).toEqual(before);
  });
});

describe('the sync policy for a merge', () => {
  const entry = (table: string, rowId: string, column: string, value: unknown) => ({
    hlc: '1',
    tx: 'tx',
    deviceId: 'd',
    userId: 'u',
    table,
    rowId,
    column,
    value: JSON.stringify(value),
  });
  const author = { role: 'owner' as const, userId: 'u' };

  it('accepts moving a payment or an activity to another client only in a transaction that merges the clients', () => {
    const move = [entry('payments', 'p1', 'client_id', 'keep'), entry('activities', 'a1', 'client_id', 'keep')];
    expect(refusal(author, move)).toBe('append_only_edit');
    expect(refusal(author, [entry('clients', 'dup', 'merged_into_id', 'keep'), ...move])).toBeNull();
    // The undo: the duplicate's merged_into_id cleared, its rows moved home.
    const home = [entry('clients', 'dup', 'merged_into_id', null), entry('payments', 'p1', 'client_id', 'dup')];
    expect(refusal(author, home)).toBeNull();
    expect(refusal(author, [entry('clients', 'dup', 'merged_into_id', 'keep'), entry('payments', 'p1', 'client_id', 'stranger')])).toBe(
      'append_only_edit',
    );
  });
});
