/**
 * Prepaid packages from a sheet: a "lessons left" column makes a package of that
 * many lessons per person (tied to the enrollment the row makes), the preview
 * counts them, a bad cell is that cell's problem only, the assistant may import
 * them as they may sell them, and undoing the import takes them back.
 */
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../src-shared/api/imports-methods';
import type { PackageView } from '../../src-shared/api/packages-methods';
import type { Actor } from '../../src-main/core/context';
import { parseLessonsLeft } from '../../src-main/services/imports/plan-packages';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const sheet = [
  'Név;Telefon;Program;Alkalom maradt;Bérlet',
  'Kiss Anna;+36 30 123 4567;Angol A1;8;10 alkalmas bérlet',
  'Nagy Béla;+36 30 765 4321;Angol A1;sok;5 alkalmas bérlet',
  'Tóth Cili;+36 30 111 2222;;3 alkalom;',
  'Szabó Dani;+36 30 333 4444;Angol A1;0;',
].join('\n');

function packagesOf(ws: TestWorkspace, name: string): PackageView[] {
  const id = ws.db.sqlite.prepare('SELECT id FROM clients WHERE display_name = ? AND deleted_at IS NULL').pluck().get(name) as string;
  return ws.call('packages.list', { clientId: id }) as PackageView[];
}

describe('packages from a sheet', () => {
  it('reads lessons left as the sheet writes them', () => {
    expect(['8', '8 alkalom', '12 lessons', '3次', '8.0', ' 4 '].map(parseLessonsLeft)).toEqual([8, 8, 12, 3, 8, 4]);
    expect(['sok', '-3', '2.5', '', '99999', 'abc 4'].map(parseLessonsLeft)).toEqual([null, null, null, null, null, null]);
  });

  it('creates a package per row with its balance, counted in the preview; a bad cell leaves the rest of its row', () => {
    const ws = openTestWorkspace();
    const user = ws.call('users.create', {
      username: 'asszisztens',
      displayName: 'Asszisztens',
      role: 'assistant',
      password: 'assistant-1x',
    });
    const assistant: Actor = { userId: user.id, username: 'asszisztens', role: 'assistant' };
    // The assistant may not create programs: the school has this one.
    ws.call('programs.create', { name: 'Angol A1' });
    const file = { fileName: 'berletek.csv', contentBase64: csv(sheet) };
    const preview = ws.call('imports.preview', file, assistant) as ImportPreview;
    expect(preview.columns.map((c) => c.field)).toEqual(['fullName', 'phone', 'program', 'lessonsLeft', 'packageName']);
    expect(preview.summary.packages).toBe(2);
    const bad = preview.issues.filter((i) => i.code === 'invalid_number');
    expect(bad).toEqual([expect.objectContaining({ row: 3, column: 3, header: 'Alkalom maradt', severity: 'warning' })]);

    const result = ws.call('imports.commit', file, assistant) as ImportResult;
    expect(result.records.packages).toBe(2);
    expect(result.created).toBe(4);
    const [anna] = packagesOf(ws, 'Kiss Anna');
    expect(anna).toMatchObject({
      unit: 'lessons',
      quantity: 8,
      remaining: 8,
      startsOn: '2026-03-10',
      enrollmentLabel: 'Angol A1',
      notes: '10 alkalmas bérlet',
      paymentId: null,
      priceMinor: 0,
    });
    // No course on the row: the person's own package, for any of the family's enrollments.
    expect(packagesOf(ws, 'Tóth Cili')).toEqual([expect.objectContaining({ enrollmentId: null, remaining: 3, notes: null })]);
    // "sok" is kept as written, and the rest of the row (the person and the enrollment) is imported.
    expect(packagesOf(ws, 'Nagy Béla')).toEqual([]);
    const bela = ws.db.sqlite.prepare("SELECT id, extra FROM clients WHERE display_name = 'Nagy Béla'").get() as {
      id: string;
      extra: string;
    };
    expect(JSON.parse(bela.extra)).toMatchObject({ 'Alkalom maradt': 'sok' });
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM enrollments WHERE client_id = ?').pluck().get(bela.id)).toBe(1);
    // Nothing is left on a zero.
    expect(packagesOf(ws, 'Szabó Dani')).toEqual([]);

    const undone = ws.call('imports.undo', { batchId: result.batchId }) as { removed: { packages?: number } };
    expect(undone.removed.packages).toBe(2);
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM packages WHERE deleted_at IS NULL').pluck().get()).toBe(0);
  });

  it('recognises the column in each sheet language', () => {
    const ws = openTestWorkspace();
    for (const [header, name] of [
      ['Lessons left', 'Name'],
      ['剩余课时', '姓名'],
      ['Осталось занятий', 'Имя'],
      ['Cours restants', 'Nom'],
      ['Restliche Stunden', 'Name'],
    ]) {
      const preview = ws.call('imports.preview', {
        fileName: 'x.csv',
        contentBase64: csv(`${name},${header}\nKiss Anna,4\n`),
      }) as ImportPreview;
      expect(preview.columns[1]?.field).toBe('lessonsLeft');
      expect(preview.summary.packages).toBe(1);
    }
  });
});
