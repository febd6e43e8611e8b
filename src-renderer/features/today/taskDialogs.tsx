/**
 * Changing a task after it was added: edit its title, due day and note
 * (`tasks.update`), or delete it after a confirmation that names it
 * (`tasks.delete`, for a role that may delete records). Both open from a task's
 * menu on Today and from the "All tasks" drawer, over which they stack; each
 * shows the API's refusal in the dialog, beside its field when it has one.
 */
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';
import { useFieldErrors } from './dialogs';
import { useTodayUi, type TodayDialog } from './store';

/** Above the "All tasks" drawer, which these dialogs open from. */
const overDrawer = 400;

type EditTarget = Extract<TodayDialog, { type: 'editTask' }>;

export function TaskEditDialog() {
  const { t } = useTranslation();
  const { dialog, close } = useTodayUi();
  const open = dialog?.type === 'editTask' ? dialog : null;
  return (
    <Modal opened={open !== null} onClose={close} title={t('today.tasks.editTitle')} size="md" zIndex={overDrawer}>
      {open && <TaskEditForm key={open.taskId} task={open} onDone={close} />}
    </Modal>
  );
}

function TaskEditForm({ task, onDone }: { task: EditTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [title, setTitle] = useState(task.title);
  const [dueOn, setDueOn] = useState(task.dueOn ?? '');
  const [notes, setNotes] = useState(task.notes ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, general, capture } = useFieldErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.call('tasks.update', {
        id: task.taskId,
        title,
        dueOn: dueOn === '' ? null : dueOn,
        notes: notes.trim() === '' ? null : notes,
      });
      notifications.show({ color: 'teal', message: t('today.tasks.saved') });
      onDone();
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
          <Button variant="default" onClick={onDone}>
            {t('today.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('today.tasks.save')}
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
