/**
 * The first-run password for the owner. A new workspace opens without asking,
 * signed in as the owner, because nobody has a password yet; this banner and
 * dialog say plainly that anyone at this machine is the owner until one is set,
 * and set it. After that, opening Tanoda asks who you are.
 */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { emptyNewPassword, mismatchErrors, PasswordFields } from '../../shared/PasswordFields';
import { newPasswordKeys } from './password';
import { useSession } from './session';
import { useAuthUi } from './store';

const noErrors: FormErrors = { fields: {}, form: null };

/**
 * The password form. The first-run wizard passes `onSkip`: it then shows the
 * banner's warning above the fields and offers "Remind me later" instead of
 * Cancel, so the one warning is worded once whichever way the owner meets it.
 */
export function SetupOwnerForm({ onDone, onSkip }: { onDone(): void; onSkip?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { status, update } = useSession();
  const [displayName, setDisplayName] = useState(status.user?.displayName ?? '');
  const [password, setPassword] = useState(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mismatch = mismatchErrors(password, newPasswordKeys, t);
    if (mismatch) {
      setErrors(mismatch);
      return;
    }
    setBusy(true);
    try {
      const next = await api.call('auth.setupOwner', { password: password.password, displayName });
      notifications.show({ color: 'teal', message: t('auth.setup.done') });
      onDone();
      update(next);
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'auth', ['displayName', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        {onSkip && (
          <Alert variant="light" color="yellow" icon={<IconShieldLock size={20} stroke={1.6} />} title={t('auth.setup.bannerTitle')}>
            {t('auth.setup.bannerText')}
          </Alert>
        )}
        <Text size="sm">{t('auth.setup.explain')}</Text>
        <TextInput
          label={t('auth.setup.displayName')}
          value={displayName}
          onChange={(e) => (setDisplayName(e.currentTarget.value), setErrors(noErrors))}
          error={errors.fields.displayName}
          autoComplete="name"
        />
        <PasswordFields
          value={password}
          onChange={(value) => (setPassword(value), setErrors(noErrors))}
          keys={newPasswordKeys}
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
          <Button variant="default" onClick={onSkip ?? onDone}>
            {t(onSkip ? 'auth.setup.dismiss' : 'auth.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('auth.setup.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SetupOwnerDialog() {
  const { t } = useTranslation();
  const { setupOpen, closeSetup } = useAuthUi();
  return (
    <Modal opened={setupOpen} onClose={closeSetup} title={t('auth.setup.title')} centered>
      {setupOpen && <SetupOwnerForm onDone={closeSetup} />}
    </Modal>
  );
}

/** Shown at the top of the workspace while the owner has no password; dismissible for this window. */
export function SetupBanner() {
  const { t } = useTranslation();
  const { status } = useSession();
  const { bannerDismissed, dismissBanner, openSetup } = useAuthUi();
  if (!status.needsSetup || bannerDismissed) return null;
  return (
    <Alert
      variant="light"
      color="yellow"
      icon={<IconShieldLock size={20} stroke={1.6} />}
      title={t('auth.setup.bannerTitle')}
      withCloseButton
      closeButtonLabel={t('auth.setup.dismiss')}
      onClose={dismissBanner}
      mb="lg"
      data-testid="setup-banner"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('auth.setup.bannerText')}</Text>
        <Button size="xs" variant="light" color="yellow" onClick={openSetup}>
          {t('auth.setup.open')}
        </Button>
      </Group>
    </Alert>
  );
}
