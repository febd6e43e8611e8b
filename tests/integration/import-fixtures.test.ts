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
