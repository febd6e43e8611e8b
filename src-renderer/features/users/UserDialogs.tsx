/**
 * Adding a user and setting another user's password. Both send what was typed
 * to the API, which alone decides what is valid; its verdict appears under the
 * right input in the interface language. The password is typed twice, in the
 * shared PasswordFields, because nobody can look it up later — the workspace
 * stores only its scrypt hash.
 */
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/api/types';
import { useApi } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { emptyNewPassword, mismatchErrors, PasswordFields, type PasswordFieldKeys } from '../../shared/PasswordFields';

const noErrors: FormErrors = { fields: {}, form: null };
const passwordKeys: PasswordFieldKeys = {
  password: 'users.form.password',
  hint: 'users.form.passwordHint',
  confirm: 'users.form.confirm',
  mismatch: 'users.form.mismatch',
};
const assignableRoles = ['assistant', 'owner'] as const;
type AssignableRole = (typeof assignableRoles)[number];

function CreateUserForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<AssignableRole>('assistant');
  const [password, setPassword] = useState(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const clear = () => setErrors(noErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mismatch = mismatchErrors(password, passwordKeys, t);
    if (mismatch) {
      setErrors(mismatch);
      return;
    }
    setBusy(true);
    try {
      const user = await api.call('users.create', { displayName, username, role, password: password.password });
      notifications.show({ color: 'teal', message: t('users.form.created', { name: user.displayName, username: user.username }) });
      onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'users', ['displayName', 'username', 'role', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('users.form.displayName')}
          description={t('users.form.displayNameHint')}
          value={displayName}
          onChange={(e) => (setDisplayName(e.currentTarget.value), clear())}
          error={errors.fields.displayName}
          required
          data-autofocus
        />
        <TextInput
          label={t('users.form.username')}
          description={t('users.form.usernameHint')}
          value={username}
          onChange={(e) => (setUsername(e.currentTarget.value), clear())}
          error={errors.fields.username}
          autoComplete="off"
          required
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="new-user-role">
            {t('users.form.role')}
          </Text>
          <SegmentedControl
            aria-labelledby="new-user-role"
            value={role}
            onChange={(value) => setRole(value as AssignableRole)}
            data={assignableRoles.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))}
          />
          {errors.fields.role && (
            <Text size="xs" c="red">
              {errors.fields.role}
            </Text>
          )}
        </Stack>
        <PasswordFields
          value={password}
          onChange={(value) => (setPassword(value), clear())}
          keys={passwordKeys}
          error={errors.fields.password}
          confirmError={errors.fields.confirm}
        />
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('users.form.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('users.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreateUserDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.form.createTitle')} centered>
      {opened && <CreateUserForm onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [password, setPassword] = useState(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const clear = () => setErrors(noErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mismatch = mismatchErrors(password, passwordKeys, t);
    if (mismatch) {
      setErrors(mismatch);
      return;
    }
    setBusy(true);
    try {
      await api.call('users.resetPassword', { id: user.id, password: password.password });
      notifications.show({ color: 'teal', message: t('users.reset.done', { name: user.displayName }) });
      onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'users', ['password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('users.reset.explain')}</Text>
        <PasswordFields
          value={password}
          onChange={(value) => (setPassword(value), clear())}
          keys={passwordKeys}
          error={errors.fields.password}
          confirmError={errors.fields.confirm}
          autoFocus
        />
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('users.form.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('users.reset.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.reset.title', { name: user.displayName }) : ''} centered>
      {user && <ResetPasswordForm user={user} onDone={onClose} />}
    </Modal>
  );
}
