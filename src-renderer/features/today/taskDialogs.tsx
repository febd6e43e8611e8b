/**
 * Tasks on Today: add one (`tasks.create`), change its title, due day and note
 * (`tasks.update`), or delete it after a confirmation that names it
 * (`tasks.delete`, for a role that may delete records). Adding and changing show
 * the same form; the change and delete dialogs open from a task's menu on Today
 * and from the "All tasks" drawer, over which they stack. Each shows the API's
 * refusal in the dialog, beside its field when it has one.
 */
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';
import { useFieldErrors } from './fieldErrors';
import { useTodayUi, type TodayDialog } from './store';

/** Above the "All tasks" drawer, which these dialogs open from. */
const overDrawer = 400;

type EditTarget = Extract<TodayDialog, { type: 'editTask' }>;

interface TaskValues {
  title: string;
  dueOn: string | null;
  notes: string | null;
}

/** Adding a task: due today unless the person picks another day or clears it. */
export function TaskDialog({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { dialog, close } = useTodayUi();
  const opened = dialog?.type === 'task';
  return (
    <Modal opened={opened} onClose={close} title={t('today.tasks.title')} size="md">
      {opened && (
        <TaskForm
          initial={{ title: '', dueOn: asOf, notes: null }}
          submitLabel={t('today.tasks.add')}
          save={async (values) => {
            await api.call('tasks.create', values);
            notifications.show({ color: 'teal', message: t('today.tasks.added') });
          }}
          onDone={close}
        />
      )}
    </Modal>
  );
}

export function TaskEditDialog() {
  const { t } = useTranslation();
  const api = useApi();
  const { dialog, close } = useTodayUi();
  const open = dialog?.type === 'editTask' ? dialog : null;
  return (
    <Modal opened={open !== null} onClose={close} title={t('today.tasks.editTitle')} size="md" zIndex={overDrawer}>
      {open && (
        <TaskForm
          key={open.taskId}
          initial={open}
          submitLabel={t('today.tasks.save')}
          save={async (values) => {
            await api.call('tasks.update', { id: open.taskId, ...values });
            notifications.show({ color: 'teal', message: t('today.tasks.saved') });
          }}
          onDone={close}
        />
      )}
    </Modal>
  );
}

/** The task's fields, for adding and for changing one; `save` gets what was typed, empty day and note as null. */
function TaskForm(props: {
  initial: Pick<EditTarget, 'title' | 'dueOn' | 'notes'>;
  submitLabel: string;
  save: (values: TaskValues) => Promise<void>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(props.initial.title);
  const [dueOn, setDueOn] = useState(props.initial.dueOn ?? '');
  const [notes, setNotes] = useState(props.initial.notes ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, general, capture } = useFieldErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.save({ title, dueOn: dueOn === '' ? null : dueOn, notes: notes.trim() === '' ? null : notes });
      props.onDone();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('today.tasks.name')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors['title']}
          required
          data-autofocus
        />
        <TextInput
          type="date"
          label={t('today.tasks.due')}
          description={dueOn === '' ? t('today.noDate') : undefined}
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          error={errors['dueOn']}
        />
        <Textarea
          label={t('today.tasks.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors['notes']}
        />
        {general && (
          <Text c="red" size="sm">
            {general}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onDone}>
            {t('today.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TaskDeleteDialog() {
  const { t } = useTranslation();
  const api = useApi();
  const { dialog, close } = useTodayUi();
  const open = dialog?.type === 'deleteTask' ? dialog : null;
  return (
    <Modal opened={open !== null} onClose={close} title={t('today.tasks.deleteTitle')} size="md" zIndex={overDrawer}>
      {open && (
        <ConfirmDelete
          question={t('today.tasks.deleteConfirm', { title: open.title })}
          cancelLabel={t('today.cancel')}
          confirmLabel={t('today.tasks.delete')}
          refusal={refusalText(t)}
          onCancel={close}
          onConfirm={async () => {
            await api.call('tasks.delete', { id: open.taskId });
            notifications.show({ color: 'gray', message: t('today.tasks.deleted', { title: open.title }) });
            close();
          }}
        />
      )}
    </Modal>
  );
}
