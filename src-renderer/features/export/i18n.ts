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
  },
});
