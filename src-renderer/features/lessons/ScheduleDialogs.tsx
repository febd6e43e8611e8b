/**
 * The two dialogs that shape many lessons at once: generating a cohort's
 * lessons from its weekly schedule (with a preview of what will be created,
 * updated and removed, and which teachers and rooms that would double-book,
 * before anything is saved), and the school's closed days.
 */
import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../../api/context';
import { refusalText } from '../../shared/ConfirmDelete';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { conflictText } from './LessonCard';
import { useLessonsUi } from './store';

const planTables = ['lessons', 'cohorts', 'closures', 'attendance', 'teachers', 'rooms'];

export function GenerateDialog() {
  const { t } = useTranslation();
  const { dialog, close } = useLessonsUi();
  return (
    <Modal opened={dialog?.type === 'generate'} onClose={close} title={t('lessons.generate.title')} size="lg">
      {dialog?.type === 'generate' && <GenerateBody />}
    </Modal>
  );
}

function GenerateBody() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const close = useLessonsUi((s) => s.close);
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs'] });
  const [cohortId, setCohortId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cohort = cohorts.data?.find((c) => c.id === cohortId);

  const generate = async () => {
    if (!cohortId) return;
    setBusy(true);
    try {
      const done = await api.call('lessons.generate', { cohortIds: [cohortId] });
      notifications.show({ color: 'teal', message: t('lessons.generate.done', { count: done.created }) });
      close();
    } catch (e) {
      setError(refusalText(t, 'lessons.errors')(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Select
        label={t('lessons.generate.cohort')}
        data={(cohorts.data ?? [])
          .filter((c) => c.status !== 'cancelled')
          .map((c) => ({ value: c.id, label: `${c.programName} – ${c.name}` }))}
        value={cohortId}
        onChange={setCohortId}
        searchable
        data-testid="generate-cohort"
      />
      {cohort && (
        <Text size="sm" c="dimmed">
          {cohort.startOn && cohort.endOn
            ? t('lessons.generate.range', { from: format.date(cohort.startOn), to: format.date(cohort.endOn) })
            : t('lessons.generate.noDates')}
          {cohort.schedule.length === 0 && ` · ${t('lessons.generate.noSchedule')}`}
        </Text>
      )}
      {cohortId && <GeneratePreview cohortId={cohortId} />}
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          {t('lessons.form.cancel')}
        </Button>
        <Button onClick={() => void generate()} loading={busy} disabled={!cohortId} data-testid="generate-confirm">
          {t('lessons.generate.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}

/** What generating would do, before anything is saved: counts, and the double bookings it would make. */
function GeneratePreview({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const preview = useQuery('lessons.previewGenerate', { cohortId }, { tables: planTables });
  const plan = preview.data;
  if (!plan) return null;
  return (
    <Stack gap={4} data-testid="generate-preview">
      <Text size="sm">{t(plan.first ? 'lessons.generate.first' : 'lessons.generate.again')}</Text>
      <Text size="sm" fw={500}>
        {t('lessons.generate.counts', { created: plan.created, updated: plan.updated, removed: plan.removed, kept: plan.kept })}
      </Text>
      {plan.conflicts.length > 0 && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={t('lessons.conflictsTitle')}
          data-testid="conflicts"
        >
          {plan.conflicts.slice(0, 12).map((c, i) => (
            <Text key={`${c.lessonId ?? ''}-${c.kind}-${i}`} size="sm">
              {format.date(c.startsOn)}: {conflictText(c, t)}
            </Text>
          ))}
          {plan.conflicts.length > 12 && (
            <Text size="sm" c="dimmed">
              {t('lessons.more', { count: plan.conflicts.length - 12 })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

export function ClosuresDialog() {
  const { t } = useTranslation();
  const { dialog, close } = useLessonsUi();
  return (
    <Modal opened={dialog?.type === 'closures'} onClose={close} title={t('lessons.closures.title')} size="lg">
      {dialog?.type === 'closures' && <ClosuresBody />}
    </Modal>
  );
}

function ClosuresBody() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canAdd = useCan('catalog.write');
  const canDelete = useCan('records.delete');
  const closures = useQuery('closures.list', {}, { tables: ['closures'] });
  const [draft, setDraft] = useState({ name: '', startsOn: '', endsOn: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const made = await api.call('closures.create', {
        name: draft.name,
        startsOn: draft.startsOn,
        endsOn: draft.endsOn || draft.startsOn,
      });
      notifications.show({ color: 'teal', message: t('lessons.closures.added', { count: made.lessons.removed }) });
      setDraft({ name: '', startsOn: '', endsOn: '' });
      setErrors({ fields: {}, form: null });
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'lessons', ['name', 'startsOn', 'endsOn']));
    }
  };
  const remove = async (id: string) => {
    try {
      const done = await api.call('closures.delete', { id });
      notifications.show({ color: 'teal', message: t('lessons.closures.removed', { count: done.lessons.created }) });
    } catch (e) {
      notifications.show({ color: 'red', message: refusalText(t, 'lessons.errors')(e) });
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('lessons.closures.hint')}
      </Text>
      {closures.data && closures.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('lessons.closures.empty')}
        </Text>
      )}
      {closures.data && closures.data.length > 0 && (
        <Table data-testid="closures">
          <Table.Tbody>
            {closures.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>
                  {c.startsOn === c.endsOn ? format.date(c.startsOn) : `${format.date(c.startsOn)} – ${format.date(c.endsOn)}`}
                </Table.Td>
                <Table.Td w={40}>
                  {canDelete && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => void remove(c.id)}
                      aria-label={t('lessons.closures.delete', { name: c.name })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canAdd && (
        <form onSubmit={(e) => void add(e)}>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('lessons.closures.name')}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
              error={errors.fields['name']}
              style={{ flex: 1 }}
            />
            <TextInput
              type="date"
              label={t('lessons.closures.from')}
              value={draft.startsOn}
              onChange={(e) => setDraft({ ...draft, startsOn: e.currentTarget.value })}
              error={errors.fields['startsOn']}
            />
            <TextInput
              type="date"
              label={t('lessons.closures.to')}
              value={draft.endsOn}
              onChange={(e) => setDraft({ ...draft, endsOn: e.currentTarget.value })}
              error={errors.fields['endsOn']}
            />
            <Button type="submit">{t('lessons.closures.add')}</Button>
          </Group>
          {errors.form && (
            <Text size="sm" c="red" mt={4}>
              {errors.form}
            </Text>
          )}
        </form>
      )}
    </Stack>
  );
}
