/**
 * The Lessons section: the school's week or month on a calendar, everyone's or
 * one teacher's, room's or cohort's, with the actions that shape it (generate a
 * cohort's lessons, add an extra lesson, the closed days). A lesson opens for
 * roll call. The owner also finds the package and make-up rules here, and a
 * Teacher pay tab beside the calendar. The page is a shell: the toolbar and the grids are their own
 * components, and the dialogs read what to show from the section's store.
 */
import { Alert, Button, Group, SegmentedControl, Select, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCalendarOff, IconCalendarPlus, IconChevronLeft, IconChevronRight, IconSettings, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../src-shared/dates';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import { stepAnchor, visibleDays, type CalendarView } from './calendar';
import { MonthGrid, WeekGrid } from './CalendarGrid';
import { LessonDialog, LessonFormDialog } from './LessonDialogs';
import { ClosuresDialog, GenerateDialog } from './ScheduleDialogs';
import { useLessonsUi, type CalendarFilter } from './store';
import { LessonRulesDialog } from '../packages';
import { TeacherPayPanel } from '../teacher-pay';

export const lessonTables = ['lessons', 'attendance', 'cohorts', 'programs', 'teachers', 'rooms', 'closures'];

function filterInput(filter: CalendarFilter): { teacherId?: string; roomId?: string; cohortId?: string } {
  if (filter.kind === 'all' || !filter.id) return {};
  return { [`${filter.kind}Id`]: filter.id };
}

function FilterPicker() {
  const { t } = useTranslation();
  const { filter, setFilter } = useLessonsUi();
  const tables = { tables: ['teachers', 'rooms', 'cohorts', 'programs'] };
  const teachers = useQuery('teachers.list', {}, tables);
  const rooms = useQuery('rooms.list', {}, tables);
  const cohorts = useQuery('cohorts.list', {}, tables);
  const choices = {
    teacher: (teachers.data ?? []).map((x) => ({ value: x.id, label: x.name })),
    room: (rooms.data ?? []).map((x) => ({ value: x.id, label: x.name })),
    cohort: (cohorts.data ?? []).map((x) => ({ value: x.id, label: `${x.programName} – ${x.name}` })),
  };
  return (
    <Group gap="xs">
      <SegmentedControl
        size="xs"
        value={filter.kind}
        onChange={(kind) => setFilter(kind === 'all' ? { kind: 'all' } : { kind: kind as 'teacher' | 'room' | 'cohort', id: null })}
        data={(['all', 'teacher', 'room', 'cohort'] as const).map((k) => ({ value: k, label: t(`lessons.filter.${k}`) }))}
        aria-label={t('lessons.filter.label')}
      />
      {filter.kind !== 'all' && (
        <Select
          size="xs"
          w={240}
          placeholder={t(`lessons.filter.pick.${filter.kind}`)}
          aria-label={t(`lessons.filter.pick.${filter.kind}`)}
          data={choices[filter.kind]}
          value={filter.id}
          onChange={(id) => setFilter({ kind: filter.kind, id })}
          searchable
          data-testid="calendar-filter"
        />
      )}
    </Group>
  );
}

function periodTitle(view: CalendarView, days: string[], locale: string): string {
  const first = new Date(`${days[0]}T12:00:00Z`);
  const last = new Date(`${days[days.length - 1]}T12:00:00Z`);
  if (view === 'month') {
    const middle = new Date(`${days[Math.floor(days.length / 2)]}T12:00:00Z`);
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(middle);
  }
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).formatRange(first, last);
}

/** The owner's rules for packages and make-ups, opened beside the calendar's own actions. */
function RulesButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (!useCan('workspace.manage')) return null;
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconSettings size={14} />}
        onClick={() => setOpened(true)}
        data-testid="lesson-rules-open"
      >
        {t('packages.rules.open')}
      </Button>
      <LessonRulesDialog opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

/** The section: the calendar, and for the owner a Teacher pay tab beside it. */
export function LessonsPage() {
  const { t } = useTranslation();
  const seesPay = useCan('finance.read');
  const [tab, setTab] = useState('calendar');
  if (!seesPay) return <LessonsCalendar />;
  return (
    <Tabs value={tab} onChange={(value) => setTab(value ?? 'calendar')} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="calendar">{t('teacherPay.calendarTab')}</Tabs.Tab>
        <Tabs.Tab value="pay" data-testid="teacher-pay-tab">
          {t('teacherPay.tab')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="calendar">
        <LessonsCalendar />
      </Tabs.Panel>
      <Tabs.Panel value="pay">
        <Title order={2} mb="xs">
          {t('teacherPay.title')}
        </Title>
        <TeacherPayPanel />
      </Tabs.Panel>
    </Tabs>
  );
}

function LessonsCalendar() {
  const { t } = useTranslation();
  const settings = useSettings();
  const { locale } = useFormat();
  const { view, anchor, filter, setView, setAnchor, open } = useLessonsUi();
  const canShape = useCan('catalog.write');
  const today = todayIn(settings.timeZone, new Date());
  const shown = anchor ?? today;
  const days = visibleDays(view, shown, settings.weekStart);
  const range = { from: days[0] as string, to: days[days.length - 1] as string };
  const lessons = useQuery('lessons.list', { ...range, ...filterInput(filter) }, { tables: lessonTables });
  const closures = useQuery('closures.list', {}, { tables: ['closures'] });

  let body;
  if (lessons.error && !lessons.data) {
    body = (
      <Alert color="red" variant="light" title={t('lessons.loadFailed')}>
        {t(`errors.code.${lessons.error.code}`)}
      </Alert>
    );
  } else if (!lessons.data) {
    body = <Skeleton h={360} />;
  } else {
    const props = { days, lessons: lessons.data, closures: closures.data ?? [], today };
    body = view === 'week' ? <WeekGrid {...props} /> : <MonthGrid {...props} month={shown.slice(0, 7)} />;
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('lessons.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('lessons.subtitle')}
          </Text>
        </div>
        {canShape && (
          <Group gap="xs">
            <RulesButton />
            <Button variant="default" size="xs" leftSection={<IconCalendarOff size={14} />} onClick={() => open({ type: 'closures' })}>
              {t('lessons.closures.open')}
            </Button>
            <Button variant="default" size="xs" leftSection={<IconCalendarPlus size={14} />} onClick={() => open({ type: 'extra' })}>
              {t('lessons.extra')}
            </Button>
            <Button size="xs" leftSection={<IconWand size={14} />} onClick={() => open({ type: 'generate' })} data-testid="generate-open">
              {t('lessons.generate.open')}
            </Button>
          </Group>
        )}
      </Group>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button.Group>
            <Button variant="default" size="xs" onClick={() => setAnchor(stepAnchor(view, shown, -1))} aria-label={t('lessons.previous')}>
              <IconChevronLeft size={14} />
            </Button>
            <Button variant="default" size="xs" onClick={() => setAnchor(today)}>
              {t('lessons.today')}
            </Button>
            <Button variant="default" size="xs" onClick={() => setAnchor(stepAnchor(view, shown, 1))} aria-label={t('lessons.next')}>
              <IconChevronRight size={14} />
            </Button>
          </Button.Group>
          <Text fw={600} data-testid="calendar-period">
            {periodTitle(view, days, locale)}
          </Text>
        </Group>
        <Group gap="xs">
          <FilterPicker />
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as CalendarView)}
            data={[
              { value: 'week', label: t('lessons.view.week') },
              { value: 'month', label: t('lessons.view.month') },
            ]}
            aria-label={t('lessons.view.label')}
          />
        </Group>
      </Group>
      {lessons.data && lessons.data.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="calendar-empty">
          {t(canShape ? 'lessons.emptyOwner' : 'lessons.empty')}
        </Text>
      )}
      {body}
      <LessonDialog />
      <LessonFormDialog />
      <GenerateDialog />
      <ClosuresDialog />
    </Stack>
  );
}
