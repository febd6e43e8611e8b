/**
 * Booking a make-up: the person's open credits and the lessons of other groups
 * of the same program that still have a free seat within a credit's days, each
 * booked with one click. The main process checks credit, seat and group again,
 * so two people booking the last seat at once cannot both get it on one machine.
 * Make-ups already booked (and not yet taken at roll call) are listed above, each
 * with a cancel that gives its credit back.
 */
import { Alert, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../../api/context';
import { refusalText } from '../../shared/ConfirmDelete';
import { useFormat } from '../../shared/workspace';

export const makeupTables = ['attendance', 'lessons', 'enrollments', 'cohorts', 'settings'];

function MakeupBody({ enrollmentId, onBooked }: { enrollmentId: string; onBooked: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const options = useQuery('makeups.options', { enrollmentId }, { tables: makeupTables });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!options.data) return <Skeleton h={120} />;
  const { open, lessons, booked } = options.data;
  const book = async (lessonId: string) => {
    setBusy(lessonId);
    setError(null);
    try {
      await api.call('makeups.book', { enrollmentId, lessonId });
      notifications.show({ color: 'teal', message: t('packages.makeup.booked') });
      onBooked();
    } catch (e) {
      setError(refusalText(t, 'packages.errors')(e));
    } finally {
      setBusy(null);
    }
  };
  const cancel = async (lessonId: string) => {
    setBusy(lessonId);
    setError(null);
    try {
      await api.call('makeups.cancel', { enrollmentId, lessonId });
      notifications.show({ color: 'teal', message: t('packages.makeup.cancelled') });
    } catch (e) {
      setError(refusalText(t, 'packages.errors')(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="sm" data-testid="makeup-options">
      <Text size="sm" fw={500}>
        {options.data.clientName} · {options.data.programName}
      </Text>
      {booked.length > 0 && (
        <Stack gap={4} data-testid="makeup-booked">
          <Text size="xs" fw={600} c="dimmed">
            {t('packages.makeup.bookedList')}
          </Text>
          {booked.map((lesson) => (
            <Group key={lesson.id} justify="space-between" wrap="nowrap" data-testid="makeup-booked-lesson">
              <Text size="sm">
                {lesson.cohortName} · {format.date(lesson.startsOn, 'full')} · {lesson.startTime}
              </Text>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                loading={busy === lesson.id}
                onClick={() => void cancel(lesson.id)}
                data-testid="makeup-cancel"
              >
                {t('packages.makeup.cancel')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Text size="sm" c={open > 0 ? undefined : 'dimmed'}>
        {open > 0 ? t('packages.makeup.credits', { count: open }) : t('packages.makeup.noCredits')}
      </Text>
      {open > 0 && lessons.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('packages.makeup.noLessons')}
        </Text>
      )}
      {lessons.map((lesson) => (
        <Group key={lesson.id} justify="space-between" wrap="nowrap" data-testid="makeup-lesson">
          <div>
            <Text size="sm" fw={500}>
              {lesson.cohortName}
            </Text>
            <Text size="xs" c="dimmed">
              {format.date(lesson.startsOn, 'full')} · {lesson.startTime}
              {lesson.teacherName ? ` · ${lesson.teacherName}` : ''} ·{' '}
              {lesson.freeSeats === null ? t('packages.makeup.unlimited') : t('packages.makeup.seats', { count: lesson.freeSeats })}
            </Text>
          </div>
          <Button size="compact-sm" variant="light" loading={busy === lesson.id} onClick={() => void book(lesson.id)}>
            {t('packages.makeup.pick')}
          </Button>
        </Group>
      ))}
      {error && (
        <Alert color="red" variant="light" data-testid="makeup-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

export function MakeupDialog({ enrollmentId, onClose }: { enrollmentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={enrollmentId !== null} onClose={onClose} title={t('packages.makeup.title')} size="lg">
      {enrollmentId && <MakeupBody enrollmentId={enrollmentId} onBooked={onClose} />}
    </Modal>
  );
}
