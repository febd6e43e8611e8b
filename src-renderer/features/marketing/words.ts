/**
 * How a value of the school's lists reads: a built-in key (`website`, `price`)
 * in the reader's language, a value the school typed itself as typed. One
 * function for screens, report tables and exported files, so a channel never
 * reads one way in the table and another in the sheet.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export type ListKind = 'channel' | 'reason' | 'kind';

export function useListWord(): (list: ListKind, value: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (list: ListKind, value: string | null | undefined) => {
      const key = value ?? '__none';
      return t(`marketing.${list}.${key}`, { defaultValue: key });
    },
    [t],
  );
}
