/**
 * The wizard's last step: three ways to begin, each a large button that says
 * what will happen before it happens. The choice itself is made by the wizard
 * (Wizard.tsx), which records it so the wizard never comes back; this component
 * only offers it and shows which one is under way.
 */
import { Group, Loader, Paper, SimpleGrid, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconFileImport, IconSchool, IconSeeding, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WizardOutcome } from '../../../src-shared/domain';

export type StartChoice = Exclude<WizardOutcome, 'skipped'>;

/** How many clients the demo school has: enough to fill every screen, few enough to build in a moment. */
export const demoClients = 300;

const choices: { id: StartChoice; icon: Icon; color: string }[] = [
  { id: 'import', icon: IconFileImport, color: 'blue' },
  { id: 'demo', icon: IconSchool, color: 'grape' },
  { id: 'empty', icon: IconSeeding, color: 'teal' },
];

export function StartStep({ busy, onChoose }: { busy: StartChoice | null; onChoose(choice: StartChoice): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text fw={600}>{t('onboarding.start.title')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {choices.map(({ id, icon: ChoiceIcon, color }) => (
          <UnstyledButton
            key={id}
            onClick={() => onChoose(id)}
            disabled={busy !== null}
            data-testid={`start-${id}`}
            style={{ opacity: busy !== null && busy !== id ? 0.5 : 1 }}
          >
            <Paper withBorder radius="md" p="lg" h="100%">
              <Stack gap="sm">
                <Group justify="space-between">
                  <ThemeIcon size="xl" radius="md" variant="light" color={color}>
                    <ChoiceIcon size={24} stroke={1.6} />
                  </ThemeIcon>
                  {busy === id && <Loader size="sm" />}
                </Group>
                <Text fw={600}>{t(`onboarding.start.${id}`)}</Text>
                <Text size="sm" c="dimmed">
                  {t(`onboarding.start.${id}Text`, { count: demoClients })}
                </Text>
              </Stack>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      {busy === 'demo' && (
        <Text size="sm" c="dimmed" role="status">
          {t('onboarding.start.seeding')}
        </Text>
      )}
    </Stack>
  );
}
