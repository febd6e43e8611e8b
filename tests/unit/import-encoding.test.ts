/**
 * Encoding and delimiter detection on short texts — where statistical detectors
 * alone go wrong: a Hungarian name or two in windows-1250, a French line in
 * windows-1252, a Russian line in windows-1251, a Chinese line in GB18030. Each is
 * written with iconv-lite and must come back exactly.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, readSheet, sniffDelimiter } from '../../src-main/services/imports/read';

describe('decoding short texts', () => {
  it.each([
    ['windows-1250', 'Név;Tanfolyam\r\nKovács Őszike;Angol\r\nSzűcs Győző;Német'],
    ['windows-1250', 'Árvíztűrő tükörfúrógép'],
    ['windows-1252', 'Nom;Prénom\r\nLefèvre;François\r\nGarçon;Amélie'],
    ['windows-1252', 'Straße;Größe;Müller'],
    ['windows-1251', 'ФИО;Курс\r\nИванов Иван;Шахматы'],
    ['windows-1251', 'Петрова Мария'],
    ['gb18030', '姓名,课程\r\n王小明,少儿英语'],
    ['gb18030', '欧阳娜娜 已报名'],
  ])('%s: %s', (encoding, text) => {
    const decoded = decodeText(new Uint8Array(iconv.encode(text, encoding)));
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
  });

  it('UTF-8 with and without a BOM, UTF-16 with a BOM and without', () => {
    const text = 'Név;Tel\r\nKovács Anna;06301234567';
    expect(decodeText(new Uint8Array(Buffer.from(text, 'utf8')))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])))).toEqual({
      text,
      encoding: 'utf-16le',
    });
    expect(decodeText(new Uint8Array(Buffer.from(text, 'utf16le')))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('delimiters and quoted line breaks', () => {
  it.each([
    ['a;b;c\n1;2,5;3\n4;5,5;6', ';'],
    ['a,b,c\n1,"2,5",3\n4,5,6', ','],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['Title line\n\na|b|c\n1|2|3\n4|5|6', '|'],
  ])('%j splits on %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it('keeps a line break inside quotes in its cell', () => {
    const grid = readSheet(
      new Uint8Array(Buffer.from('Név;Megjegyzés\r\nKovács Anna;"első sor\r\nmásodik sor"\r\n', 'utf8')),
      'a.csv',
      undefined,
    );
    expect(grid.rows.slice(0, 2)).toEqual([
      ['Név', 'Megjegyzés'],
      ['Kovács Anna', 'első sor\r\nmásodik sor'],
    ]);
  });
});
