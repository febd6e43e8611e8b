/**
 * Turning an API error into words beside the right inputs. The router names
 * each bad field by its input path and a stable code; a form looks the code up
 * first in its own namespace (`users.errors.password.too_small`) and then in the
 * general field messages, so every message is in the interface language and a
 * new code still reads as something sensible rather than an English fallback.
 * Forms of several features use it (signing in, users, the password fields), so
 * it lives in shared/ instead of making them reach into one another.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export interface FormErrors {
  /** The first message for each input, keyed by the API path's first segment. */
  fields: Record<string, string>;
  /** A message for the whole form: the error's code, plus anything no input owns. */
  form: string | null;
}

export function formErrorsOf(error: unknown, t: TFunction, namespace: string, knownFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: t('errors.code.INTERNAL') };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const field of error.fields) {
    const path = String(field.path[0] ?? '');
    const message = t([
      `${namespace}.errors.${path}.${field.code}`,
      `${namespace}.errors.${field.code}`,
      `errors.field.${field.code}`,
      'errors.field.invalid',
    ]);
    if (knownFields.includes(path)) fields[path] ??= message;
    else unplaced.push(message);
  }
  const placed = Object.keys(fields).length > 0;
  const form =
    unplaced.length > 0 ? unplaced.join(' ') : placed ? null : t([`${namespace}.errors.${error.code}`, `errors.code.${error.code}`]);
  return { fields, form };
}
