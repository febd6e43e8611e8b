/**
 * Signing in. The people who have signed in on this machine are listed by name
 * (the machine remembers who, never a password), so the usual case is one click
 * and a password; anyone else types their sign-in name. A refused attempt says
 * so under the password in the interface language and leaves the name in place.
 */
import { Alert, Avatar, Button, Group, PasswordInput, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconCheck, IconLogin, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RememberedUser } from '../../../src-shared/api/auth-methods';
import { useApi } from '../../api/context';
import { AuthScreen } from './AuthScreen';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useSession } from './session';

const noErrors: FormErrors = { fields: {}, form: null };

function RememberedChoice({ user, chosen, onChoose }: { user: RememberedUser; chosen: boolean; onChoose(): void }) {
  return (
    <UnstyledButton
      onClick={onChoose}
      aria-pressed={chosen}
      data-testid="remembered-user"
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid ${chosen ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
        background: chosen ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap">
        <Avatar radius="xl" color="initials" name={user.displayName} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={500} truncate>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.username}
          </Text>
        </div>
        {chosen && <IconCheck size={18} stroke={1.8} color="var(--mantine-primary-color-filled)" />}
      </Group>
    </UnstyledButton>
  );
}

export function SignInScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { status, update } = useSession();
  const remembered = status.rememberedUsers;
  const [username, setUsername] = useState(remembered.length === 1 ? remembered[0]!.username : '');
  const [typing, setTyping] = useState(remembered.length === 0);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      update(await api.call('auth.login', { username, password }));
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'auth', ['username', 'password']));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const choose = (name: string) => {
    setUsername(name);
    setTyping(false);
    setErrors(noErrors);
  };

  return (
    <AuthScreen testId="sign-in" title={t('auth.signIn.title')} subtitle={t('auth.signIn.subtitle')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {remembered.length > 0 && (
            <Stack gap="xs" role="group" aria-label={t('auth.signIn.remembered')}>
              <Text size="sm" fw={500}>
                {t('auth.signIn.remembered')}
              </Text>
              {remembered.map((user) => (
                <RememberedChoice
                  key={user.username}
                  user={user}
                  chosen={!typing && username === user.username}
                  onChoose={() => choose(user.username)}
                />
              ))}
              {!typing && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconUserPlus size={16} />}
                  onClick={() => (setTyping(true), setUsername(''))}
                  w="fit-content"
                >
                  {t('auth.signIn.someoneElse')}
                </Button>
              )}
            </Stack>
          )}
          {typing && (
            <TextInput
              label={t('auth.signIn.username')}
              value={username}
              onChange={(e) => (setUsername(e.currentTarget.value), setErrors(noErrors))}
              error={errors.fields.username}
              autoComplete="username"
              autoFocus
              required
            />
          )}
          <PasswordInput
            label={t('auth.signIn.password')}
            value={password}
            onChange={(e) => (setPassword(e.currentTarget.value), setErrors(noErrors))}
            error={errors.fields.password || errors.form}
            autoComplete="current-password"
            autoFocus={!typing}
            required
          />
          <Button type="submit" loading={busy} leftSection={<IconLogin size={16} />} disabled={username.trim() === ''}>
            {t('auth.signIn.submit')}
          </Button>
          <Alert variant="light" color="gray" p="xs">
            <Text size="xs" c="dimmed">
              {t('auth.signIn.forgot')}
            </Text>
          </Alert>
        </Stack>
      </form>
    </AuthScreen>
  );
}
