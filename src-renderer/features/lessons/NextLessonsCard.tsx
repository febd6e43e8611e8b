/**
 * Today's "next lessons" card: the lessons coming up (one under way included)
 * of the person's own groups when they teach, else of the school, each with a
 * Roll call button that opens the roll call right here, so the Today screen is
 * two clicks from a saved register.
 */
import { Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { IconChecklist, IconSchool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView } from '../../../src-shared/api/lessons-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { endTime } from './calendar';
import { RollCallPanel } from './RollCallPanel';

export function NextLessonsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const canMark = useCan('enrollments.write');
  const upcoming = useQuery('lessons.upcoming', { limit: 3 }, { tables: ['lessons', 'attendance', 'cohorts', 'teachers', 'rooms'] });
  const [open, setOpen] = useState<LessonView | null>(null);
  if (!upcoming.data) return null;
  return (
    <Card withBorder padding="md" data-testid="next-lessons">
      <Group gap="xs" mb="xs">
        <IconSchool size={18} />
        <Text fw={600} size="sm">
          {t('lessons.upcoming.title')}
        </Text>
      </Group>
      {upcoming.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('lessons.upcoming.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {upcoming.data.map((lesson) => (
            <Group key={lesson.id} justify="space-between" wrap="nowrap" data-testid="next-lesson">
              <div>
                <Text size="sm" fw={500}>
                  {lesson.programName} – {lesson.cohortName}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.date(lesson.startsOn, 'full')} · {lesson.startTime}–{endTime(lesson.startTime, lesson.minutes)}
                  {lesson.roomName ? ` · ${lesson.roomName}` : ''}
                  {lesson.marked > 0 ? ` · ${t('lessons.marked', { count: lesson.marked })}` : ''}
                </Text>
              </div>
              {canMark && (
                <Button size="compact-xs" variant="light" leftSection={<IconChecklist size={14} />} onClick={() => setOpen(lesson)}>
                  {t('lessons.upcoming.rollCall')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `${t('lessons.rollCall.title')}: ${open.cohortName} · ${format.date(open.startsOn)} ${open.startTime}` : ''}
        size="lg"
      >
        {open && <RollCallPanel lessonId={open.id} onSaved={() => setOpen(null)} />}
      </Modal>
    </Card>
  );
}
