import { describe, expect, it } from 'vitest';
import { familyNameFirst, nameFieldOrder } from '../../src-shared/names';
import { splitFullName } from '../../src-shared/import/values';

describe('the order a school writes names in', () => {
  it('puts the family name first for Hungarian, Chinese and Russian schools and last for English, French and German ones', () => {
    expect(['hu-HU', 'zh-CN', 'ru-RU', 'ja', 'ko-KR', 'vi-VN'].filter(familyNameFirst)).toHaveLength(6);
    expect(['en-GB', 'en-US', 'fr-FR', 'de-AT', 'es'].some(familyNameFirst)).toBe(false);
  });

  it('orders the name inputs of every dialog the way new clients are named', () => {
    expect(nameFieldOrder('hu-HU')).toEqual(['lastName', 'firstName']);
    expect(nameFieldOrder('en_GB')).toEqual(['firstName', 'lastName']);
  });

  it('splits a name written in one cell with the same table', () => {
    expect(splitFullName('Kovács Anna', 'hu-HU')).toMatchObject({ lastName: 'Kovács', firstName: 'Anna' });
    expect(splitFullName('Anna Kovács', 'en-GB')).toMatchObject({ lastName: 'Kovács', firstName: 'Anna' });
    expect(splitFullName('Иванов Иван', 'en-GB')).toMatchObject({ lastName: 'Иванов', firstName: 'Иван' });
  });
});
