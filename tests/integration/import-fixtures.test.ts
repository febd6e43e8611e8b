/**
 * Each fixture sheet (tests/fixtures/import, made by make-fixtures.ts) imported
 * through the router into a real database, and the exact records it became:
 * clients with their split names and normalised phones and e-mails, guardians,
 * programs, cohorts, enrollment statuses and prices, payments and instalments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src-shared/api/imports-methods';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const fixtures = join(import.meta.dirname, '../fixtures/import');

export function fixture(name: string): string {
  return readFileSync(join(fixtures, name)).toString('base64');
}

function importFixture(ws: TestWorkspace, name: string, extra: Record<string, unknown> = {}): ImportResult {
  return ws.call('imports.commit', { fileName: name, contentBase64: fixture(name), ...extra } as never);
}

function clients(ws: TestWorkspace) {
  return ws.db.sqlite
    .prepare(
      `SELECT c.display_name AS name, c.last_name AS last, c.first_name AS first, c.email, c.phone, g.display_name AS guardian, c.birth_date AS birth, c.extra
       FROM clients c LEFT JOIN clients g ON g.id = c.guardian_id WHERE c.deleted_at IS NULL ORDER BY c.rowid`,
    )
    .all() as {
    name: string;
    last: string | null;
    first: string | null;
    email: string | null;
    phone: string | null;
    guardian: string | null;
    birth: string | null;
    extra: string;
  }[];
}

function enrollments(ws: TestWorkspace) {
  return ws.db.sqlite
    .prepare(
      `SELECT c.display_name AS client, p.name AS program, h.name AS cohort, h.start_on AS startOn, e.status, e.agreed_price_minor AS price, e.notify_before_days AS notify,
              (SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE enrollment_id = e.id AND deleted_at IS NULL) AS paid,
              (SELECT count(*) FROM instalments WHERE enrollment_id = e.id AND deleted_at IS NULL) AS instalments
       FROM enrollments e JOIN clients c ON c.id = e.client_id JOIN programs p ON p.id = e.program_id LEFT JOIN cohorts h ON h.id = e.cohort_id
       WHERE e.deleted_at IS NULL ORDER BY e.rowid`,
    )
    .all() as {
    client: string;
    program: string;
    cohort: string | null;
    startOn: string | null;
    status: string;
    price: number;
    notify: number | null;
    paid: number;
    instalments: number;
  }[];
}

const names = (ws: TestWorkspace, table: 'programs' | 'cohorts') =>
  (ws.db.sqlite.prepare(`SELECT name FROM ${table} WHERE deleted_at IS NULL ORDER BY rowid`).all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('importing real-world sheets', () => {
  it('Hungarian windows-1250 CSV with a title row, guardians, a repeated person and a totals row', () => {
    const ws = openTestWorkspace();
    const result = importFixture(ws, 'hu-1250-semicolon.csv');
    expect(result).toMatchObject({ created: 6, updated: 0, skipped: 1, alreadyImported: false });
    expect(result.records).toEqual({ clients: 5, guardians: 1, programs: 3, cohorts: 3, enrollments: 6, payments: 2, instalments: 3 });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [9, '', 'duplicate_in_file'],
      [10, 'Telefon', 'invalid_phone'],
      [10, 'E-mail cím', 'invalid_email'],
      [11, '', 'totals_row'],
    ]);
    expect(clients(ws).map(({ extra, ...c }) => ({ ...c, extra: JSON.parse(extra) as unknown }))).toEqual([
      {
        name: 'Kovács Anna',
        last: 'Kovács',
        first: 'Anna',
        email: 'anna.kovacs@example.hu',
        phone: '+36301234567',
        guardian: null,
        birth: null,
        extra: { Pólóméret: 'M' },
      },
      {
        name: 'Nagy Péter',
        last: 'Nagy',
        first: 'Péter',
        email: null,
        phone: '+36207654321',
        guardian: null,
        birth: null,
        extra: { Pólóméret: 'L' },
      },
      { name: 'Kiss Éva', last: 'Kiss', first: 'Éva', email: null, phone: '+36701112233', guardian: null, birth: null, extra: {} },
      { name: 'Kiss Bence', last: 'Kiss', first: 'Bence', email: null, phone: null, guardian: 'Kiss Éva', birth: null, extra: {} },
      {
        name: 'Kiss Lili',
        last: 'Kiss',
        first: 'Lili',
        email: null,
        phone: null,
        guardian: 'Kiss Éva',
        birth: null,
        extra: { Pólóméret: 'S' },
      },
      {
        name: 'Szabó Gergő',
        last: 'Szabó',
        first: 'Gergő',
        email: null,
        phone: null,
        guardian: null,
        birth: null,
        extra: { Telefon: '12', 'E-mail cím': 'szabo.gergo@' },
      },
    ]);
    const anna = ws.db.sqlite.prepare("SELECT notes FROM clients WHERE display_name = 'Kovács Anna'").get() as { notes: string };
    expect(anna.notes).toBe('Őszre halasztotta');
    expect(names(ws, 'programs')).toEqual(['Angol A1', 'Rajz gyerekeknek', 'Német A2']);
    expect(names(ws, 'cohorts')).toEqual(['Hétfő esti', 'Rajz gyerekeknek 2024-09-08', 'Német A2 2024-10-01']);
    expect(enrollments(ws)).toEqual([
      {
        client: 'Kovács Anna',
        program: 'Angol A1',
        cohort: 'Hétfő esti',
        startOn: '2024-03-04',
        status: 'confirmed',
        price: 12_000_000,
        notify: null,
        paid: 4_000_000,
        instalments: 3,
      },
      {
        client: 'Nagy Péter',
        program: 'Angol A1',
        cohort: 'Hétfő esti',
        startOn: '2024-03-04',
        status: 'thinking',
        price: 12_000_000,
        notify: null,
        paid: 0,
        instalments: 0,
      },
      {
        client: 'Kiss Bence',
        program: 'Rajz gyerekeknek',
        cohort: 'Rajz gyerekeknek 2024-09-08',
        startOn: '2024-09-08',
        status: 'waitlist',
        price: 4_500_000,
        notify: null,
        paid: 0,
        instalments: 0,
      },
      {
        client: 'Kiss Lili',
        program: 'Rajz gyerekeknek',
        cohort: 'Rajz gyerekeknek 2024-09-08',
        startOn: '2024-09-08',
        status: 'confirmed',
        price: 4_500_000,
        notify: null,
        paid: 4_500_000,
        instalments: 0,
      },
      {
        client: 'Kovács Anna',
        program: 'Német A2',
        cohort: 'Német A2 2024-10-01',
        startOn: '2024-10-01',
        status: 'declined',
        price: 9_850_050,
        notify: null,
        paid: 0,
        instalments: 0,
      },
      {
        client: 'Szabó Gergő',
        program: 'Angol A1',
        cohort: 'Hétfő esti',
        startOn: '2024-03-04',
        status: 'waitlist',
        price: 12_000_000,
        notify: null,
        paid: 0,
        instalments: 0,
      },
    ]);
    const plan = ws.db.sqlite.prepare('SELECT due_on, amount_minor FROM instalments WHERE deleted_at IS NULL ORDER BY due_on').all();
    expect(plan).toEqual([
      { due_on: '2024-03-04', amount_minor: 4_000_000 },
      { due_on: '2024-04-04', amount_minor: 4_000_000 },
      { due_on: '2024-05-04', amount_minor: 4_000_000 },
    ]);
    const batch = ws.db.sqlite.prepare('SELECT count(*) AS n FROM clients WHERE import_batch_id = ?').get(result.batchId) as { n: number };
    expect(batch.n).toBe(6);
  });

  it('Chinese GB18030 CSV: compound surnames, ¥ amounts, 2024/9/8 dates, Chinese mobiles, parents', () => {
    const ws = openTestWorkspace({ schoolName: '学校', currency: 'CNY', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const result = importFixture(ws, 'zh-gb18030.csv');
    expect(result).toMatchObject({ created: 5, updated: 0, skipped: 1 });
    expect(clients(ws).map((c) => [c.name, c.last, c.first, c.email, c.phone, c.guardian])).toEqual([
      ['王大伟', '王', '大伟', null, '+8613987654321', null],
      ['王小明', '王', '小明', 'xiaoming.wang@example.cn', '+8613812345678', '王大伟'],
      ['欧阳娜娜', '欧阳', '娜娜', null, '+8613700001111', null],
      ['李雷', '李', '雷', 'li.lei@example.cn', '+8613500002222', null],
      ['韩梅梅', '韩', '梅梅', null, '+8613600003333', null],
    ]);
    expect(names(ws, 'programs')).toEqual(['少儿英语', '书法']);
    expect(names(ws, 'cohorts')).toEqual(['周六上午班', '周日班']);
    expect(enrollments(ws).map((e) => [e.client, e.program, e.cohort, e.status, e.price, e.paid])).toEqual([
      ['王小明', '少儿英语', '周六上午班', 'confirmed', 360_000, 120_000],
      ['欧阳娜娜', '少儿英语', '周六上午班', 'thinking', 360_000, 0],
      ['李雷', '书法', null, 'inquiry', 280_000, 0],
      ['韩梅梅', '书法', '周日班', 'cancelled', 280_000, 0],
    ]);
  });

  it('UTF-16 "Unicode text" TSV in English: day-first dates settled by evidence, instalments, notify-before', () => {
    const ws = openTestWorkspace({ schoolName: 'Studio', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' });
    const result = importFixture(ws, 'en-utf16.txt');
    expect(result).toMatchObject({ created: 3, skipped: 1, errors: [{ row: 5, code: 'totals_row' }] });
    expect(clients(ws).map((c) => [c.name, c.first, c.last, c.email, c.phone])).toEqual([
      ['Emma Stone', 'Emma', 'Stone', 'emma@example.co.uk', '+447911123456'],
      ['John Smith', 'John', 'Smith', 'john@example.co.uk', '+447400654321'],
      ['Mary Jane Watson', 'Mary Jane', 'Watson', 'mj@example.com', '+12125550188'],
    ]);
    expect(enrollments(ws).map((e) => [e.client, e.startOn, e.status, e.price, e.paid, e.instalments, e.notify])).toEqual([
      ['Emma Stone', '2024-04-03', 'confirmed', 120_000, 40_000, 3, 7],
      ['John Smith', '2024-04-13', 'thinking', 120_000, 0, 0, null],
      ['Mary Jane Watson', '2024-04-03', 'waitlist', 120_000, 0, 0, 14],
    ]);
  });

  it('French windows-1252 CSV with Nom/Prénom, euro amounts with decimal commas, French mobiles', () => {
    const ws = openTestWorkspace({ schoolName: 'Atelier', currency: 'EUR', locale: 'fr-FR', timeZone: 'Europe/Paris' });
    const result = importFixture(ws, 'fr-1252.csv');
    expect(result).toMatchObject({ created: 3, skipped: 0, errors: [] });
    expect(clients(ws).map((c) => [c.name, c.first, c.last, c.email, c.phone, c.birth])).toEqual([
      ['Élodie Dupont', 'Élodie', 'Dupont', 'elodie.dupont@example.fr', '+33612345678', '2015-07-14'],
      ['François Lefèvre', 'François', 'Lefèvre', 'f.lefevre@example.fr', '+33798765432', '2016-03-02'],
      ['Zoë Müller', 'Zoë', 'Müller', null, '+33655443322', null],
    ]);
    expect(enrollments(ws).map((e) => [e.client, e.program, e.status, e.price, e.paid])).toEqual([
      ['Élodie Dupont', 'Céramique', 'confirmed', 125_050, 25_000],
      ['François Lefèvre', 'Céramique', 'thinking', 125_050, 0],
      ['Zoë Müller', 'Aquarelle', 'cancelled', 48_000, 0],
    ]);
  });

  it('Russian windows-1251 CSV: ФИО family name first, 8 (916) numbers, руб. amounts, Итого', () => {
    const ws = openTestWorkspace({ schoolName: 'Школа', currency: 'RUB', locale: 'ru-RU', timeZone: 'Europe/Moscow' });
    const result = importFixture(ws, 'ru-1251.csv');
    expect(result).toMatchObject({ created: 3, skipped: 1 });
    expect(clients(ws).map((c) => [c.name, c.last, c.first, c.phone])).toEqual([
      ['Иванов Иван Иванович', 'Иванов', 'Иван Иванович', '+79161234567'],
      ['Петрова Мария', 'Петрова', 'Мария', '+79037654321'],
      ['Сидоров Пётр', 'Сидоров', 'Пётр', '+79160001122'],
    ]);
    expect(enrollments(ws).map((e) => [e.client, e.cohort, e.status, e.price, e.paid])).toEqual([
      ['Иванов Иван Иванович', 'Вторник', 'confirmed', 1_500_000, 500_000],
      ['Петрова Мария', 'Вторник', 'thinking', 1_500_000, 0],
      ['Сидоров Пётр', 'Вторник', 'declined', 1_500_000, 0],
    ]);
  });

  it('German UTF-8 with BOM and English UTF-8 without: point thousands, narrow no-break spaces, quoted line breaks', () => {
    const ws = openTestWorkspace({ schoolName: 'Schule', currency: 'EUR', locale: 'de-DE', timeZone: 'Europe/Berlin' });
    importFixture(ws, 'de-utf8-bom.csv');
    expect(clients(ws).map((c) => [c.name, c.email, c.phone])).toEqual([
      ['Jürgen Groß', 'juergen.gross@example.de', '+4915123456789'],
      ['Änne Weiß', 'aenne@example.de', '+491609876543'],
    ]);
    expect(enrollments(ws).map((e) => [e.client, e.startOn, e.status, e.price, e.paid])).toEqual([
      ['Jürgen Groß', '2024-03-04', 'confirmed', 120_000, 30_000],
      ['Änne Weiß', '2024-03-04', 'waitlist', 120_000, 0],
    ]);

    const en = openTestWorkspace({ schoolName: 'Music', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' });
    const result = importFixture(en, 'en-utf8.csv');
    expect(result).toMatchObject({ created: 2, skipped: 0, errors: [{ row: 3, code: 'duplicate_in_file' }] });
    const rows = clients(en);
    expect(rows.map((c) => [c.name, c.email, c.phone])).toEqual([
      ['Oliver Brown', 'oliver@example.com', '+447400900111'],
      ['Amelia Green', null, null],
    ]);
    expect(JSON.parse(rows[0]?.extra ?? '{}')).toEqual({ 'Shoe size': '44' });
    const notes = en.db.sqlite.prepare("SELECT notes FROM clients WHERE display_name = 'Oliver Brown'").get() as { notes: string };
    expect(notes.notes).toBe('Prefers evenings,\nasks about discounts');
    expect(enrollments(en).map((e) => [e.client, e.program, e.cohort, e.status, e.price, e.paid])).toEqual([
      ['Oliver Brown', 'Guitar', 'Beginners', 'confirmed', 150_000, 50_000],
      ['Oliver Brown', 'Piano', 'Adults', 'trial', 90_000, 0],
      ['Amelia Green', 'Guitar', 'Beginners', 'inquiry', 150_000, 0],
    ]);
  });

  it('XLSX: the title rows skipped, real date cells, dates typed as text and serials, the totals row; the second sheet on request', () => {
    const ws = openTestWorkspace();
    const preview = ws.call('imports.preview', { fileName: 'workbook.xlsx', contentBase64: fixture('workbook.xlsx') });
    expect(preview).toMatchObject({ format: 'xlsx', sheets: ['Jelentkezők', 'Tavalyi'], sheet: 'Jelentkezők', headerRow: 3, totalRows: 4 });
    const result = importFixture(ws, 'workbook.xlsx');
    expect(result).toMatchObject({ created: 3, skipped: 1 });
    expect(clients(ws).map((c) => [c.name, c.email, c.phone, c.birth])).toEqual([
      ['Tóth Gábor', 'gabor.toth@example.hu', '+36201234567', '2010-01-01'],
      ['Horváth Eszter', 'eszter@example.hu', '+36309876543', '2012-05-17'],
      ['Varga Máté', null, '+36705551234', null],
    ]);
    expect(enrollments(ws).map((e) => [e.client, e.startOn, e.status, e.price, e.paid])).toEqual([
      ['Tóth Gábor', '2024-03-04', 'confirmed', 6_000_000, 2_000_000],
      ['Horváth Eszter', '2024-03-04', 'trial', 6_000_000, 0],
      ['Varga Máté', '2024-04-01', 'inquiry', 6_000_000, 0],
    ]);
    const second = importFixture(ws, 'workbook.xlsx', { sheet: 'Tavalyi' });
    expect(second).toMatchObject({ created: 1, alreadyImported: false });
    expect(enrollments(ws).at(-1)).toMatchObject({ client: 'Farkas Dóra', program: 'Jóga', status: 'waitlist', cohort: null });
  });

  it('ODS', () => {
    const ws = openTestWorkspace({ schoolName: 'Danse', currency: 'EUR', locale: 'fr-FR', timeZone: 'Europe/Paris' });
    const result = importFixture(ws, 'sheet.ods');
    expect(result).toMatchObject({ created: 2, skipped: 0 });
    expect(enrollments(ws).map((e) => [e.client, e.status, e.price])).toEqual([
      ['Camille Martin', 'confirmed', 35_050],
      ['Léa Bernard', 'waitlist', 35_050],
    ]);
  });

  it.each([
    ['empty.csv', 'file_empty'],
    ['binary.csv', 'file_binary'],
    ['truncated.xlsx', 'file_corrupt'],
    ['password.xlsx', 'file_encrypted'],
    ['report.pdf.csv', 'file_format'],
  ])('refuses %s with a VALIDATION error on the file (%s) and writes nothing', (name, code) => {
    const ws = openTestWorkspace();
    const before = (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    for (const method of ['imports.preview', 'imports.commit'] as const) {
      const error = ws.fail(method, { fileName: name, contentBase64: fixture(name) });
      expect(error.code).toBe('VALIDATION');
      expect(error.fields).toEqual([expect.objectContaining({ path: ['file'], code })]);
    }
    expect((ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n).toBe(before);
  });

  it('refuses a sheet name the workbook does not have, and text that is not base64', () => {
    const ws = openTestWorkspace();
    expect(
      ws.fail('imports.preview', { fileName: 'workbook.xlsx', contentBase64: fixture('workbook.xlsx'), sheet: 'Nincs' }).fields?.[0],
    ).toMatchObject({
      path: ['file'],
      code: 'sheet_not_found',
    });
    expect(ws.fail('imports.preview', { fileName: 'x.csv', contentBase64: '%%%not base64%%%' }).fields?.[0]).toMatchObject({
      path: ['file'],
      code: 'file_corrupt',
    });
  });
});

// ---- registers schools really export (issue 19) and the school's accounting (issue 12) ----------

const hungarian = { schoolName: 'Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };
const british = { schoolName: 'School', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' };

function batchOf(ws: TestWorkspace, result: ImportResult) {
  return ws.call('imports.get', { batchId: result.batchId });
}

function guardiansOf(ws: TestWorkspace): Record<string, string | null> {
  return Object.fromEntries(clients(ws).map((c) => [c.name, c.guardian]));
}

describe('importing registers without merging siblings or losing people', () => {
  it('siblings on one phone stay apart (twins too); a row typed twice is merged; the guardian column makes one guardian per family', () => {
    const ws = openTestWorkspace(hungarian);
    const preview = ws.call('imports.preview', { fileName: 'siblings-phone.csv', contentBase64: fixture('siblings-phone.csv') });
    expect(preview.layout).toEqual(['programs_from_groups']);
    expect(preview.rows.every((r) => !r.partial)).toBe(true);
    const result = importFixture(ws, 'siblings-phone.csv');
    expect(result).toMatchObject({ created: 13, updated: 0, skipped: 0 });
    expect(result.records).toMatchObject({ clients: 10, guardians: 3, programs: 4, cohorts: 4, enrollments: 10 });
    const pupils = clients(ws).filter((c) => c.birth !== null);
    expect(pupils.map((c) => c.name)).toEqual([
      'Nagy Anna',
      'Nagy Bence',
      'Nagy Csilla',
      'Nagy Dávid',
      'Kovács Eszter',
      'Kovács Ferenc',
      'Kovács Gréta',
      'Tóth Hanna',
      'Tóth Imre',
      'Tóth Júlia',
    ]);
    expect(pupils.filter((c) => c.phone === '+36301111111')).toHaveLength(4);
    expect(guardiansOf(ws)).toMatchObject({ 'Nagy Dávid': 'Nagy László', 'Kovács Gréta': 'Kovács Mária', 'Tóth Júlia': 'Tóth Péter' });
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'shared_contact'],
      [4, 'shared_contact'],
      [5, 'shared_contact'],
      [7, 'shared_contact'],
      [8, 'shared_contact'],
      [10, 'shared_contact'],
      [11, 'shared_contact'],
      [12, 'duplicate_in_file'],
    ]);
    expect(batchOf(ws, result).merges.map((m) => [m.id, m.kind, m.intoName, m.intoRow, m.by])).toEqual([
      ['g3', 'guardian', 'Nagy László', 2, 'name'],
      ['g4', 'guardian', 'Nagy László', 2, 'name'],
      ['g5', 'guardian', 'Nagy László', 2, 'name'],
      ['g7', 'guardian', 'Kovács Mária', 6, 'name'],
      ['g8', 'guardian', 'Kovács Mária', 6, 'name'],
      ['g10', 'guardian', 'Tóth Péter', 9, 'name'],
      ['g11', 'guardian', 'Tóth Péter', 9, 'name'],
      ['12', 'client', 'Nagy Anna', 2, 'identical'],
    ]);
    expect(enrollments(ws).filter((e) => e.client === 'Nagy Anna')).toHaveLength(1);
  });

  it('two surname columns, one empty: the filled one is the surname, so the four Sylvies stay four people', () => {
    const ws = openTestWorkspace({ schoolName: 'École', currency: 'EUR', locale: 'fr-FR', timeZone: 'Europe/Paris' });
    const preview = ws.call('imports.preview', { fileName: 'two-surnames-fr.csv', contentBase64: fixture('two-surnames-fr.csv') });
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['Nom de famille', null],
      ["Nom d'usage", 'lastName'],
      ['Prénom', 'firstName'],
      ['Courriel', 'email'],
      ['Téléphone', 'phone'],
    ]);
    const result = importFixture(ws, 'two-surnames-fr.csv');
    expect(result).toMatchObject({ created: 7, updated: 0, skipped: 0 });
    expect(clients(ws).map((c) => [c.name, c.last, c.phone])).toEqual([
      ['Sylvie Martin', 'Martin', '+33611111111'],
      ['Sylvie Bernard', 'Bernard', '+33622222222'],
      ['Sylvie Dubois', 'Dubois', '+33633333333'],
      ['Sylvie Petit', 'Petit', null],
      ['Marc Martin', 'Martin', '+33611111111'],
      ['Marc Leroy', 'Leroy', '+33644444444'],
      ['Céline Moreau', 'Moreau', '+33755555555'],
    ]);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[6, 'shared_contact']]);
    expect(batchOf(ws, result).merges).toEqual([]);
  });

  it('ISO dates under unknown headers are never phones: the older column is the birth date, the admission date is kept', () => {
    const ws = openTestWorkspace(hungarian);
    const preview = ws.call('imports.preview', { fileName: 'iso-birthdates.csv', contentBase64: fixture('iso-birthdates.csv') });
    expect(preview.columns.map((c) => [c.header, c.field, c.source])).toEqual([
      ['Név', 'fullName', 'header'],
      ['Szül. idő', 'birthDate', 'values'],
      ['Felvétel', null, 'none'],
      ['Telefon', 'phone', 'header'],
      ['Osztály', 'cohort', 'header'],
    ]);
    expect(preview.columns[1]?.confidence).toBeLessThan(1);
    const result = importFixture(ws, 'iso-birthdates.csv');
    expect(result).toMatchObject({ created: 4, errors: [] });
    expect(clients(ws).map((c) => [c.name, c.birth, c.phone, JSON.parse(c.extra) as unknown])).toEqual([
      ['Fekete Lili', '2011-07-25', '+36304445555', { Felvétel: '2019-09-01' }],
      ['Fehér Bence', '2012-01-09', '+36304446666', { Felvétel: '2020-09-01' }],
      ['Szürke Panna', '2011-11-30', null, { Felvétel: '2019-09-01' }],
      ['Barna Ádám', '2013-05-05', '+36207778888', { Felvétel: '2021-09-01' }],
    ]);
  });

  it('a label cell above a list of names: every name is a client, the label is not', () => {
    const ws = openTestWorkspace(british);
    const preview = ws.call('imports.preview', { fileName: 'label-list.xlsx', contentBase64: fixture('label-list.xlsx') });
    expect(preview).toMatchObject({ headerRow: 1, layout: ['names_from_values'], totalRows: 6 });
    expect(preview.columns).toEqual([expect.objectContaining({ header: 'Pupils:', field: 'fullName', source: 'values' })]);
    const result = importFixture(ws, 'label-list.xlsx');
    expect(result).toMatchObject({ created: 6, skipped: 0, errors: [] });
    expect(clients(ws).map((c) => [c.name, c.first, c.last])).toEqual([
      ['Anna Kovács', 'Anna', 'Kovács'],
      ['Bence Kiss', 'Bence', 'Kiss'],
      ['Csaba Nagy', 'Csaba', 'Nagy'],
      ['Dóra Tóth', 'Dóra', 'Tóth'],
      ['Emese Szabó', 'Emese', 'Szabó'],
      ['Ferenc Varga', 'Ferenc', 'Varga'],
    ]);
    expect(enrollments(ws)).toEqual([]);
  });

  it('a vendor template: the labels row under the keys and required marks is the header, the example row is left out with its reason', () => {
    const ws = openTestWorkspace(british);
    const preview = ws.call('imports.preview', { fileName: 'vendor-template.xlsx', contentBase64: fixture('vendor-template.xlsx') });
    expect(preview).toMatchObject({ headerRow: 3, layout: ['labels_row_chosen', 'programs_from_groups'] });
    expect(preview.notCreated).toEqual([{ code: 'example_row', severity: 'skipped', count: 1, rows: [4] }]);
    expect(preview.rows[0]).toMatchObject({ row: 4, action: 'skip' });
    const result = importFixture(ws, 'vendor-template.xlsx');
    expect(result).toMatchObject({ created: 11, skipped: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 4, code: 'example_row', severity: 'skipped' })]);
    expect(result.records).toMatchObject({ clients: 6, guardians: 5, programs: 3, cohorts: 3, enrollments: 6 });
    const names = clients(ws).map((c) => c.name);
    expect(names.some((n) => /example|smith/i.test(n))).toBe(false);
    expect(guardiansOf(ws)).toMatchObject({ 'Oliver Brown': 'Emma Brown', 'Amelia Brown': 'Emma Brown', 'Mia Evans': 'Lucy Evans' });
    expect(clients(ws).find((c) => c.name === 'Emma Brown')).toMatchObject({ email: 'emma.brown@example.co.uk', phone: '+447911100111' });
    expect(batchOf(ws, result).merges.map((m) => [m.id, m.kind, m.intoName, m.by])).toEqual([['g6', 'guardian', 'Emma Brown', 'email']]);
  });

  it('a guardian file with repeated child blocks: one client per child, each linked to the row’s guardian; a guardian with no child is kept', () => {
    const ws = openTestWorkspace(british);
    const preview = ws.call('imports.preview', { fileName: 'guardian-blocks.csv', contentBase64: fixture('guardian-blocks.csv') });
    expect(preview.layout).toEqual(['person_blocks', 'programs_from_groups']);
    expect(preview.columns.filter((c) => c.block === 2).map((c) => c.field)).toEqual(['firstName', 'lastName', 'birthDate', 'cohort']);
    expect(preview.rows.map((r) => [r.row, r.block, r.displayName, r.guardianName])).toEqual([
      [2, 1, 'Leo Green', 'Sarah Green'],
      [2, 2, 'Ava Green', 'Sarah Green'],
      [3, 1, 'Ella Hall', 'Mark Hall'],
      [4, 1, 'Arjun Shah', 'Priya Shah'],
      [4, 2, 'Maya Shah', 'Priya Shah'],
      [4, 3, 'Dev Shah', 'Priya Shah'],
      [5, null, 'Tom Baker', null],
    ]);
    const result = importFixture(ws, 'guardian-blocks.csv');
    expect(result).toMatchObject({ created: 10, skipped: 0, errors: [] });
    expect(result.records).toMatchObject({ clients: 7, guardians: 3, enrollments: 6 });
    expect(guardiansOf(ws)).toEqual({
      'Sarah Green': null,
      'Leo Green': 'Sarah Green',
      'Ava Green': 'Sarah Green',
      'Mark Hall': null,
      'Ella Hall': 'Mark Hall',
      'Priya Shah': null,
      'Arjun Shah': 'Priya Shah',
      'Maya Shah': 'Priya Shah',
      'Dev Shah': 'Priya Shah',
      'Tom Baker': null,
    });
    expect(clients(ws).find((c) => c.name === 'Tom Baker')).toMatchObject({ email: 'tom.baker@example.com', phone: '+447911200504' });
    expect(clients(ws).find((c) => c.name === 'Dev Shah')).toMatchObject({ birth: '2018-12-12', email: null, phone: null });
    expect(enrollments(ws).map((e) => [e.client, e.cohort])).toContainEqual(['Dev Shah', 'Reception']);
  });
});

describe('imports that keep the enrollments (issue 12)', () => {
  it('a class column without a program column makes programs and groups (or finds the group the school has); siblings share one guardian', () => {
    const ws = openTestWorkspace(hungarian);
    const upper = ws.call('programs.create', { name: 'Felső tagozat', defaultPriceMinor: 500_000 });
    const fiveA = ws.call('cohorts.create', { programId: upper.id, name: '5.A' });
    const preview = ws.call('imports.preview', { fileName: 'class-column.csv', contentBase64: fixture('class-column.csv') });
    expect(preview.columns.find((c) => c.header === 'Osztály')).toMatchObject({ field: 'cohort', confidence: 1 });
    expect(preview.summary).toMatchObject({ enrollments: 6, programs: 1, cohorts: 1 });
    expect(preview.notCreated).toEqual([]);
    expect(preview.layout).toContain('programs_from_groups');
    const result = importFixture(ws, 'class-column.csv');
    expect(result.records).toMatchObject({ clients: 6, guardians: 4, programs: 1, cohorts: 1, enrollments: 6 });
    expect(names(ws, 'programs')).toEqual(['Felső tagozat', '3.B']);
    expect(enrollments(ws).map((e) => [e.client, e.program, e.cohort, e.price])).toEqual([
      ['Kiss Bálint', 'Felső tagozat', '5.A', 500_000],
      ['Kiss Boglárka', '3.B', '3.B', 0],
      ['Molnár Dénes', 'Felső tagozat', '5.A', 500_000],
      ['Varga Edit', '3.B', '3.B', 0],
      ['Varga Emma', 'Felső tagozat', '5.A', 500_000],
      ['Horváth Fanni', '3.B', '3.B', 0],
    ]);
    const inFiveA = ws.db.sqlite.prepare('SELECT count(*) AS n FROM enrollments WHERE cohort_id = ?').get(fiveA.id) as { n: number };
    expect(inFiveA.n).toBe(3);
    expect(guardiansOf(ws)).toMatchObject({
      'Kiss Bálint': 'Kiss Zsófia',
      'Kiss Boglárka': 'Kiss Zsófia',
      'Varga Edit': 'Varga Ildikó',
      'Varga Emma': 'Varga Ildikó',
    });
    expect(clients(ws).filter((c) => c.name === 'Kiss Zsófia' || c.name === 'Varga Ildikó')).toHaveLength(2);
  });

  it.each([
    ['accounting-zh.csv', { schoolName: '学校', currency: 'CNY', locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, ['应收', '实收', '欠费']],
    ['accounting-hu.csv', hungarian, ['Előírás', 'Befizetve', 'Hátralék']],
    [
      'accounting-fr.csv',
      { schoolName: 'École', currency: 'EUR', locale: 'fr-FR', timeZone: 'Europe/Paris' },
      ['Montant dû', 'Reçu', 'Reste à payer'],
    ],
    [
      'accounting-de.csv',
      { schoolName: 'Schule', currency: 'EUR', locale: 'de-DE', timeZone: 'Europe/Berlin' },
      ['Sollbetrag', 'Eingegangen', 'Rückstand'],
    ],
    [
      'accounting-ru.csv',
      { schoolName: 'Школа', currency: 'RUB', locale: 'ru-RU', timeZone: 'Europe/Moscow' },
      ['К оплате', 'Получено', 'Задолженность'],
    ],
    ['accounting-en.csv', british, ['Receivable', 'Received', 'Arrears']],
  ])('%s: receivable, received and arrears become the agreed price and the payment', (name, init, headers) => {
    const ws = openTestWorkspace(init);
    const preview = ws.call('imports.preview', { fileName: name, contentBase64: fixture(name) });
    expect(preview.columns.slice(2).map((c) => [c.header, c.field])).toEqual([
      [headers[0], 'agreedPrice'],
      [headers[1], 'paid'],
      [headers[2], 'balance'],
    ]);
    const result = importFixture(ws, name);
    expect(result).toMatchObject({ created: 5, errors: [] });
    expect(result.records).toMatchObject({ programs: 2, cohorts: 2, enrollments: 5, payments: 4 });
    // All three; price and still owed (paid 750); paid and still owed (price 1000); owed alone; paid in full.
    expect(enrollments(ws).map((e) => [e.cohort, e.price, e.paid])).toEqual([
      ['5A', 100_000, 40_000],
      ['6B', 100_000, 75_000],
      ['5A', 100_000, 30_000],
      ['6B', 50_000, 0],
      ['5A', 100_000, 100_000],
    ]);
  });

  it('says what will not be created and why, and never shows such a row as simply imported', () => {
    const ws = openTestWorkspace(hungarian);
    const file = Buffer.from('Név;Tandíj;Befizetve;Hátralék\nKiss Anna;10 000;4 000;6 000\nNagy Béla;;;\nMinta János;1;1;0\n').toString(
      'base64',
    );
    const preview = ws.call('imports.preview', { fileName: 'dijak.csv', contentBase64: file });
    expect(preview.notCreated).toEqual([
      { code: 'example_row', severity: 'skipped', count: 1, rows: [4] },
      { code: 'missing_program', severity: 'partial', count: 1, rows: [2] },
    ]);
    expect(preview.rows.map((r) => [r.row, r.action, r.partial])).toEqual([
      [2, 'create', true],
      [3, 'create', false],
      [4, 'skip', false],
    ]);
    const result = ws.call('imports.commit', { fileName: 'dijak.csv', contentBase64: file });
    expect(result.errors.map((e) => [e.row, e.code, e.severity])).toEqual([
      [2, 'missing_program', 'partial'],
      [4, 'example_row', 'skipped'],
    ]);
    expect(JSON.parse(clients(ws)[0]?.extra ?? '{}')).toEqual({ Price: '1000000', Paid: '400000', Balance: '600000' });
  });

  it('the price rule and the catalog rule hold for an imported row as on screen', () => {
    const ws = openTestWorkspace(hungarian);
    const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 10_000_000 });
    ws.call('cohorts.create', { programId: program.id, name: 'Hétfő esti' });
    ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant', password: 'jelszo1234' });
    const row = ws.db.sqlite.prepare("SELECT id FROM users WHERE username = 'asszisztens'").get() as { id: string };
    const assistant = { userId: row.id, username: 'asszisztens', role: 'assistant' as const };
    const file = Buffer.from(
      'Név;Tanfolyam;Csoport;Tandíj;Részletek\nKiss Anna;Angol A1;Hétfő esti;90 000;3\nNagy Béla;Rajz;;50 000;\nTóth Cili;Angol A1;Kedd;;\n',
    ).toString('base64');

    ws.call('settings.update', { assistantCanEditPrices: false });
    const refused = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: file }, assistant);
    expect(refused.errors.map((e) => [e.row, e.code, e.severity])).toEqual([
      [2, 'price_not_allowed', 'partial'],
      [2, 'price_not_allowed', 'partial'],
      [3, 'catalog_not_allowed', 'partial'],
      [4, 'catalog_not_allowed', 'partial'],
    ]);
    expect(refused.records).toMatchObject({ clients: 3, programs: 0, cohorts: 0, enrollments: 2, instalments: 0 });
    expect(enrollments(ws).map((e) => [e.client, e.program, e.cohort, e.price])).toEqual([
      ['Kiss Anna', 'Angol A1', 'Hétfő esti', 10_000_000],
      ['Tóth Cili', 'Angol A1', null, 10_000_000],
    ]);
    expect(JSON.parse(clients(ws)[0]?.extra ?? '{}')).toEqual({ Price: '9000000' });
    ws.call('imports.undo', { batchId: refused.batchId });

    ws.call('settings.update', { assistantCanEditPrices: true });
    const allowed = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: file, options: { dateOrder: 'dmy' } }, assistant);
    expect(allowed.errors.map((e) => e.code)).toEqual(['catalog_not_allowed', 'catalog_not_allowed']);
    expect(enrollments(ws).find((e) => e.client === 'Kiss Anna')).toMatchObject({ price: 9_000_000, instalments: 3 });
  });

  it('a value the screens would refuse is kept in extra, not written to the field', () => {
    const ws = openTestWorkspace(hungarian);
    const long = 'Hosszú'.repeat(40);
    const file = Buffer.from(`Név;Tanfolyam;Csoport\nKiss Anna;Jóga;${long}\n`).toString('base64');
    const result = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: file });
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, code: 'invalid_value', severity: 'partial' })]);
    expect(JSON.parse(clients(ws)[0]?.extra ?? '{}')).toEqual({ Group: long });
    expect(enrollments(ws).map((e) => [e.program, e.cohort])).toEqual([['Jóga', null]]);
  });
});
