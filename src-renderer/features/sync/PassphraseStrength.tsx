/**
 * The strength hint under a new sync passphrase, judged by the same rule the API
 * enforces (src-shared/passphrase.ts): the owner sees why a passphrase would be
 * refused before sending it, and how hard it would be to guess — the folder's
 * wrapped key can be copied and attacked offline, so this is the school's lock.
 */
import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { judgePassphrase } from '../../../src-shared/passphrase';

const colors = ['gray', 'red', 'orange', 'teal', 'green'] as const;
const levels = ['empty', 'weak', 'fair', 'good', 'strong'] as const;

export function PassphraseStrength({ passphrase }: { passphrase: string }) {
  const { t } = useTranslation();
  const verdict = judgePassphrase(passphrase);
  if (passphrase === '') return null;
  return (
    <Stack gap={4} data-testid="sync-passphrase-strength">
      <Progress value={verdict.strength * 25} color={colors[verdict.strength]} size="sm" aria-hidden />
      <Text size="xs" c={verdict.acceptable ? 'dimmed' : 'red'}>
        {verdict.problem
          ? t(`sync.errors.${verdict.problem}`)
          : t('sync.strength.label', { level: t(`sync.strength.${levels[verdict.strength]}`) })}
      </Text>
    </Stack>
  );
}
