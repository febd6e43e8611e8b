/**
 * Where the API's refusal of a new enrollment is shown. The enroll call checks
 * everything at once, so one answer can name several fields; each message goes
 * under the field it came from (a new client's missing name under the last name,
 * any row-level plan problem under the plan rows), and only what has no field on
 * screen goes to the alert at the bottom, so no message is lost or shown twice.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

const knownFields = new Set([
  'clientId',
  'newClient.lastName',
  'newClient.phone',
  'newClient.email',
  'cohortId',
  'programId',
  'agreedPriceMinor',
  'discountMinor',
  'plan.count',
  'plan.firstDueOn',
  'plan.totalMinor',
  'plan.rows',
  'plan.rows.#.dueOn',
  'plan.rows.#.amountMinor',
  'firstPayment.amountMinor',
]);

/** The field on screen that shows an error reported at this path. */
function placeOf(key: string): string {
  if (key === 'newClient.displayName' || key === 'newClient.firstName') return 'newClient.lastName';
  if (key.startsWith('plan.rows') && !/^plan\.rows\.\d+\./.test(key)) return 'plan.rows';
  return key;
}

export function useEnrollErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = (...keys: string[]) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  const err = (key: string): string | undefined => errors[key];

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFormError(t('errors.code.INTERNAL'));
      return;
    }
    const next: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const field of error.fields) {
      const key = field.path.join('.');
      const message = t([
        `enroll.errors.${key.replace(/\.\d+\./g, '.')}.${field.code}`,
        `enroll.errors.${field.code}`,
        `errors.field.${field.code}`,
        'errors.field.invalid',
      ]);
      const placed = placeOf(key);
      if (knownFields.has(placed.replace(/\.\d+\./, '.#.')) && !next[placed]) next[placed] = message;
      else unplaced.push(message);
    }
    setErrors(next);
    setFormError(unplaced.length > 0 || Object.keys(next).length === 0 ? [t(`errors.code.${error.code}`), ...unplaced].join(' ') : null);
  };

  return { err, clear, formError, clearFormError: () => setFormError(null), showError };
}

/** What a section needs to show its errors and clear them as the person types. */
export type EnrollErrors = Pick<ReturnType<typeof useEnrollErrors>, 'err' | 'clear'>;
