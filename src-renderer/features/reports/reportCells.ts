/**
 * How a report cell reads on screen and in a file: money in the school's
 * currency and locale, counts as integers, shares as percentages, months as
 * short month names, and `key` cells (a status, a channel, a reason, a campaign
 * kind) in the reader's language. The file writer gets the same words through
 * `labelsOf`, so an exported sheet says what the screen says.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportCell, ReportColumnKind, ReportTable } from '../../../src-shared/api/reports-methods';
import { useListWord, type ListKind } from '../marketing';
import { useFormat } from '../../shared/workspace';
import { monthLabel } from './period';

/** Which list words a `key` column uses. */
const keyLists: Record<string, ListKind | 'cohortStatus'> = { channel: 'channel', reason: 'reason', kind: 'kind', status: 'cohortStatus' };

export function useCellText(table: ReportTable | undefined): (column: { key: string; kind: ReportColumnKind }, value: ReportCell) => string {
  const { t } = useTranslation();
  const format = useFormat();
  const word = useListWord();
  const spansYears = Boolean(table && table.from.slice(0, 4) !== table.to.slice(0, 4));
  const percent = useMemo(() => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }), [format.locale]);
  return useCallback(
    (column, value) => {
      if (value === 'total') return t('decisions.total');
      if (value === null) {
        if (column.key === 'program') return t('decisions.noProgram');
        if (column.kind === 'text' && (column.key === 'staff' || column.key === 'guardian')) return column.key === 'staff' ? t('decisions.nobody') : '—';
        return '—';
      }
      if (typeof value === 'number') {
        if (column.kind === 'money') return format.money(value);
        if (column.kind === 'percent') return percent.format(value);
        return format.integer(value);
      }
      if (column.kind === 'month') return monthLabel(value, format.locale, spansYears);
      if (column.kind === 'key') {
        const list = keyLists[column.key];
        if (list === 'cohortStatus') return t(`labels.cohortStatus.${value}`, { defaultValue: value });
        if (list) return word(list, value);
      }
      return value;
    },
    [t, format, word, spansYears, percent],
  );
}

/** Column headers and key words in the reader's language, for `reports.*File`. */
export function useFileWords(): (table: ReportTable) => { headers: Record<string, string>; labels: Record<string, string> } {
  const { t } = useTranslation();
  const word = useListWord();
  return useCallback(
    (table: ReportTable) => {
      const headers = Object.fromEntries(table.columns.map((c) => [c.key, t(`decisions.col.${c.key}`)]));
      const labels: Record<string, string> = { total: t('decisions.total') };
      for (const column of table.columns) {
        if (column.kind !== 'key') continue;
        const list = keyLists[column.key];
        for (const row of [...table.rows]) {
          const value = row[column.key];
          if (typeof value !== 'string' || !list) continue;
          labels[value] = list === 'cohortStatus' ? t(`labels.cohortStatus.${value}`, { defaultValue: value }) : word(list, value);
        }
      }
      return { headers, labels };
    },
    [t, word],
  );
}
