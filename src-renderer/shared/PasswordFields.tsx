/**
 * A new password, typed twice: the pair of inputs and the one check the form
 * makes before asking the API. Setting the owner's first password, changing
 * one's own, adding a user and resetting someone's password all use it, so the
 * four forms cannot drift apart (one autofilling the wrong thing, one letting a
 * mistyped second copy through). The password is typed twice because nobody can
 * look it up later — the workspace stores only its scrypt hash. Whether the
 * password itself is good enough is the API's verdict alone, shown under the
 * first input; each form keeps its own words through `keys`.
 */
import { PasswordInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from './formErrors';

export interface NewPassword {
  password: string;
  confirm: string;
}

export const emptyNewPassword: NewPassword = { password: '', confirm: '' };

/** The i18n keys of the pair's words: a first-run owner reads "New password", an owner adding a user "Password". */
export interface PasswordFieldKeys {
  password: string;
  /** Under the first input: what the API will accept. */
  hint: string;
  confirm: string;
  /** Under the second input when the two copies differ. */
  mismatch: string;
}

/** The errors to show when the two copies differ (under the second input), or null when they agree. */
export function mismatchErrors(value: NewPassword, keys: PasswordFieldKeys, t: TFunction): FormErrors | null {
  return value.password === value.confirm ? null : { fields: { confirm: t(keys.mismatch) }, form: null };
}

export function PasswordFields({
  value,
  onChange,
  keys,
  error,
  confirmError,
  autoFocus = false,
}: {
  value: NewPassword;
  onChange(next: NewPassword): void;
  keys: PasswordFieldKeys;
  /** The API's verdict on the password. */
  error?: string | undefined;
  /** The mismatch message from `mismatchErrors`. */
  confirmError?: string | undefined;
  /** Focus the first input when a dialog opens on it. */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t(keys.password)}
        description={t(keys.hint)}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={error}
        autoComplete="new-password"
        required
        data-autofocus={autoFocus || undefined}
      />
      <PasswordInput
        label={t(keys.confirm)}
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
        error={confirmError}
        autoComplete="new-password"
        required
      />
    </>
  );
}
