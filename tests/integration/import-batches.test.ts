/**
 * What makes an import safe to try: the same file twice writes nothing, undo
 * brings every table back to what it held before (also fields the import filled
 * in on existing clients), a failure half-way leaves no trace, matches against
 * existing clients follow the documented policy, a confirmed mapping is offered
 * again for the next file with the same headers, and roles are respected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src-shared/api/imports-methods';
import { syncedTables } from '../../src-main/db/schema';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const fixtures = join(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => readFileSync(join(fixtures, name)).toString('base64');
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every live row of every synced table except the batch bookkeeping: what a user can see. */
function visibleState(ws: TestWorkspace): Record<string, unknown[]> {
  const state: Record<string, unknown[]> = {};
  for (const table of Object.keys(syncedTables)) {
    if (table === 'import_batches' || table === 'import_mappings') continue;
    state[table] = ws.db.sqlite.prepare(`SELECT * FROM "${table}" WHERE deleted_at IS NULL ORDER BY id`).all();
  }
  return state;
}

const changeCount = (ws: TestWorkspace) => (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

function commit(ws: TestWorkspace, name: string, content: string, extra: Record<string, unknown> = {}): ImportResult {
  return ws.call('imports.commit', { fileName: name, contentBase64: content, ...extra } as never);
}

describe('import batches', () => {
  it('importing the same file the same way again writes nothing and says so', () => {
    const ws = openTestWorkspace();
    const first = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    const before = changeCount(ws);
    const preview = ws.call('imports.preview', { fileName: 'hu.csv', contentBase64: fixture('hu-1250-semicolon.csv') });
    expect(preview.alreadyImported).toBe(first.batchId);
    const again = commit(ws, 'renamed.csv', fixture('hu-1250-semicolon.csv'));
    expect(again).toMatchObject({ batchId: first.batchId, alreadyImported: true, created: 0, updated: 0 });
    expect(changeCount(ws)).toBe(before);
    expect(ws.call('imports.list', {})).toHaveLength(1);
  });

  it('undo restores every table exactly, after which the file can be imported again', () => {
    const ws = openTestWorkspace();
    const existing = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567' });
    const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 10_000_000 });
    const before = visibleState(ws);
    const result = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    // Anna matched by phone: merged, her missing e-mail filled in; the Angol A1 program reused.
    expect(result).toMatchObject({ created: 5, updated: 1 });
    expect(result.records.programs).toBe(2);
    const merged = ws.call('clients.get', { id: existing.id });
    expect(merged.email).toBe('anna.kovacs@example.hu');
    expect(merged.enrollments.map((e) => e.status).sort()).toEqual(['confirmed', 'declined']);
    expect(ws.call('programs.list', {}).find((p) => p.id === program.id)?.name).toBe('Angol A1');

    const detail = ws.call('imports.get', { batchId: result.batchId });
    expect(detail.clients.filter((c) => !c.created).map((c) => c.id)).toEqual([existing.id]);
    expect(detail.clients.filter((c) => c.created)).toHaveLength(5);

    const undone = ws.call('imports.undo', { batchId: result.batchId });
    expect(undone).toMatchObject({
      restoredClients: 1,
      removed: { clients: 4, guardians: 1, programs: 2, cohorts: 3, enrollments: 6, payments: 2, instalments: 3 },
    });
    const after = visibleState(ws);
    expect(after['clients']).toEqual(
      (before['clients'] as Record<string, unknown>[]).map((c) => (c['id'] === existing.id ? { ...c, updated_at: expect.any(String) } : c)),
    );
    expect({ ...after, clients: [] }).toEqual({ ...before, clients: [] });
    expect(ws.call('clients.get', { id: existing.id }).email).toBeNull();
    expect(ws.call('imports.list', {})[0]?.undoneAt).not.toBeNull();
    expect(ws.fail('imports.undo', { batchId: result.batchId }).code).toBe('CONFLICT');

    const again = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    expect(again).toMatchObject({ alreadyImported: false, created: 5, updated: 1 });
  });

  it('undo keeps a field someone changed after the import, and refuses while later records hang on the batch', () => {
    const ws = openTestWorkspace();
    const existing = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567' });
    const result = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    ws.call('clients.update', { id: existing.id, email: 'anna@uj.hu' });
    const lili = ws.db.sqlite.prepare("SELECT id FROM clients WHERE display_name = 'Kiss Lili'").get() as { id: string };
    const program = ws.db.sqlite.prepare("SELECT id FROM programs WHERE name = 'Rajz gyerekeknek'").get() as { id: string };
    const later = ws.call('enrollments.create', { clientId: lili.id, programId: program.id, status: 'inquiry' });
    const refused = ws.fail('imports.undo', { batchId: result.batchId });
    expect(refused).toMatchObject({ code: 'CONFLICT', fields: [{ path: ['batchId'], code: 'undo_has_later_records' }] });
    ws.call('enrollments.delete', { id: later.id });
    ws.call('imports.undo', { batchId: result.batchId });
    expect(ws.call('clients.get', { id: existing.id }).email).toBe('anna@uj.hu');
  });

  it('a failure in the middle of a commit leaves the database exactly as it was', () => {
    const ws = openTestWorkspace();
    const before = visibleState(ws);
    const changes = changeCount(ws);
    ws.db.sqlite.exec("CREATE TRIGGER fail_payments BEFORE INSERT ON payments BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const error = ws.fail('imports.commit', { fileName: 'hu.csv', contentBase64: fixture('hu-1250-semicolon.csv') });
    expect(error.code).toBe('INTERNAL');
    ws.db.sqlite.exec('DROP TRIGGER fail_payments');
    expect(visibleState(ws)).toEqual(before);
    expect(changeCount(ws)).toBe(changes);
    expect(ws.db.sqlite.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 0 });
  });

  it('a name-only match creates a new client with a warning (in the file too); an e-mail match merges; decisions override', () => {
    const ws = openTestWorkspace();
    const kiss = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
    const toth = ws.call('clients.create', { firstName: 'Béla', lastName: 'Tóth', email: 'bela@example.hu' });
    const file = csv('Név;E-mail;Tanfolyam\nKiss Anna;;Jóga\nTóth Béla;BELA@example.hu;Jóga\nKiss  Anna;;Pilates\n');
    const preview = ws.call('imports.preview', { fileName: 'a.csv', contentBase64: file });
    expect(preview.matches.map((m) => [m.row, m.in, m.by, m.action])).toEqual([
      [2, 'database', 'name', 'create'],
      [3, 'database', 'email', 'merge'],
      [4, 'file', 'name', 'create'],
    ]);
    expect(preview.matches.filter((m) => m.in === 'database').map((m) => m.clientId)).toEqual([kiss.id, toth.id]);
    // Issue 19: the same name alone is never the same person, also within one file.
    expect(preview.issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'name_only_match'],
      [4, 'name_only_match'],
    ]);
    const result = commit(ws, 'a.csv', file);
    expect(result).toMatchObject({ created: 2, updated: 1 });
    expect(result.errors.map((e) => [e.row, e.code, e.severity])).toEqual([
      [2, 'name_only_match', 'warning'],
      [4, 'name_only_match', 'warning'],
    ]);
    expect(ws.call('imports.get', { batchId: result.batchId }).merges.map((m) => [m.row, m.kind, m.intoClientId, m.by])).toEqual([
      [3, 'client', toth.id, 'email'],
    ]);

    // The person decides: row 2 is the Kiss Anna on file, row 4 the same as row 2, row 3 left out.
    const ws2 = openTestWorkspace();
    const kiss2 = ws2.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
    const decided = commit(ws2, 'a.csv', file, {
      decisions: [
        { row: 2, action: 'merge', clientId: kiss2.id },
        { row: 3, action: 'skip' },
        { row: 4, action: 'merge' },
      ],
    });
    expect(decided).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect(ws2.call('clients.get', { id: kiss2.id }).enrollments.map((e) => e.programId)).toHaveLength(2);
    expect(ws2.call('imports.get', { batchId: decided.batchId }).merges.map((m) => [m.row, m.by])).toEqual([
      [2, 'decision'],
      [4, 'decision'],
    ]);

    const ws3 = openTestWorkspace();
    ws3.call('clients.create', { firstName: 'Béla', lastName: 'Tóth', email: 'bela@example.hu' });
    expect(commit(ws3, 'a.csv', file, { options: { duplicatePolicy: 'skip' } })).toMatchObject({ created: 2, skipped: 1 });
  });

  it('names every merge and why; one merge into an existing client is undone on its own, and the whole batch still undoes after', () => {
    const ws = openTestWorkspace();
    const existing = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567' });
    const before = visibleState(ws);
    const result = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    const detail = ws.call('imports.get', { batchId: result.batchId });
    expect(detail.merges.map((m) => [m.id, m.kind, m.row, m.intoClientId === existing.id, m.intoRow, m.by, m.undoable])).toEqual([
      ['4', 'client', 4, true, null, 'phone', true],
      ['g7', 'guardian', 7, false, 6, 'phone', true],
      ['9', 'client', 9, true, null, 'phone', true],
    ]);

    // Row 4 was someone else after all: the Angol A1 enrollment, its payment and plan go with them.
    const undone = ws.call('imports.undoMerge', { batchId: result.batchId, mergeId: '4' });
    expect(undone.moved).toEqual({ enrollments: 1, payments: 1, instalments: 3 });
    const separated = ws.call('clients.get', { id: undone.clientId });
    expect(separated).toMatchObject({ displayName: 'Kovács Anna', email: 'anna.kovacs@example.hu', phone: '+36301234567' });
    expect(separated.enrollments.map((e) => [e.status, e.agreedPriceMinor])).toEqual([['confirmed', 12_000_000]]);
    const kept = ws.call('clients.get', { id: existing.id });
    expect(kept.email).toBeNull();
    expect(kept.enrollments.map((e) => e.status)).toEqual(['declined']);
    const paid = ws.db.sqlite.prepare('SELECT client_id FROM payments WHERE deleted_at IS NULL').all() as { client_id: string }[];
    expect(paid.filter((p) => p.client_id === undone.clientId)).toHaveLength(1);
    const after = ws.call('imports.get', { batchId: result.batchId }).merges.find((m) => m.id === '4');
    expect(after).toMatchObject({ undoable: false, undoneAt: expect.any(String) });
    expect(ws.fail('imports.undoMerge', { batchId: result.batchId, mergeId: '4' })).toMatchObject({ code: 'CONFLICT' });
    expect(ws.fail('imports.undoMerge', { batchId: result.batchId, mergeId: '99' }).code).toBe('NOT_FOUND');

    ws.call('imports.undo', { batchId: result.batchId });
    const restored = visibleState(ws);
    expect(restored['clients']).toEqual(
      (before['clients'] as Record<string, unknown>[]).map((c) => (c['id'] === existing.id ? { ...c, updated_at: expect.any(String) } : c)),
    );
    expect({ ...restored, clients: [] }).toEqual({ ...before, clients: [] });
  });

  it('undoes a merge of two rows of the file, and a guardian merge, each alone; refuses when later work hangs on the row', () => {
    const ws = openTestWorkspace({ schoolName: 'Music', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' });
    const result = commit(ws, 'en.csv', fixture('en-utf8.csv'));
    const [merge] = ws.call('imports.get', { batchId: result.batchId }).merges;
    expect(merge).toMatchObject({ id: '3', kind: 'client', intoName: 'Oliver Brown', intoRow: 2, by: 'phone' });
    const oliver = ws.db.sqlite.prepare("SELECT id FROM clients WHERE display_name = 'Oliver Brown'").get() as { id: string };
    const piano = ws.db.sqlite
      .prepare("SELECT e.id FROM enrollments e JOIN programs p ON p.id = e.program_id WHERE p.name = 'Piano'")
      .get() as {
      id: string;
    };
    ws.call('enrollments.setStatus', { id: piano.id, status: 'confirmed' });
    expect(ws.fail('imports.undoMerge', { batchId: result.batchId, mergeId: '3' })).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['mergeId'], code: 'undo_has_later_records' }],
    });
    ws.call('history.undo', {});
    const split = ws.call('imports.undoMerge', { batchId: result.batchId, mergeId: '3' });
    expect(split.moved).toEqual({ enrollments: 1, payments: 0, instalments: 0 });
    expect(ws.call('clients.get', { id: oliver.id }).enrollments).toHaveLength(1);
    expect(ws.call('clients.get', { id: split.clientId })).toMatchObject({
      displayName: 'Oliver Brown',
      phone: '+447400900111',
      email: null,
    });

    const hu = openTestWorkspace();
    const classes = commit(hu, 'class-column.csv', fixture('class-column.csv'));
    const guardianMerge = hu.call('imports.get', { batchId: classes.batchId }).merges.find((m) => m.kind === 'guardian' && m.by === 'name');
    expect(guardianMerge).toMatchObject({ id: 'g6', rowName: 'Varga Ildikó', intoRow: 5 });
    const again = hu.call('imports.undoMerge', { batchId: classes.batchId, mergeId: 'g6' });
    const guardianOf = (name: string) =>
      (
        hu.db.sqlite.prepare('SELECT guardian_id AS g FROM clients WHERE display_name = ? AND deleted_at IS NULL').get(name) as {
          g: string;
        }
      ).g;
    expect(guardianOf('Varga Emma')).toBe(again.clientId);
    expect(guardianOf('Varga Edit')).not.toBe(again.clientId);
    expect(hu.call('clients.get', { id: again.clientId }).displayName).toBe('Varga Ildikó');
  });

  it('a chosen mapping is saved and offered for the next file with the same headers', () => {
    const ws = openTestWorkspace();
    const first = csv('Ki;Szám;Mit\nKovács Anna;06301234567;Jóga\n');
    const preview = ws.call('imports.preview', { fileName: 'a.csv', contentBase64: first });
    expect(preview.columns.map((c) => [c.field, c.source])).toEqual([
      [null, 'none'],
      ['phone', 'values'],
      [null, 'none'],
    ]);
    expect(preview.savedMapping).toBe(false);
    commit(ws, 'a.csv', first, {
      mapping: [
        { column: 0, field: 'fullName' },
        { column: 2, field: 'program' },
      ],
    });
    const second = csv('Ki;Szám;Mit\nNagy Péter;06207654321;Rajz\n');
    const next = ws.call('imports.preview', { fileName: 'b.csv', contentBase64: second });
    expect(next.savedMapping).toBe(true);
    expect(next.columns.map((c) => [c.field, c.source])).toEqual([
      ['fullName', 'saved'],
      ['phone', 'saved'],
      ['program', 'saved'],
    ]);
    expect(next.rows[0]).toMatchObject({ displayName: 'Nagy Péter', program: 'Rajz', phone: '+36207654321' });
  });

  it('a dry run reports what would happen and writes nothing', () => {
    const ws = openTestWorkspace();
    const changes = changeCount(ws);
    const result = commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'), { dryRun: true });
    expect(result).toMatchObject({ dryRun: true, created: 6, skipped: 1 });
    expect(changeCount(ws)).toBe(changes);
  });

  it('the assistant may import but not undo or export; a teacher may do neither', () => {
    const ws = openTestWorkspace();
    ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant', password: 'jelszo1234' });
    ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher', password: 'jelszo1234' });
    const actorOf = (username: string) => {
      const row = ws.db.sqlite.prepare('SELECT id, role FROM users WHERE username = ?').get(username) as {
        id: string;
        role: 'assistant' | 'teacher';
      };
      return { userId: row.id, username, role: row.role };
    };
    const assistant = actorOf('asszisztens');
    const teacher = actorOf('tanar');
    const input = { fileName: 'hu.csv', contentBase64: fixture('hu-1250-semicolon.csv') };
    const result = ws.raw('imports.commit', input, assistant);
    expect(result.ok).toBe(true);
    const batchId = (result as { value: ImportResult }).value.batchId;
    expect(ws.fail('imports.undo', { batchId }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('imports.undoMerge', { batchId, mergeId: '9' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('exports.table', { table: 'clients' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('imports.preview', input, teacher).code).toBe('FORBIDDEN');
  });

  it('exports a table as CSV with a BOM and as XLSX, and everything about one client', () => {
    const ws = openTestWorkspace();
    commit(ws, 'hu.csv', fixture('hu-1250-semicolon.csv'));
    const file = ws.call('exports.table', { table: 'clients', format: 'csv' });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFid,created_at,updated_at,deleted_at,')).toBe(true);
    expect(text).toContain('Kovács Anna');
    expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(7);
    const xlsx = ws.call('exports.table', { table: 'enrollments', format: 'xlsx' });
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    const preview = ws.call('imports.preview', {
      fileName: xlsx.fileName,
      contentBase64: xlsx.contentBase64,
      mapping: [{ column: 0, field: 'fullName' }],
    });
    expect(preview.totalRows).toBe(6);

    const anna = ws.db.sqlite.prepare("SELECT id FROM clients WHERE display_name = 'Kovács Anna'").get() as { id: string };
    const dump = ws.call('exports.client', { clientId: anna.id });
    expect(dump.data['enrollments']).toHaveLength(2);
    expect(dump.data['payments']).toHaveLength(1);
    expect(dump.data['instalments']).toHaveLength(3);
    expect(JSON.parse(Buffer.from(dump.json.contentBase64, 'base64').toString('utf8'))).toMatchObject({ clientId: anna.id });
    expect(ws.fail('exports.client', { clientId: 'nope' }).code).toBe('NOT_FOUND');
  });
});
