/**
 * The locked session: the app's screens are unmounted (nothing of the school's
 * data stays on the page), and only the person who locked it can carry on by
 * typing their password. Anyone else signs the session out and signs in as
 * themselves.
 */
import { Avatar, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLockOpen, IconLogout } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../src-shared/api/auth-methods';
import { useApi } from '../../api/context';
import { AuthScreen } from './AuthScreen';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useSession } from './session';

const noErrors: FormErrors = { fields: {}, form: null };

export function LockScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useSession();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      update(await api.call('auth.unlock', { password }));
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'auth', ['password']));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    try {
      update(await api.call('auth.logout', {}));
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'auth', []));
    }
  };

  return (
    <AuthScreen testId="lock-screen" title={t('auth.lock.title')} subtitle={t('auth.lock.subtitle')}>
      <form onSubmit={(e) => void unlock(e)} noValidate>
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <Avatar radius="xl" color="initials" name={user.displayName} />
            <div>
              <Text fw={500}>{user.displayName}</Text>
              <Text size="xs" c="dimmed">
                {user.username} · {t(`auth.roles.${user.role}`)}
              </Text>
            </div>
          </Group>
          <PasswordInput
            label={t('auth.signIn.password')}
            value={password}
            onChange={(e) => (setPassword(e.currentTarget.value), setErrors(noErrors))}
            error={errors.fields.password || errors.form}
            autoComplete="current-password"
            autoFocus
            required
          />
          <Button type="submit" loading={busy} leftSection={<IconLockOpen size={16} />}>
            {t('auth.lock.unlock')}
          </Button>
          <Button variant="subtle" color="gray" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
            {t('auth.lock.someoneElse')}
          </Button>
        </Stack>
      </form>
    </AuthScreen>
  );
}
