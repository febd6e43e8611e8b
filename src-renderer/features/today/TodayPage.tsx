/**
 * The start page: every list the reminder engine computes for today, each item
 * actionable where it stands — log a call, record a payment, send a reminder,
 * invite the people waiting for a group, snooze or dismiss. The lists refetch
 * whenever a table they depend on changes, so an action taken here (or anywhere)
 * moves the item at once. Money is shown per client only; the engine leaves the
 * money lists empty for a role without `payments.read`. Each list is a named
 * component over one shared ListSection (card, rows, reminder menu), so this
 * page is only the order of the lists and the dialogs they open, with the
 * header's list of reminders hidden here (to bring one back).
 */
import { Alert, Badge, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodayLists } from '../../../src-shared/api/today-methods';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { NextLessonsCard } from '../lessons';
import { PackageAlertsCard } from '../packages';
import { SetupChecklist } from '../onboarding';
import { CohortHealthList, CohortStartsList, InvitesList } from './CohortLists';
import { CallDialog, PaymentDialog } from './dialogs';
import { MessageDialog } from './MessageDialog';
import { DueSoonList, LowBalanceList, OverdueList } from './MoneyLists';
import { BirthdaysList, FollowUpsList, NoCallBackList, TasksList } from './PeopleLists';
import { HiddenRemindersButton } from './HiddenReminders';
import { TaskDeleteDialog, TaskDialog, TaskEditDialog } from './taskDialogs';
import { TasksDrawer } from './TasksDrawer';
import { reminderTables } from './TodayBadge';

/** Today's lists in their order on the page; the money lists only for a role that may see money. */
function Lists({ today }: { today: TodayLists }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" verticalSpacing="lg">
      <FollowUpsList today={today} />
      {today.noCallBack.length > 0 && <NoCallBackList today={today} />}
      {today.moneyVisible && <OverdueList today={today} />}
      {today.moneyVisible && <DueSoonList today={today} />}
      <CohortStartsList today={today} />
      <InvitesList today={today} />
      <CohortHealthList today={today} />
      {today.moneyVisible && <LowBalanceList today={today} />}
      <BirthdaysList today={today} />
      <TasksList today={today} />
    </SimpleGrid>
  );
}

export function TodayPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useQuery('today.get', {}, { tables: [...reminderTables, 'attendance', 'packages', 'package_freezes'] });

  let body: ReactNode;
  if (today.error && !today.data) {
    body = (
      <Alert color="red" variant="light" title={t('today.loadFailed')}>
        {t(`errors.code.${today.error.code}`)}
      </Alert>
    );
  } else if (!today.data) {
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={140} radius="md" />
        ))}
      </SimpleGrid>
    );
  } else {
    body = <Lists today={today.data} />;
  }

  const asOf = today.data?.asOf;
  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('today.title')}</Title>
          <Text c="dimmed" mt={4}>
            {asOf ? `${format.date(asOf, 'full')} · ` : ''}
            {t('today.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          <HiddenRemindersButton />
          {today.data && today.data.counts.total === 0 && (
            <Badge size="lg" variant="light" color="teal">
              {t('today.allClear')}
            </Badge>
          )}
        </Group>
      </Group>
      <SetupChecklist />
      <NextLessonsCard />
      <PackageAlertsCard alerts={today.data?.packageAlerts} />
      {body}
      {asOf && (
        <>
          <CallDialog key={`call-${asOf}`} asOf={asOf} />
          <PaymentDialog key={`pay-${asOf}`} asOf={asOf} />
          <TaskDialog key={`task-${asOf}`} asOf={asOf} />
          <MessageDialog />
          <TasksDrawer />
          <TaskEditDialog />
          <TaskDeleteDialog />
        </>
      )}
    </Stack>
  );
}
