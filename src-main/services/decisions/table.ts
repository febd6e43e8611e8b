/**
 * The shape every decision report shares, and how one becomes a file. One table
 * shape (typed columns, rows, an optional total) lets a single screen, a single
 * CSV/XLSX writer and a single print layout serve every report, so a figure can
 * never read one way on screen and another in the exported sheet.
 *
 * Files carry money in the currency's major units (12 000 Ft, 123.45 €) because
 * they are read by people in a spreadsheet, not re-imported; the exponent comes
 * from our own ISO 4217 table (src-shared/money.ts), never from the platform.
 */
import type { ExportFile } from '../../../src-shared/api/imports-methods';
import type { ReportCell, ReportTable } from '../../../src-shared/api/reports-methods';
import { invalid } from '../../../src-shared/errors';
import { currencyExponent } from '../../../src-shared/money';
import type { ServiceContext } from '../../core/context';
import { today } from '../balances';
import { toCsv, xlsxOf } from '../exports';
import { getSettings } from '../settings';

export interface ReportPeriod {
  currency: string;
  from: string;
  to: string;
  asOf: string;
}

/** The period a report covers (this calendar year unless told), and the school's day positions are taken on. */
export function reportPeriod(ctx: ServiceContext, input: { from?: string | undefined; to?: string | undefined }): ReportPeriod {
  const asOf = today(ctx);
  const year = asOf.slice(0, 4);
  const from = input.from ?? `${year}-01-01`;
  const to = input.to ?? `${year}-12-31`;
  if (from > to) throw invalid(['to'], 'before_from', 'The end of the period is before its start');
  return { currency: getSettings(ctx).currency, from, to, asOf };
}

/** The sum of each money or count column over the rows (percent, text and key columns stay empty). */
export function totalOf(
  columns: ReportTable['columns'],
  rows: readonly Record<string, ReportCell>[],
  label: string,
): Record<string, ReportCell> {
  const total: Record<string, ReportCell> = {};
  for (const column of columns) {
    if (column.kind === 'money' || column.kind === 'count') {
      total[column.key] = rows.reduce((sum, row) => sum + (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0), 0);
    } else total[column.key] = null;
  }
  const first = columns[0];
  if (first && (first.kind === 'text' || first.kind === 'key' || first.kind === 'month')) total[first.key] = label;
  return total;
}

/** A share, or null where there is nothing to divide by (shown as a dash, never as 0 % or infinity). */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

interface FileOptions {
  format: 'csv' | 'xlsx';
  headers?: Record<string, string> | undefined;
  labels?: Record<string, string> | undefined;
}

/** A report as CSV (UTF-8 with BOM, formula-safe) or XLSX, with the reader's headers and words, money in major units. */
export function reportFile(report: ReportTable, options: FileOptions): ExportFile {
  const scale = 10 ** currencyExponent(report.currency);
  const headers = report.columns.map((c) => {
    const header = options.headers?.[c.key] ?? c.key;
    return c.kind === 'money' ? `${header} (${report.currency})` : header;
  });
  const toCells = (row: Record<string, ReportCell>): Record<string, unknown> =>
    Object.fromEntries(
      report.columns.map((c, i) => {
        const value = row[c.key] ?? null;
        if (value === null) return [headers[i], null];
        if (c.kind === 'money' && typeof value === 'number') return [headers[i], value / scale];
        if (c.kind === 'percent' && typeof value === 'number') return [headers[i], Math.round(value * 1000) / 10];
        if (c.kind === 'key' && typeof value === 'string') return [headers[i], options.labels?.[value] ?? value];
        return [headers[i], value];
      }),
    );
  const rows = [...report.rows, ...(report.total ? [report.total] : [])].map(toCells);
  const base = `tanoda-${report.kind}-${report.from}-${report.to}`;
  if (options.format === 'csv') {
    return {
      fileName: `${base}.csv`,
      mime: 'text/csv;charset=utf-8',
      contentBase64: Buffer.from(toCsv(headers, rows), 'utf8').toString('base64'),
      warnings: [],
    };
  }
  const { bytes, warnings } = xlsxOf([{ name: report.kind, columns: headers, rows }]);
  return {
    fileName: `${base}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: bytes.toString('base64'),
    warnings,
  };
}
