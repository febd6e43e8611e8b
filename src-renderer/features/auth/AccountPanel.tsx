/**
 * "My account" in Settings: who is signed in here, with which role, and the
 * form to change one's own password (the current one is needed, so a session
 * left open cannot be taken over by changing its password).
 */
import { Alert, Avatar, Badge, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { emptyNewPassword, mismatchErrors, PasswordFields } from '../../shared/PasswordFields';
import { newPasswordKeys } from './password';
import { useSession } from './session';
import { useAuthUi } from './store';

const noErrors: FormErrors = { fields: {}, form: null };

function ChangePasswordForm() {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mismatch = mismatchErrors(next, newPasswordKeys, t);
    if (mismatch) {
      setErrors(mismatch);
      return;
    }
    setBusy(true);
    try {
      update(await api.call('auth.changePassword', { current, next: next.password }));
      setCurrent('');
      setNext(emptyNewPassword);
      setErrors(noErrors);
      notifications.show({ color: 'teal', message: t('auth.account.changed') });
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'auth.account', ['current', 'next']));
    } finally {
      setBusy(false);
    }
  };

  const clear = () => setErrors(noErrors);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md" maw={420}>
        <PasswordInput
          label={t('auth.account.current')}
          value={current}
          onChange={(e) => (setCurrent(e.currentTarget.value), clear())}
          error={errors.fields.current}
          autoComplete="current-password"
          required
        />
        <PasswordFields
          value={next}
          onChange={(value) => (setNext(value), clear())}
          keys={newPasswordKeys}
          error={errors.fields.next}
          confirmError={errors.fields.confirm}
        />
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          {t('auth.account.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function AccountPanel() {
  const { t } = useTranslation();
  const { status } = useSession();
  const openSetup = useAuthUi((s) => s.openSetup);
  const user = status.user;
  if (!user) return null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={3}>{t('auth.account.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('auth.account.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="md">
        <Group gap="md" wrap="nowrap">
          <Avatar radius="xl" size="lg" color="initials" name={user.displayName} />
          <div>
            <Text fw={500}>{user.displayName}</Text>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {user.username}
              </Text>
              <Badge variant="light" size="sm">
                {t(`auth.roles.${user.role}`)}
              </Badge>
            </Group>
          </div>
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={4} mb="md">
          {t('auth.account.passwordTitle')}
        </Title>
        {status.needsSetup ? (
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('auth.setup.bannerText')}</Text>
            <Button onClick={openSetup}>{t('auth.setup.open')}</Button>
          </Stack>
        ) : (
          <ChangePasswordForm />
        )}
      </Paper>
    </Stack>
  );
}
