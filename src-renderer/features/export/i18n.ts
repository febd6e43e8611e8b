/**
 * The export menus' words (table export and a client's own data) in the three
 * interface languages.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  button: 'Export',
  buttonLabel: 'Export {{what}}',
  menuLabel: 'Save as',
  csv: 'CSV (UTF-8, opens in Excel)',
  xlsx: 'Excel workbook (XLSX)',
  json: 'JSON (complete, machine-readable)',
  clientButton: 'Export their data',
  clientMenuLabel: 'Everything held about this client',
  saved: '{{fileName}} was saved to your downloads',
  failed: 'The export failed',
  truncated_one:
    '{{count}} cell of “{{column}}” was longer than an Excel cell holds (32,767 characters) and was cut; export as CSV to keep it whole',
  truncated_other:
    '{{count}} cells of “{{column}}” were longer than an Excel cell holds (32,767 characters) and were cut; export as CSV to keep them whole',
};

export const catalogs = defineCatalogs(en, {
  hu: {
    button: 'Exportálás',
    buttonLabel: '{{what}} exportálása',
    menuLabel: 'Mentés mint',
    csv: 'CSV (UTF-8, Excelben is megnyílik)',
    xlsx: 'Excel-munkafüzet (XLSX)',
    json: 'JSON (teljes, géppel olvasható)',
    clientButton: 'Adatainak exportálása',
    clientMenuLabel: 'Minden, amit erről az ügyfélről tárolunk',
    saved: 'A(z) {{fileName}} a letöltések közé került',
    failed: 'Az exportálás nem sikerült',
    truncated_one:
      'A(z) „{{column}}” oszlop {{count}} cellája hosszabb volt, mint amennyit egy Excel-cella elbír (32 767 karakter), ezért levágtuk; CSV-exportban teljes marad',
    truncated_other:
      'A(z) „{{column}}” oszlop {{count}} cellája hosszabb volt, mint amennyit egy Excel-cella elbír (32 767 karakter), ezért levágtuk; CSV-exportban teljes marad',
  },
  zh: {
    button: '导出',
    buttonLabel: '导出{{what}}',
    menuLabel: '保存为',
    csv: 'CSV（UTF-8，可用 Excel 打开）',
    xlsx: 'Excel 工作簿（XLSX）',
    json: 'JSON（完整，机器可读）',
    clientButton: '导出其个人数据',
    clientMenuLabel: '本学员的全部数据',
    saved: '{{fileName}} 已保存到下载文件夹',
    failed: '导出失败',
    truncated_one: '“{{column}}”列有 {{count}} 个单元格超过 Excel 单元格的上限（32,767 个字符），已被截断；导出为 CSV 可保留完整内容',
    truncated_other: '“{{column}}”列有 {{count}} 个单元格超过 Excel 单元格的上限（32,767 个字符），已被截断；导出为 CSV 可保留完整内容',
  },
});
