/**
 * Turning the rows of the current view into a downloaded file: CSV written by
 * ./model/csv (BOM, the locale's separator) or an XLSX workbook from SheetJS,
 * where numbers stay numbers so Excel can sum them and text is typed text (no
 * formula guard: that is CSV's). SheetJS is loaded only when someone exports, so
 * it costs nothing at start-up.
 */
import { csvSeparatorFor, toCsv } from './model/csv';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(matrix: string[][], fileName: string, locale: string): void {
  download(new Blob([toCsv(matrix, csvSeparatorFor(locale))], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
}

/** Excel's most characters in one cell: longer text is cut there rather than failing the whole file. */
const xlsxCellChars = 32_767;

/** Saves the matrix as an XLSX workbook; answers how many cells were cut to fit an Excel cell. */
export async function downloadXlsx(matrix: (string | number | null)[][], fileName: string, sheetName: string): Promise<number> {
  const XLSX = await import('@e965/xlsx');
  let truncated = 0;
  const fitted = matrix.map((row) =>
    row.map((cell) => {
      if (typeof cell !== 'string' || cell.length <= xlsxCellChars) return cell;
      truncated++;
      return cell.slice(0, xlsxCellChars);
    }),
  );
  const sheet = XLSX.utils.aoa_to_sheet(fitted);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName.slice(0, 31) || 'Sheet1');
  const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  download(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName}.xlsx`);
  return truncated;
}
