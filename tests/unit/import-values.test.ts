/**
 * The pure readers of sheet cells: money in every regional habit, dates in every
 * order, names split by language, e-mails, counts, status words, headers and
 * totals labels in six languages; the accounting words of amount columns; and
 * the pure layout and column stages (header row, rows that are not people,
 * columns read from their values).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dayOrderEvidence,
  excelSerialToIso,
  nameKey,
  normaliseEmail,
  parseCount,
  parseDateText,
  parseDecimal,
  parseMoneyMinor,
  parseNotifyDays,
  splitFullName,
} from '../../src-shared/import/values';
import {
  blockHeader,
  fold,
  isExampleText,
  isTemplateFlag,
  isTotalsLabel,
  matchHeader,
  matchStatus,
} from '../../src-shared/import/vocabulary';
import { autoMap } from '../../src-main/services/imports/columns';
import { detectHeaderRow, leftOutReason } from '../../src-main/services/imports/layout';
import type { Cell } from '../../src-main/services/imports/read';

describe('money and numbers', () => {
  it.each([
    ['120 000 Ft', 'hu-HU', 120000],
    ['120\u00a0000 Ft', 'hu-HU', 120000],
    ['1\u202f500.00', 'en-GB', 1500],
    ['98 500,50 Ft', 'hu-HU', 98500.5],
    ['1.200,00 €', 'de-DE', 1200],
    ['€ 480', 'fr-FR', 480],
    ['1 250,50 €', 'fr-FR', 1250.5],
    ['¥3,600.00', 'zh-CN', 3600],
    ['2 800元', 'zh-CN', 2800],
    ['$1,234.56', 'en-US', 1234.56],
    ['15 000 руб.', 'ru-RU', 15000],
    ['1 200 zł', 'pl-PL', 1200],
    ['1,200', 'en-GB', 1200],
    ['1,5', 'hu-HU', 1.5],
    ['1.200', 'de-DE', 1200],
    ['(300)', 'en-GB', -300],
    ['-12,5', 'fr-FR', -12.5],
  ])('%s in %s is %d', (text, locale, value) => {
    expect(parseDecimal(text, locale)).toBe(value);
  });

  it.each([['abc'], ['12,34,5'], ['1.2.3,4.5'], [''], ['12 Ft 34'], ['--']])('%s is not a number', (text) => {
    expect(parseDecimal(text, 'hu-HU')).toBeNull();
  });

  it('money goes to minor units of the currency and refuses more precision than it has', () => {
    expect(parseMoneyMinor('98 500,50 Ft', 'hu-HU', 2)).toBe(9_850_050);
    expect(parseMoneyMinor('1 500', 'ja-JP', 0)).toBe(1500);
    expect(parseMoneyMinor('1,234', 'en-GB', 0)).toBe(1234);
    expect(parseMoneyMinor('12.345', 'en-GB', 2)).toBeNull();
    expect(parseMoneyMinor(350.5, 'fr-FR', 2)).toBe(35_050);
  });

  it('any integer written with grouped thousands in any of the habits reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom(' ', '\u00a0', '\u202f', '.'), (n, group) => {
        const grouped = n.toLocaleString('en-US').replace(/,/g, group);
        expect(parseDecimal(`${grouped} Ft`, group === '.' ? 'de-DE' : 'hu-HU')).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dates', () => {
  it.each([
    ['2024.03.04.', 'dmy', '2024-03-04'],
    ['2024. 03. 04.', 'dmy', '2024-03-04'],
    ['2024/9/8', 'mdy', '2024-09-08'],
    ['2024-03-04', 'mdy', '2024-03-04'],
    ['2024年3月4日', 'dmy', '2024-03-04'],
    ['04/03/2024', 'dmy', '2024-03-04'],
    ['04/03/2024', 'mdy', '2024-04-03'],
    ['4.3.24', 'dmy', '2024-03-04'],
    ['45355', 'dmy', '2024-03-04'],
    ['2024-03-04T10:00:00Z', 'dmy', '2024-03-04'],
  ] as const)('%s (%s) is %s', (text, order, iso) => {
    expect(parseDateText(text, order)).toBe(iso);
  });

  it('refuses days that do not exist and numbers outside date columns', () => {
    expect(parseDateText('2023.02.29.', 'dmy')).toBeNull();
    expect(parseDateText('31/04/2024', 'dmy')).toBeNull();
    expect(parseDateText('45355', 'dmy', false)).toBeNull();
    expect(parseDateText('hétfő', 'dmy')).toBeNull();
  });

  it('Excel serials in the 1900 and 1904 systems', () => {
    expect(excelSerialToIso(45355)).toBe('2024-03-04');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43893, true)).toBe('2024-03-04');
  });

  it('a day above 12 settles the order of a whole column', () => {
    expect(dayOrderEvidence(['03/04/2024', '13/04/2024'])).toBe('dmy');
    expect(dayOrderEvidence(['03/04/2024', '04/13/2024'])).toBe('mdy');
    expect(dayOrderEvidence(['03/04/2024'])).toBeNull();
    expect(dayOrderEvidence(['13/04/2024', '04/13/2024'])).toBeNull();
  });
});

describe('people', () => {
  it.each([
    ['Kovács Anna', 'hu-HU', 'Kovács', 'Anna'],
    ['Kovács  Anna Mária', 'hu-HU', 'Kovács', 'Anna Mária'],
    ['Anna Kovács', 'en-GB', 'Kovács', 'Anna'],
    ['Mary Jane Watson', 'en-GB', 'Watson', 'Mary Jane'],
    ['Dupont, Élodie', 'fr-FR', 'Dupont', 'Élodie'],
    ['王小明', 'en-GB', '王', '小明'],
    ['欧阳娜娜', 'zh-CN', '欧阳', '娜娜'],
    ['Иванов Иван Иванович', 'en-GB', 'Иванов', 'Иван Иванович'],
    ['Cher', 'en-GB', null, 'Cher'],
  ])('%s (%s): family %s, given %s', (text, locale, last, first) => {
    const split = splitFullName(text, locale);
    expect(split).toEqual({ displayName: text.replace(/\s+/g, ' '), lastName: last, firstName: first });
  });

  it('one name key for the same person however written', () => {
    expect(nameKey('Kovács Anna')).toBe(nameKey(' anna  KOVACS '));
    expect(nameKey('Kiss Anna')).not.toBe(nameKey('Kiss Anita'));
  });

  // fold and nameKey work a character at a time from a table; these are the whole-text definitions they must equal.
  const foldWhole = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  const nameKeyWhole = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '')
      .sort()
      .join(' ');

  it('fold and name key equal their whole-text definitions for every character, beside letters, marks and sigmas', () => {
    const differing: string[] = [];
    for (let code = 0; code < 0x110000; code += code < 0x10000 ? 1 : 97) {
      const char = String.fromCodePoint(code);
      for (const text of [`Ká ${char}é${char}`, `${char}Σ ${char}`, `${char}\u0301-x`]) {
        if (fold(text) !== foldWhole(text) || nameKey(text) !== nameKeyWhole(text)) differing.push(text);
      }
    }
    expect(differing).toEqual([]);
  }, 120_000);

  it('fold and name key equal their whole-text definitions on any text', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('Σ', 'ς', 'İ', 'ß', 'ﬁ', '\u0301', ' ', '-', 'É'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 300,
    });
    fc.assert(
      fc.property(text, (t) => fold(t) === foldWhole(t) && nameKey(t) === nameKeyWhole(t)),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('e-mails trimmed, lower-cased, taken out of brackets, or refused', () => {
    expect(normaliseEmail(' Anna.Kovacs@Example.HU ')).toBe('anna.kovacs@example.hu');
    expect(normaliseEmail('Anna <anna@example.hu>')).toBe('anna@example.hu');
    expect(normaliseEmail('mailto:anna@example.hu')).toBe('anna@example.hu');
    for (const bad of ['szabo.gergo@', 'anna@example', 'anna example.hu', 'a@b.c', '']) expect(normaliseEmail(bad)).toBeNull();
  });

  it('counts and notify-before days in words', () => {
    expect(parseCount('3')).toBe(3);
    expect(parseCount('3 részletben')).toBe(3);
    expect(parseCount('10期')).toBe(10);
    expect(parseCount('0')).toBeNull();
    expect(parseCount('sok')).toBeNull();
    expect(parseNotifyDays('1 week', 'en')).toBe(7);
    expect(parseNotifyDays('2 hét', 'hu')).toBe(14);
    expect(parseNotifyDays('igen', 'hu')).toBe(7);
    expect(parseNotifyDays('10 nap', 'hu')).toBe(10);
    expect(parseNotifyDays('5', 'hu')).toBe(5);
    expect(parseNotifyDays('soha', 'hu')).toBeNull();
  });
});

describe('vocabulary', () => {
  it.each([
    ['Név', 'fullName', 'hu'],
    ['E-mail cím', 'email', 'hu'],
    ['Szülő telefonszáma', 'guardianPhone', 'hu'],
    ['Befizetve', 'paid', 'hu'],
    ['联系电话', 'phone', 'zh'],
    ['已缴', 'paid', 'zh'],
    ['班级', 'cohort', 'zh'],
    ['Prénom', 'firstName', 'fr'],
    ['Acompte', 'paid', 'fr'],
    ['Courriel', 'email', 'fr'],
    ['Nachname', 'lastName', 'de'],
    ['ФИО', 'fullName', 'ru'],
    ['Paid so far', 'paid', 'en'],
  ])('header %s is %s (%s)', (header, field, language) => {
    expect(matchHeader(header)).toMatchObject({ field, language, confidence: 1 });
  });

  it('headers with extra words still match, less surely', () => {
    expect(matchHeader('Telefonszám (mobil)')).toMatchObject({ field: 'phone', confidence: 0.8 });
    expect(matchHeader('Cipőméret')).toBeNull();
  });

  it.each([
    ['megerősítve', 'confirmed'],
    ['Gondolkodik', 'thinking'],
    ['lemondta', 'declined'],
    ['várólista', 'waitlist'],
    ['已报名', 'confirmed'],
    ['考虑中', 'thinking'],
    ['意向', 'inquiry'],
    ['已退费', 'cancelled'],
    ['Confirmé', 'confirmed'],
    ['En réflexion', 'thinking'],
    ['Annulé', 'cancelled'],
    ['Waitlist', 'waitlist'],
    ['Declined', 'declined'],
    ['bestätigt', 'confirmed'],
    ['думает', 'thinking'],
  ])('status %s is %s', (word, status) => {
    expect(matchStatus(word)).toBe(status);
  });

  it('totals labels in six languages', () => {
    for (const label of ['Összesen', 'Összesen:', '合计', 'Total', 'TOTAL', 'Итого', 'Gesamt', 'Summe'])
      expect(isTotalsLabel(label)).toBe(true);
    expect(isTotalsLabel('Tóth Gábor')).toBe(false);
  });
});

describe('accounting words and layout words', () => {
  it.each([
    ['应收', 'agreedPrice'],
    ['实收', 'paid'],
    ['欠费', 'balance'],
    ['应缴金额', 'agreedPrice'],
    ['未缴学费', 'balance'],
    ['Előírás', 'agreedPrice'],
    ['Befizetve', 'paid'],
    ['Hátralék', 'balance'],
    ['Még fizetendő', 'balance'],
    ['Montant dû', 'agreedPrice'],
    ['Reçu', 'paid'],
    ['Reste à payer', 'balance'],
    ['Sollbetrag', 'agreedPrice'],
    ['Eingegangen', 'paid'],
    ['Rückstand', 'balance'],
    ['К оплате', 'agreedPrice'],
    ['Получено', 'paid'],
    ['Задолженность', 'balance'],
    ['Receivable', 'agreedPrice'],
    ['Amount due', 'agreedPrice'],
    ['Received', 'paid'],
    ['Arrears', 'balance'],
    ['Fee', 'agreedPrice'],
    ['Student ID', 'externalId'],
    ['学号', 'externalId'],
    ['OM azonosító', 'externalId'],
  ])('amount or id header %s is %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('a due date is not an amount due', () => {
    expect(matchHeader('Due date')?.field).not.toBe('agreedPrice');
  });

  it('reads the blocks of repeated people and their guardians', () => {
    expect(blockHeader('Child 2 first name')).toMatchObject({ block: 2, role: 'person', rest: 'first name' });
    expect(blockHeader('1. gyermek neve')).toMatchObject({ block: 1, role: 'person', rest: 'neve' });
    expect(blockHeader('孩子3姓名')).toMatchObject({ block: 3, role: 'person', rest: '姓名' });
    expect(blockHeader('Enfant 1 - Prénom')).toMatchObject({ block: 1, role: 'person', rest: 'Prénom' });
    expect(blockHeader('Parent 2 phone')).toMatchObject({ block: 2, role: 'guardian', rest: 'phone' });
    expect(blockHeader('Angol A1')).toBeNull();
    expect(blockHeader('Telefon 2')).toBeNull();
  });

  it('knows template marks and example rows, and not real people', () => {
    for (const mark of ['required', 'Optional', 'kötelező', '必填', 'obligatoire', 'Pflichtfeld', 'обязательно', '*'])
      expect(isTemplateFlag(mark)).toBe(true);
    expect(isTemplateFlag('Kiss Anna')).toBe(false);
    expect(isExampleText('EXAMPLE – delete this row before upload', true)).toBe(true);
    expect(isExampleText('Minta János', true)).toBe(true);
    expect(isExampleText('Max Mustermann', true)).toBe(false);
    expect(isExampleText('Mustermann', true)).toBe(true);
    expect(isExampleText('示例学生', true)).toBe(true);
    expect(isExampleText('Kérjük, törölje ezt a sort', false)).toBe(true);
    expect(isExampleText('Minta', false)).toBe(false);
    expect(isExampleText('Samuel Green', true)).toBe(false);
  });
});

describe('the layout and column stages', () => {
  const rows = (lines: string[][]): Cell[][] => lines.map((line) => line.map((cell) => (cell === '' ? null : cell)));

  it('prefers the labels row under the keys and required marks, and a label cell over a bare list', () => {
    const template = rows([
      ['first_name', 'last_name', 'email'],
      ['required', 'required', 'optional'],
      ['First name', 'Last name', 'E-mail'],
      ['Anna', 'Kiss', 'anna@example.hu'],
    ]);
    expect(detectHeaderRow(template)).toEqual({ index: 2, labelsChosen: true });
    expect(detectHeaderRow(rows([['Class 4B'], [''], ['Pupils:'], ['Anna Kovács'], ['Bence Kiss']]))).toEqual({
      index: 2,
      labelsChosen: false,
    });
    expect(
      detectHeaderRow(
        rows([
          ['Név', 'Telefon'],
          ['Kiss Anna', '06301234567'],
        ]),
      ),
    ).toEqual({ index: 0, labelsChosen: false });
  });

  it('leaves out template rows, label cells and examples, each with its reason', () => {
    const columns = autoMap(['Név', 'Telefon'], rows([['Kiss Anna', '06301234567']]), 2026).columns;
    const header = rows([['Név', 'Telefon']])[0] as Cell[];
    const reason = (cells: string[]) => leftOutReason(rows([cells])[0] as Cell[], columns, header)?.code ?? null;
    expect(reason(['kötelező', 'nem kötelező'])).toBe('template_row');
    expect(reason(['full_name', 'phone_number'])).toBe('template_row');
    expect(reason(['Név', 'Telefon'])).toBe('template_row');
    expect(reason(['Tanulók:'])).toBe('label_row');
    expect(reason(['Példa Péter', '06301234567'])).toBe('example_row');
    expect(reason(['Összesen', ''])).toBe('totals_row');
    expect(reason(['Kiss Anna', '06301234567'])).toBeNull();
  });

  it('never takes dates for phones, maps nothing to an empty column, and lets the filled twin win', () => {
    const data = rows([
      ['Kiss Anna', '', 'Kiss', '2011-07-25', '2019-09-01', '06301234567'],
      ['Nagy Béla', '', 'Nagy', '2012-01-09', '2020-09-01', ''],
    ]);
    const { columns } = autoMap(['Név', 'Nom de famille', "Nom d'usage", 'Szül.', 'Felvétel', 'Mobil'], data, 2026);
    expect(columns.map((c) => [c.header, c.field, c.source])).toEqual([
      ['Név', 'fullName', 'header'],
      ['Nom de famille', null, 'none'],
      ["Nom d'usage", 'lastName', 'header'],
      ['Szül.', 'birthDate', 'values'],
      ['Felvétel', null, 'none'],
      ['Mobil', 'phone', 'header'],
    ]);
    const phoneByHeader = autoMap(['Telefon'], rows([['2011-07-25'], ['2012-01-09']]), 2026).columns[0];
    expect(phoneByHeader?.field).not.toBe('phone');
  });

  it('scales a header’s certainty by the values that read as its field', () => {
    const [phone] = autoMap(['Telefon'], rows([['06301234567'], ['06201234567'], ['nincs'], ['06701234567']]), 2026).columns;
    expect(phone).toMatchObject({ field: 'phone', confidence: 0.75 });
  });
});
