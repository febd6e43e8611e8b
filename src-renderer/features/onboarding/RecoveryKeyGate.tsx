/**
 * The recovery key, shown once. The school's database and every backup are
 * encrypted with a key this computer keeps in its keychain; the recovery key is
 * that key written for people, and the only way to open a backup on another
 * computer. So right after the key is made (the first start, or the start that
 * encrypted a file from an earlier version) the owner meets this screen before
 * anything else, and leaves it only by confirming they wrote the key down,
 * which the workspace records so it is never shown again.
 *
 * Like the wizard's gate it never keeps the app from opening: a question that
 * fails lets the owner through.
 */
import { Alert, Button, Center, Checkbox, Code, CopyButton, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../../api/context';

const askOnce: readonly string[] = [];

function RecoveryKeyScreen({ recoveryKey, onSaved }: { recoveryKey: string; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [written, setWritten] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailed(null);
    try {
      await api.call('backups.recoveryKeySaved', {});
      onSaved();
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="xl" bg="var(--mantine-color-body)">
      <Paper withBorder radius="lg" p="xl" w="100%" maw={720} shadow="sm" data-testid="recovery-key-screen">
        <Stack gap="lg">
          <Group gap="sm">
            <IconKey size={28} />
            <Title order={2}>{t('onboarding.recoveryKey.title')}</Title>
          </Group>
          <Text>{t('onboarding.recoveryKey.intro')}</Text>
          {/* Breaks only between the groups of five, so no character is ever cut off or split. */}
          <Code block fz="lg" ta="center" style={{ whiteSpace: 'normal', wordBreak: 'keep-all' }} data-testid="recovery-key">
            {recoveryKey}
          </Code>
          <Group>
            <CopyButton value={recoveryKey}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('onboarding.recoveryKey.copied') : t('onboarding.recoveryKey.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="yellow" variant="light">
            {t('onboarding.recoveryKey.warning')}
          </Alert>
          <Checkbox
            checked={written}
            onChange={(event) => setWritten(event.currentTarget.checked)}
            label={t('onboarding.recoveryKey.written')}
            data-testid="recovery-key-written"
          />
          {failed && (
            <Alert color="red" variant="light">
              {t('onboarding.recoveryKey.failed', { reason: failed })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={() => void confirm()} disabled={!written} loading={busy} data-testid="recovery-key-continue">
              {t('onboarding.recoveryKey.continue')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}

/** Shows the recovery key while the workspace still offers it, then what it wraps. */
export function RecoveryKeyGate({ children }: { children: ReactNode }) {
  const offer = useQuery('backups.recoveryKey', {}, { tables: askOnce });
  const [saved, setSaved] = useState(false);
  if (!offer.data && !offer.error) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  const recoveryKey = offer.data?.recoveryKey ?? null;
  if (recoveryKey && !saved) return <RecoveryKeyScreen recoveryKey={recoveryKey} onSaved={() => setSaved(true)} />;
  return children;
}
