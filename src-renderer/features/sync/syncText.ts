/**
 * How the Sync tab puts things into words: an API refusal as one sentence (the
 * field's code when the refusal names a field, the error's code otherwise), and
 * a moment as a date and time in the interface language, or "never". Every panel
 * of the tab uses the same two, so the same refusal reads the same everywhere.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

export function errorText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  const field = error.fields[0];
  return field
    ? t([`sync.errors.${field.code}`, `errors.field.${field.code}`, `errors.code.${error.code}`])
    : t(`errors.code.${error.code}`);
}

export function useWhen() {
  const { i18n, t } = useTranslation();
  return (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
      : t('sync.status.never');
}
