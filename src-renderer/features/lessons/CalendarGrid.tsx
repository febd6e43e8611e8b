/**
 * The two calendar layouts over the same list of lessons. The week is seven
 * columns of lesson cards in time order (a school's day has a handful of
 * lessons, so a column reads better than an hour grid of mostly empty rows);
 * the month is whole weeks of day cells with one line per lesson and a count of
 * the rest. Closed days are shaded with the closure's name.
 */
import { Box, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Closure, LessonView } from '../../../src-shared/api/lessons-methods';
import { isClosed } from '../../../src-shared/schedule';
import { useFormat } from '../../shared/workspace';
import { LessonCard } from './LessonCard';

/** Lessons per month cell before "+ N more". */
const monthCellLimit = 4;

interface GridProps {
  days: string[];
  lessons: LessonView[];
  closures: Closure[];
  today: string;
  /** The month shown (`YYYY-MM`), for dimming the neighbouring months' days. */
  month?: string;
}

function byDay(lessons: LessonView[]): Map<string, LessonView[]> {
  const map = new Map<string, LessonView[]>();
  for (const lesson of lessons) map.set(lesson.startsOn, [...(map.get(lesson.startsOn) ?? []), lesson]);
  return map;
}

function dayHeader(day: string, locale: string, style: 'week' | 'month'): string {
  const date = new Date(`${day}T12:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    style === 'week' ? { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' } : { day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

function closureName(day: string, closures: Closure[]): string | null {
  const found = closures.find((c) => isClosed(day, [c]));
  return found ? found.name : null;
}

export function WeekGrid({ days, lessons, closures, today }: GridProps) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const grouped = byDay(lessons);
  return (
    <SimpleGrid cols={7} spacing={6} data-testid="calendar-week">
      {days.map((day) => {
        const closed = closureName(day, closures);
        const todays = grouped.get(day) ?? [];
        return (
          <Paper
            key={day}
            withBorder
            p={6}
            radius="sm"
            mih={320}
            bg={closed ? 'var(--mantine-color-gray-light)' : undefined}
            style={day === today ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 } : undefined}
            data-testid="calendar-day"
            data-day={day}
          >
            <Text size="sm" fw={day === today ? 700 : 500} mb={4} c={day === today ? 'blue' : undefined}>
              {dayHeader(day, locale, 'week')}
            </Text>
            {closed && (
              <Text size="xs" c="dimmed" fs="italic" mb={4}>
                {closed}
              </Text>
            )}
            <Stack gap={4}>
              {todays.map((lesson) => (
                <LessonCard key={lesson.id} lesson={lesson} />
              ))}
              {todays.length === 0 && !closed && (
                <Text size="xs" c="dimmed">
                  {t('lessons.noLessonsDay')}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

export function MonthGrid({ days, lessons, closures, today, month }: GridProps) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const grouped = byDay(lessons);
  return (
    <Box>
      <SimpleGrid cols={7} spacing={4} mb={4}>
        {days.slice(0, 7).map((day) => (
          <Text key={day} size="xs" c="dimmed" ta="center">
            {new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))}
          </Text>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={7} spacing={4} data-testid="calendar-month">
        {days.map((day) => {
          const closed = closureName(day, closures);
          const todays = grouped.get(day) ?? [];
          const outside = month !== undefined && !day.startsWith(month);
          return (
            <Paper
              key={day}
              withBorder
              p={4}
              radius="sm"
              mih={110}
              bg={closed ? 'var(--mantine-color-gray-light)' : undefined}
              style={{
                opacity: outside ? 0.55 : 1,
                ...(day === today ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 } : {}),
              }}
              data-testid="calendar-day"
              data-day={day}
            >
              <Text size="xs" fw={day === today ? 700 : 500} c={day === today ? 'blue' : undefined}>
                {dayHeader(day, locale, 'month')}
                {closed && (
                  <Text span size="xs" c="dimmed" fs="italic">
                    {` · ${closed}`}
                  </Text>
                )}
              </Text>
              <Stack gap={2} mt={2}>
                {todays.slice(0, monthCellLimit).map((lesson) => (
                  <LessonCard key={lesson.id} lesson={lesson} compact />
                ))}
                {todays.length > monthCellLimit && (
                  <Text size="xs" c="dimmed">
                    {t('lessons.more', { count: todays.length - monthCellLimit })}
                  </Text>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}
