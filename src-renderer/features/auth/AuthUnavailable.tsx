/**
 * What the gate shows when the main process cannot say who this session is (the
 * bridge's token is missing, the workspace could not be opened): the reason in
 * the interface language and a way to ask again, instead of an empty window.
 */
import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';

export function AuthUnavailable({ error, onRetry }: { error: ApiError; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" p="xl">
      <Alert color="red" title={t('app.unreachableTitle')} maw={520} variant="light">
        <Stack gap="sm">
          <Text size="sm">{error.code === 'UNAUTHENTICATED' ? t('app.noToken') : t(`errors.code.${error.code}`)}</Text>
          <Text size="xs" c="dimmed">
            {error.message}
          </Text>
          <Button variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('app.retry')}
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
