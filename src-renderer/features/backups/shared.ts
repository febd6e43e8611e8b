/**
 * What the Backups tab and its two restore dialogs share: how a backup's time
 * and size are written in the reader's locale, how an API refusal becomes words
 * (the tab's own wording first, then the app's), and the tables every screen
 * must refetch after a restore, which replaces the database underneath them and
 * leaves no change log describing it.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** Every table a screen may show: after a restore all of them are stale. */
export const everyTable = [
  'settings',
  'users',
  'programs',
  'teachers',
  'rooms',
  'cohorts',
  'clients',
  'enrollments',
  'enrollment_status_history',
  'instalments',
  'payments',
  'payment_allocations',
  'lessons',
  'attendance',
  'activities',
  'import_batches',
  'tasks',
  'reminder_states',
  'message_templates',
  'import_mappings',
  'saved_views',
  'changes',
];

export function useBackupFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    when: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    size: (bytes: number) => {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: units[unit],
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(value);
    },
  };
}

export function errorText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  return error.fields[0]
    ? t([`backups.errors.${error.fields[0].code}`, `errors.field.${error.fields[0].code}`])
    : t(`errors.code.${error.code}`);
}
