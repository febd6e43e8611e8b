/**
 * The set-up checklist at the top of Today, shown to the owner after the
 * first-run wizard until every step is done or the owner hides it. Whether a
 * step is done comes from the school's data (`onboarding.status`), so doing it
 * anywhere ticks it here, and the list refetches when any table a step reads
 * changes. Each open step links to the screen or dialog where it is done.
 */
import { ActionIcon, Badge, Button, Group, Paper, Progress, SimpleGrid, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheckFilled, IconCircleDashed, IconRocket, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OnboardingStatus, SetupStep } from '../../../src-shared/api/onboarding-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { openSettingsTab } from '../../stores/settings';
import { useUiStore } from '../../stores/ui';
import { openOwnerPasswordDialog } from '../auth';
import { openNewCohort } from '../cohorts';
import { openEnrollDialog } from '../enrollments';

/** Every table a step's "done" is read from. */
const stepTables = ['settings', 'users', 'programs', 'teachers', 'cohorts', 'enrollments', 'payments', 'import_batches'];

function stepAction(step: SetupStep, status: OnboardingStatus): () => void {
  const openSection = useUiStore.getState().openSection;
  const hasProgram = status.steps.some((s) => s.step === 'program' && s.done);
  switch (step) {
    case 'password':
      return openOwnerPasswordDialog;
    case 'teacher':
    case 'assistant':
    case 'sync':
    case 'backups':
      return () => openSettingsTab(step === 'teacher' ? 'teachers' : step === 'assistant' ? 'users' : step);
    case 'cohort':
      return hasProgram ? () => openNewCohort() : () => openSection('cohorts');
    case 'enrollment':
      return () => openEnrollDialog();
    case 'program':
      return () => openSection('programs');
    case 'payment':
      return () => openSection('payments');
    case 'import':
      return () => openSection('import');
  }
}

function StepRow({ step, done, status }: { step: SetupStep; done: boolean; status: OnboardingStatus }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" py={6} data-testid={`setup-step-${step}`} data-done={done}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="transparent" color={done ? 'teal' : 'gray'} size="sm" mt={2}>
          {done ? <IconCircleCheckFilled size={18} /> : <IconCircleDashed size={18} stroke={1.6} />}
        </ThemeIcon>
        <div>
          <Text size="sm" fw={500} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
            {t(`onboarding.checklist.steps.${step}.title`)}
          </Text>
          {!done && (
            <Text size="xs" c="dimmed">
              {t(`onboarding.checklist.steps.${step}.hint`)}
            </Text>
          )}
        </div>
      </Group>
      {done ? (
        <Badge variant="light" color="teal" size="sm">
          {t('onboarding.checklist.done')}
        </Badge>
      ) : (
        <Button size="compact-sm" variant="light" onClick={stepAction(step, status)} style={{ flexShrink: 0 }}>
          {t(`onboarding.checklist.steps.${step}.action`)}
        </Button>
      )}
    </Group>
  );
}

function Checklist({ status }: { status: OnboardingStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const done = status.steps.filter((s) => s.done).length;
  const total = status.steps.length;

  const dismiss = async () => {
    try {
      await api.call('onboarding.update', { checklistDismissed: true });
    } catch (error) {
      notifications.show({ color: 'red', message: t(`errors.code.${error instanceof ApiError ? error.code : 'INTERNAL'}`) });
    }
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="setup-checklist">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="xs" wrap="nowrap">
          <IconRocket size={18} stroke={1.6} color="var(--mantine-color-blue-6)" />
          <Title order={4} fz="md">
            {t('onboarding.checklist.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="setup-progress">
            {t('onboarding.checklist.progress', { done, total })}
          </Text>
        </Group>
        <Tooltip label={t('onboarding.checklist.dismiss')}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('onboarding.checklist.dismiss')} onClick={() => void dismiss()}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Progress value={(done / total) * 100} size="sm" mb="sm" aria-hidden />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl" verticalSpacing={0}>
        {status.steps.map(({ step, done: stepDone }) => (
          <StepRow key={step} step={step} done={stepDone} status={status} />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function OwnerChecklist() {
  const status = useQuery('onboarding.status', {}, { tables: stepTables });
  return status.data?.checklist ? <Checklist status={status.data} /> : null;
}

/** The checklist for the owner; nothing for anyone else, who could do few of its steps. */
export function SetupChecklist() {
  return useCan('workspace.manage') ? <OwnerChecklist /> : null;
}
