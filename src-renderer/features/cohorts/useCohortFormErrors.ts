/**
 * Where the API's refusal of a cohort is shown: each field error under its input
 * (schedule errors under their slot), and whatever has no input on screen in the
 * alert at the bottom together with the error's general message, so a refusal
 * never leaves the form silently unsaved.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

const knownFields = ['programId', 'name', 'teacherId', 'roomId', 'startOn', 'endOn', 'capacity', 'minimumToRun', 'priceMinor', 'status'];

export function useCohortFormErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) return setFormError(t('errors.code.INTERNAL'));
    const next: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const field of error.fields) {
      const key = field.path.join('.');
      const message = t([`cohorts.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      if (key && !next[key]) next[key] = message;
      else unplaced.push(message);
    }
    setErrors(next);
    const stray = Object.keys(next).filter((k) => !knownFields.includes(k) && !k.startsWith('schedule.'));
    setFormError(
      unplaced.length > 0 || stray.length > 0 || Object.keys(next).length === 0
        ? [t(`errors.code.${error.code}`), ...unplaced, ...stray.map((k) => next[k])].join(' ')
        : null,
    );
  };

  return { errors, formError, clearFormError: () => setFormError(null), showError };
}
