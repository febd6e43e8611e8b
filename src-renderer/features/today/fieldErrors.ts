/**
 * The API's refusal of a Today dialog, as the dialog shows it: a message per
 * field (the input's top-level name), translated, looked up from the most
 * particular key to the most general, or one general line when no field is named.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** Field errors of a failed call, translated, keyed by the input's top-level name. */
export function useFieldErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const capture = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setGeneral(String(error));
      return;
    }
    const byField: Record<string, string> = {};
    for (const [field, detail] of Object.entries(error.byField())) {
      byField[field] = t([
        `today.errors.${field}.${detail.code}`,
        `today.errors.${detail.code}`,
        `errors.field.${detail.code}`,
        'errors.field.invalid',
      ]);
    }
    setErrors(byField);
    setGeneral(Object.keys(byField).length === 0 ? t(`errors.code.${error.code}`) : null);
  };
  const reset = () => {
    setErrors({});
    setGeneral(null);
  };
  return { errors, general, capture, reset };
}
