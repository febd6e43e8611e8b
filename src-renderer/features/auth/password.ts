/**
 * The words of the sign-in layer's password pair (the owner's first password
 * and "Change password"): both forms say "New password" and check the copies
 * with the same message, so the keys are named once here for the shared
 * PasswordFields.
 */
import type { PasswordFieldKeys } from '../../shared/PasswordFields';

export const newPasswordKeys: PasswordFieldKeys = {
  password: 'auth.password.new',
  hint: 'auth.password.hint',
  confirm: 'auth.password.confirm',
  mismatch: 'auth.password.mismatch',
};
