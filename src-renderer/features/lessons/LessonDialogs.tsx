/**
 * The dialogs of one lesson: the lesson itself (its facts, its double bookings
 * and roll call), and the form that changes it (move, cancel, substitute
 * teacher, other room) or adds an extra lesson. The form asks the main process
 * which lessons the proposed time, teacher and room would double-book while it
 * is being filled in, so a clash is on the screen before Save, not after.
 */
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { LessonView } from '../../../src-shared/api/lessons-methods';
import { isIsoDate } from '../../../src-shared/dates';
import { useApi, useQuery } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { endTime } from './calendar';
import { conflictText, LessonBadges } from './LessonCard';
import { RollCallPanel, rollCallTables } from './RollCallPanel';
import { useLessonsUi } from './store';

const catalogTables = ['teachers', 'rooms', 'cohorts', 'programs'];

export function LessonDialog() {
  const { t } = useTranslation();
  const { dialog, close } = useLessonsUi();
  const lessonId = dialog?.type === 'lesson' ? dialog.lessonId : null;
  return (
    <Modal opened={lessonId !== null} onClose={close} title={t('lessons.lessonTitle')} size="lg">
      {lessonId && <LessonBody lessonId={lessonId} />}
    </Modal>
  );
}

function LessonBody({ lessonId }: { lessonId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useLessonsUi((s) => s.open);
  const close = useLessonsUi((s) => s.close);
  const canChange = useCan('catalog.write');
  const rollCall = useQuery('lessons.rollCall', { id: lessonId }, { tables: rollCallTables });
  const lesson = rollCall.data?.lesson;
  return (
    <Stack gap="sm">
      {lesson && (
        <div>
          <Text fw={600}>
            {lesson.programName} – {lesson.cohortName}
          </Text>
          <Text size="sm" c="dimmed">
            {format.date(lesson.startsOn, 'full')} · {lesson.startTime}–{endTime(lesson.startTime, lesson.minutes)}
            {[lesson.teacherName, lesson.roomName].filter(Boolean).map((x) => ` · ${x}`)}
          </Text>
          {lesson.note && <Text size="sm">{lesson.note}</Text>}
          <LessonBadges lesson={lesson} />
          <Conflicts lesson={lesson} />
        </div>
      )}
      <Text fw={600} size="sm">
        {t('lessons.rollCall.title')}
      </Text>
      <RollCallPanel lessonId={lessonId} onSaved={close} />
      {canChange && lesson && (
        <Group justify="flex-end">
          <Button variant="subtle" size="xs" leftSection={<IconPencil size={14} />} onClick={() => open({ type: 'edit', lessonId })}>
            {t('lessons.change')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Conflicts({ lesson }: { lesson: Pick<LessonView, 'conflicts'> }) {
  const { t } = useTranslation();
  if (lesson.conflicts.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      mt="xs"
      icon={<IconAlertTriangle size={16} />}
      title={t('lessons.conflictsTitle')}
      data-testid="conflicts"
    >
      {lesson.conflicts.map((c, i) => (
        <Text key={`${c.lessonId ?? i}-${c.kind}`} size="sm">
          {conflictText(c, t)}
        </Text>
      ))}
    </Alert>
  );
}

export function LessonFormDialog() {
  const { t } = useTranslation();
  const { dialog, close } = useLessonsUi();
  const editId = dialog?.type === 'edit' ? dialog.lessonId : null;
  const extra = dialog?.type === 'extra';
  return (
    <Modal
      opened={editId !== null || extra}
      onClose={close}
      title={t(extra ? 'lessons.form.extraTitle' : 'lessons.form.editTitle')}
      size="md"
    >
      {editId && <EditLesson lessonId={editId} />}
      {extra && <LessonForm lesson={null} />}
    </Modal>
  );
}

function EditLesson({ lessonId }: { lessonId: string }) {
  const rollCall = useQuery('lessons.rollCall', { id: lessonId }, { tables: rollCallTables });
  return rollCall.data ? <LessonForm key={lessonId} lesson={rollCall.data.lesson} /> : null;
}

interface Draft {
  cohortId: string | null;
  startsOn: string;
  startTime: string;
  minutes: number | string;
  teacherId: string | null;
  roomId: string | null;
  cancelled: boolean;
  note: string;
}

const options = (rows: { id: string; name: string }[] | undefined) => (rows ?? []).map((r) => ({ value: r.id, label: r.name }));

const formFields = ['cohortId', 'startsOn', 'startTime', 'minutes', 'teacherId', 'roomId', 'cancelled', 'note'];

function draftOf(lesson: LessonView | null): Draft {
  return {
    cohortId: lesson?.cohortId ?? null,
    startsOn: lesson?.startsOn ?? '',
    startTime: lesson?.startTime ?? '',
    minutes: lesson?.minutes ?? 60,
    teacherId: lesson?.teacherId ?? null,
    roomId: lesson?.roomId ?? null,
    cancelled: lesson?.cancelled ?? false,
    note: lesson?.note ?? '',
  };
}

function LessonForm({ lesson }: { lesson: LessonView | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const close = useLessonsUi((s) => s.close);
  const [draft, setDraft] = useState<Draft>(() => draftOf(lesson));
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const cohorts = useQuery('cohorts.list', {}, { tables: catalogTables });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const place = {
      startsOn: draft.startsOn,
      startTime: draft.startTime,
      minutes: Number(draft.minutes),
      teacherId: draft.teacherId,
      roomId: draft.roomId,
      note: draft.note.trim() === '' ? null : draft.note,
    };
    try {
      if (lesson) await api.call('lessons.update', { id: lesson.id, ...place, cancelled: draft.cancelled });
      else await api.call('lessons.create', { cohortId: draft.cohortId ?? '', ...place });
      notifications.show({ color: 'teal', message: t('lessons.form.saved'), autoClose: 1500 });
      close();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'lessons', formFields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        {!lesson && (
          <Select
            label={t('lessons.form.cohort')}
            data={options(cohorts.data)}
            value={draft.cohortId}
            onChange={(v) => {
              const cohort = cohorts.data?.find((c) => c.id === v);
              setDraft((d) => ({ ...d, cohortId: v, teacherId: cohort?.teacherId ?? null, roomId: cohort?.roomId ?? null }));
            }}
            searchable
            error={errors.fields['cohortId']}
          />
        )}
        <PlaceFields draft={draft} set={set} errors={errors} />
        {lesson && (
          <Switch
            label={t('lessons.form.cancelled')}
            checked={draft.cancelled}
            onChange={(e) => set('cancelled', e.currentTarget.checked)}
            error={errors.fields['cancelled']}
          />
        )}
        <Textarea
          label={t('lessons.form.note')}
          value={draft.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          autosize
          minRows={1}
        />
        {!draft.cancelled && <ProposedConflicts draft={draft} excludeLessonId={lesson?.id} />}
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('lessons.form.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="lesson-save">
            {t('lessons.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type SetDraft = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** When and where: day, time, length, teacher and room. */
function PlaceFields({ draft, set, errors }: { draft: Draft; set: SetDraft; errors: FormErrors }) {
  const { t } = useTranslation();
  const teachers = useQuery('teachers.list', {}, { tables: catalogTables });
  const rooms = useQuery('rooms.list', {}, { tables: catalogTables });
  return (
    <>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('lessons.form.date')}
          value={draft.startsOn}
          onChange={(e) => set('startsOn', e.currentTarget.value)}
          error={errors.fields['startsOn']}
        />
        <TextInput
          type="time"
          label={t('lessons.form.startTime')}
          value={draft.startTime}
          onChange={(e) => set('startTime', e.currentTarget.value)}
          error={errors.fields['startTime']}
        />
        <NumberInput
          label={t('lessons.form.minutes')}
          value={draft.minutes}
          onChange={(v) => set('minutes', v)}
          min={5}
          max={1440}
          error={errors.fields['minutes']}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('lessons.form.teacher')}
          data={options(teachers.data)}
          value={draft.teacherId}
          onChange={(v) => set('teacherId', v)}
          clearable
          searchable
          error={errors.fields['teacherId']}
        />
        <Select
          label={t('lessons.form.room')}
          data={options(rooms.data)}
          value={draft.roomId}
          onChange={(v) => set('roomId', v)}
          clearable
          searchable
          error={errors.fields['roomId']}
        />
      </Group>
    </>
  );
}

/** The double bookings the form's time, teacher and room would make, checked as they are typed. */
function ProposedConflicts({ draft, excludeLessonId }: { draft: Draft; excludeLessonId: string | undefined }) {
  const minutes = Number(draft.minutes);
  const complete = isIsoDate(draft.startsOn) && /^\d{2}:\d{2}$/.test(draft.startTime) && minutes >= 5 && minutes <= 1440;
  if (!complete || (!draft.teacherId && !draft.roomId)) return null;
  return (
    <ConflictCheck
      input={{
        startsOn: draft.startsOn,
        startTime: draft.startTime,
        minutes,
        teacherId: draft.teacherId,
        roomId: draft.roomId,
        ...(excludeLessonId ? { excludeLessonId } : {}),
      }}
    />
  );
}

function ConflictCheck({ input }: { input: MethodInput<'lessons.conflicts'> }) {
  const { t } = useTranslation();
  const check = useQuery('lessons.conflicts', input, { tables: ['lessons', 'teachers', 'rooms', 'cohorts'] });
  if (!check.data) return null;
  if (check.data.length === 0) {
    return (
      <Text size="xs" c="teal" data-testid="no-conflicts">
        {t('lessons.noConflicts')}
      </Text>
    );
  }
  return <Conflicts lesson={{ conflicts: check.data }} />;
}
