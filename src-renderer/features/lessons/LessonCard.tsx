/**
 * One lesson on the calendar: time, group, teacher and room, and a badge for
 * every way it differs from the schedule (cancelled, moved, extra, substitute,
 * other room) or clashes with another lesson. The compact form is the month
 * view's one line. Clicking opens the lesson (roll call, changes).
 */
import { Badge, Group, Paper, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LessonConflict, LessonView } from '../../../src-shared/api/lessons-methods';
import { endTime } from './calendar';
import { useLessonsUi } from './store';

/** "Kovács Éva also teaches Angol A1 (17:00–18:30)" */
export function conflictText(conflict: LessonConflict, t: TFunction): string {
  return t(`lessons.conflict.${conflict.kind}`, {
    name: conflict.resourceName,
    cohort: conflict.cohortName,
    time: `${conflict.startTime}–${endTime(conflict.startTime, conflict.minutes)}`,
  });
}

export function LessonBadges({ lesson }: { lesson: LessonView }) {
  const { t } = useTranslation();
  const flags = [
    lesson.cancelled && { key: 'cancelled', color: 'gray' },
    lesson.moved && { key: 'moved', color: 'yellow' },
    lesson.extra && { key: 'extra', color: 'cyan' },
    lesson.substitute && { key: 'substitute', color: 'violet' },
    lesson.otherRoom && { key: 'otherRoom', color: 'indigo' },
  ].filter((f): f is { key: string; color: string } => Boolean(f));
  if (flags.length === 0 && lesson.conflicts.length === 0) return null;
  return (
    <Group gap={4} mt={2}>
      {flags.map((f) => (
        <Badge key={f.key} size="xs" variant="light" color={f.color}>
          {t(`lessons.badge.${f.key}`)}
        </Badge>
      ))}
      {lesson.conflicts.length > 0 && (
        <Tooltip label={lesson.conflicts.map((c) => conflictText(c, t)).join('\n')} multiline w={260}>
          <Badge size="xs" color="red" leftSection={<IconAlertTriangle size={10} />} data-testid="lesson-conflict">
            {t('lessons.badge.conflict')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

export function LessonCard({ lesson, compact = false }: { lesson: LessonView; compact?: boolean }) {
  const { t } = useTranslation();
  const open = useLessonsUi((s) => s.open);
  const color = lesson.color ?? 'var(--mantine-color-blue-5)';
  const time = `${lesson.startTime}–${endTime(lesson.startTime, lesson.minutes)}`;
  const struck = lesson.cancelled ? { textDecoration: 'line-through' as const } : undefined;
  return (
    <UnstyledButton
      onClick={() => open({ type: 'lesson', lessonId: lesson.id })}
      aria-label={`${lesson.cohortName} ${lesson.startsOn} ${time}`}
      data-testid="lesson-card"
      data-lesson-id={lesson.id}
      w="100%"
    >
      <Paper
        withBorder
        px={6}
        py={compact ? 2 : 4}
        radius="sm"
        style={{
          borderLeft: `4px solid ${color}`,
          opacity: lesson.cancelled ? 0.6 : 1,
          borderColor: lesson.conflicts.length > 0 ? 'var(--mantine-color-red-6)' : undefined,
        }}
      >
        {compact ? (
          <Text size="xs" truncate style={struck}>
            {lesson.conflicts.length > 0 && <IconAlertTriangle size={10} color="var(--mantine-color-red-6)" />} {lesson.startTime}{' '}
            {lesson.cohortName}
          </Text>
        ) : (
          <>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" style={struck}>
                {time}
              </Text>
              {lesson.marked > 0 && (
                <Tooltip label={t('lessons.marked', { count: lesson.marked })}>
                  <Group gap={2} wrap="nowrap">
                    <IconCheck size={12} color="var(--mantine-color-teal-6)" />
                    <Text size="xs" c="teal">
                      {lesson.marked}
                    </Text>
                  </Group>
                </Tooltip>
              )}
            </Group>
            <Text size="sm" fw={600} lineClamp={2} style={struck}>
              {lesson.cohortName}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {[lesson.teacherName, lesson.roomName].filter(Boolean).join(' · ') || lesson.programName}
            </Text>
            <LessonBadges lesson={lesson} />
          </>
        )}
      </Paper>
    </UnstyledButton>
  );
}
