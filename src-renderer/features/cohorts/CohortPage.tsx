/**
 * One cohort's page: what it is (program, dates, schedule, teacher, room, seats,
 * price), the warnings that need action, the roster with each person's status,
 * agreed price, paid, balance and next instalment, and the status board. The
 * money columns appear only for roles that may see payments; the service leaves
 * them empty for the others anyway. The page is a shell over its named parts
 * (header, warnings and facts, roster, status board), each in its own file; it
 * also mounts the enrollment change dialogs the roster's menus open.
 */
import { Alert, Anchor, Group, Skeleton, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../src-shared/dates';
import { useQuery } from '../../api/context';
import { useSettings } from '../../shared/workspace';
import { EnrollmentChangeDialogs } from '../enrollments';
import { CohortFacts, CohortWarnings } from './CohortFacts';
import { CohortHeader } from './CohortHeader';
import { RosterTable } from './RosterTable';
import { cohortWarnings } from './schedule';
import { StatusBoard } from './StatusBoard';
import { useCohortsUi } from './store';

export function CohortPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const { show } = useCohortsUi();
  const detail = useQuery(
    'cohorts.get',
    { id },
    { tables: ['cohorts', 'enrollments', 'clients', 'payments', 'instalments', 'programs', 'teachers', 'rooms', 'payment_allocations'] },
  );

  if (detail.error && !detail.data) {
    return (
      <Stack>
        <Anchor component="button" onClick={() => show(null)}>
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('cohorts.back')}
          </Group>
        </Anchor>
        <Alert color="red" variant="light">
          {t(`errors.code.${detail.error.code}`)}
        </Alert>
      </Stack>
    );
  }
  if (!detail.data) return <Skeleton h={240} />;
  const cohort = detail.data;
  const warnings = cohortWarnings(cohort, todayIn(settings.timeZone, new Date()), settings.startSoonDays);

  return (
    <Stack gap="lg" data-testid="cohort-page">
      <Anchor component="button" size="sm" onClick={() => show(null)} w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('cohorts.back')}
        </Group>
      </Anchor>
      <CohortHeader cohort={cohort} />
      <CohortWarnings warnings={warnings} />
      <CohortFacts cohort={cohort} />
      <Stack gap="xs">
        <Title order={4}>{t('cohorts.roster')}</Title>
        <RosterTable roster={cohort.roster} />
      </Stack>
      <Stack gap="xs">
        <Title order={4}>{t('cohorts.board.title')}</Title>
        <StatusBoard roster={cohort.roster} />
      </Stack>
      <EnrollmentChangeDialogs />
    </Stack>
  );
}
