/**
 * The export menu's words in the three interface languages.
 */
import { defineCatalogs } from '../../i18n/features';

const en = {
  button: 'Export',
  buttonLabel: 'Export {{what}}',
  menuLabel: 'Save as',
  csv: 'CSV (UTF-8, opens in Excel)',
  xlsx: 'Excel workbook (XLSX)',
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
    saved: 'A(z) {{fileName}} a letöltések közé került',
    failed: 'Az exportálás nem sikerült',
  },
  zh: {
    button: '导出',
    buttonLabel: '导出{{what}}',
    menuLabel: '保存为',
    csv: 'CSV（UTF-8，可用 Excel 打开）',
    xlsx: 'Excel 工作簿（XLSX）',
    saved: '{{fileName}} 已保存到下载文件夹',
    failed: '导出失败',
  },
});
