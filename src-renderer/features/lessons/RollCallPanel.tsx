/**
 * Roll call for one lesson, in two clicks: open the lesson, press Save. Everyone
 * not yet marked starts as present, so a full class is one click; an absence is
 * one more. The keyboard does all of it: ↑/↓ (or J/K) move between people,
 * P A E L M (or 1–5) mark the one in focus and step to the next, Shift+P marks
 * everyone present, Ctrl+Enter saves. Saving sends every mark; the main process
 * writes only the ones that changed, so saving twice adds nothing. The dialog
 * opens with the first person in focus, so the keys work at once. Someone whose
 * saved mark is excused can be booked into a make-up from their row, and a guest
 * booked for a make-up (not yet marked) can have the booking cancelled there.
 */
import { Alert, Button, Group, Kbd, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks, IconRepeat, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollCall, RollCallStudent } from '../../../src-shared/api/lessons-methods';
import { attendanceStates, type AttendanceState } from '../../../src-shared/domain';
import { useApi, useQuery } from '../../api/context';
import { refusalText } from '../../shared/ConfirmDelete';
import { useCan } from '../../shared/permissions';
import { MakeupDialog } from '../packages';

export const rollCallTables = ['lessons', 'attendance', 'enrollments', 'clients', 'cohorts'];

const stateKeys: Record<string, AttendanceState> = {
  p: 'present',
  a: 'absent',
  e: 'excused',
  l: 'late',
  m: 'makeup',
  '1': 'present',
  '2': 'absent',
  '3': 'excused',
  '4': 'late',
  '5': 'makeup',
};

const stateColors: Record<AttendanceState, string> = { present: 'teal', absent: 'red', excused: 'blue', late: 'orange', makeup: 'grape' };

export function RollCallPanel({ lessonId, onSaved }: { lessonId: string; onSaved?: () => void }) {
  const { t } = useTranslation();
  const rollCall = useQuery('lessons.rollCall', { id: lessonId }, { tables: rollCallTables });
  if (rollCall.error && !rollCall.data) {
    return (
      <Alert color="red" variant="light">
        {t(`errors.code.${rollCall.error.code}`)}
      </Alert>
    );
  }
  if (!rollCall.data) return <Skeleton h={160} />;
  return <RollCallForm key={rollCall.data.lesson.id} rollCall={rollCall.data} onSaved={onSaved} />;
}

/** Cancels a guest's booked make-up on this lesson (the credit opens again); a refusal goes to the form's error line. */
function useCancelMakeup(lessonId: string, setError: (error: string | null) => void) {
  const { t } = useTranslation();
  const api = useApi();
  return async (enrollmentId: string) => {
    setError(null);
    try {
      await api.call('makeups.cancel', { enrollmentId, lessonId });
      notifications.show({ color: 'teal', message: t('packages.makeup.cancelled'), autoClose: 1500 });
    } catch (e) {
      setError(refusalText(t, 'packages.errors')(e));
    }
  };
}

function RollCallForm({ rollCall, onSaved }: { rollCall: RollCall; onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const canMark = useCan('enrollments.write') && !rollCall.lesson.cancelled;
  const { students } = rollCall;
  const [marks, setMarks] = useState<Record<string, AttendanceState>>(() =>
    Object.fromEntries(students.map((s) => [s.enrollmentId, s.state ?? 'present'])),
  );
  const [focus, setFocus] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [makeupFor, setMakeupFor] = useState<string | null>(null);
  const cancelMakeup = useCancelMakeup(rollCall.lesson.id, setError);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  // The register arrives after the dialog has opened (and placed its focus): put it on the first person.
  useEffect(() => {
    if (canMark) rows.current[0]?.focus();
  }, [canMark]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(students.length - 1, index));
    setFocus(next);
    rows.current[next]?.focus();
  };
  const mark = (enrollmentId: string, state: AttendanceState) => setMarks((m) => ({ ...m, [enrollmentId]: state }));
  const allPresent = () => setMarks(Object.fromEntries(students.map((s) => [s.enrollmentId, 'present' as const])));

  const save = async () => {
    if (!canMark || students.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('attendance.record', {
        lessonId: rollCall.lesson.id,
        marks: students.map((s) => ({ enrollmentId: s.enrollmentId, state: marks[s.enrollmentId] ?? 'present' })),
      });
      notifications.show({ color: 'teal', message: t('lessons.rollCall.saved'), autoClose: 1500 });
      onSaved?.();
    } catch (e) {
      setError(refusalText(t, 'lessons.errors')(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const student = students[index];
    if (!student || !canMark) return;
    const key = event.key.toLowerCase();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
    else if (event.key === 'ArrowDown' || key === 'j') moveTo(index + 1);
    else if (event.key === 'ArrowUp' || key === 'k') moveTo(index - 1);
    else if (event.shiftKey && key === 'p') allPresent();
    else if (stateKeys[key] && !event.ctrlKey && !event.metaKey && !event.altKey) {
      mark(student.enrollmentId, stateKeys[key]);
      moveTo(index + 1);
    } else return;
    event.preventDefault();
  };

  if (students.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('lessons.rollCall.noStudents')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="roll-call">
      {rollCall.lesson.cancelled && (
        <Alert color="gray" variant="light">
          {t('lessons.rollCall.cancelled')}
        </Alert>
      )}
      <Table verticalSpacing={4} highlightOnHover>
        <Table.Tbody>
          {students.map((student, index) => (
            <Table.Tr
              key={student.enrollmentId}
              ref={(el) => {
                rows.current[index] = el;
              }}
              tabIndex={index === focus ? 0 : -1}
              onFocus={() => setFocus(index)}
              onKeyDown={(e) => onKeyDown(e, index)}
              aria-label={student.clientName}
              data-testid="roll-call-row"
              style={{ outlineOffset: -2 }}
            >
              <Table.Td>
                <StudentName
                  student={student}
                  onMakeup={canMark ? () => setMakeupFor(student.enrollmentId) : undefined}
                  onCancelMakeup={canMark ? () => void cancelMakeup(student.enrollmentId) : undefined}
                />
              </Table.Td>
              <Table.Td>
                <SegmentedControl
                  size="xs"
                  disabled={!canMark}
                  value={marks[student.enrollmentId] ?? 'present'}
                  color={stateColors[marks[student.enrollmentId] ?? 'present']}
                  onChange={(value) => mark(student.enrollmentId, value as AttendanceState)}
                  data={attendanceStates.map((state) => ({ value: state, label: t(`labels.attendanceState.${state}`) }))}
                  aria-label={t('lessons.rollCall.markOf', { name: student.clientName })}
                  tabIndex={-1}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error && (
        <Alert color="red" variant="light" data-testid="roll-call-error">
          {error}
        </Alert>
      )}
      {canMark && <RollCallFooter busy={busy} onAllPresent={allPresent} onSave={() => void save()} />}
      <MakeupDialog enrollmentId={makeupFor} onClose={() => setMakeupFor(null)} />
    </Stack>
  );
}

interface StudentActions {
  onMakeup: (() => void) | undefined;
  onCancelMakeup: (() => void) | undefined;
}

/** A person's name on the register, with "not marked yet", a make-up booking once their saved mark is excused, or its cancel. */
function StudentName({ student, onMakeup, onCancelMakeup }: { student: RollCallStudent } & StudentActions) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500}>
        {student.clientName}
      </Text>
      {student.state === null && (
        <Text size="xs" c="dimmed">
          {t('lessons.rollCall.notYet')}
        </Text>
      )}
      {student.state === 'excused' && onMakeup && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconRepeat size={12} />}
          onClick={onMakeup}
          tabIndex={-1}
          data-testid="roll-call-makeup"
        >
          {t('packages.makeup.book')}
        </Button>
      )}
      {student.state === 'makeup' && onCancelMakeup && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          leftSection={<IconX size={12} />}
          onClick={onCancelMakeup}
          tabIndex={-1}
          data-testid="roll-call-makeup-cancel"
        >
          {t('packages.makeup.cancel')}
        </Button>
      )}
    </>
  );
}

function RollCallFooter({ busy, onAllPresent, onSave }: { busy: boolean; onAllPresent: () => void; onSave: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="wrap">
      <Text size="xs" c="dimmed">
        <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('lessons.rollCall.keysMove')} · <Kbd size="xs">P</Kbd> <Kbd size="xs">A</Kbd>{' '}
        <Kbd size="xs">E</Kbd> <Kbd size="xs">L</Kbd> <Kbd size="xs">M</Kbd> {t('lessons.rollCall.keysMark')} · <Kbd size="xs">Ctrl</Kbd>+
        <Kbd size="xs">Enter</Kbd> {t('lessons.rollCall.keysSave')}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChecks size={14} />} onClick={onAllPresent}>
          {t('lessons.rollCall.allPresent')}
        </Button>
        <Button size="xs" loading={busy} onClick={onSave} data-testid="roll-call-save">
          {t('lessons.rollCall.save')}
        </Button>
      </Group>
    </Group>
  );
}
