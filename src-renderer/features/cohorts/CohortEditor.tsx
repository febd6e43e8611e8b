/**
 * The create/edit dialog of a cohort: program, name, teacher, room, dates, the
 * weekly schedule (any number of weekday + start time + length rows), capacity,
 * minimum to run, price (empty = the program's), status and whether it is
 * published. What was typed goes to the API as it is; the API's field errors
 * come back under the inputs, in the interface language. The form keeps one
 * draft (cohortDraft.ts) and draws it in named field groups and the schedule
 * editor, so each part reads on its own. Editing a cohort whose lessons were
 * generated shows, before Save, what saving will do to its lessons yet to come
 * and what it would double-book (from the lessons feature).
 */
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { currencyExponent } from '../../../src-shared/money';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { CohortLessonsPreview } from '../lessons';
import { cohortInputOf, draftOf, type CohortDraft } from './cohortDraft';
import { CohortBasicsFields, CohortSeatsAndPriceFields, CohortStatusFields, type SetDraftField } from './CohortFormFields';
import { ScheduleEditor } from './ScheduleEditor';
import { useCohortsUi } from './store';
import { useCohortFormErrors } from './useCohortFormErrors';

/** The fields of a cohort that shape its lessons, as the editor is about to save them. */
function proposedOf(input: ReturnType<typeof cohortInputOf>) {
  const { schedule, startOn, endOn, teacherId, roomId, status } = input;
  return { schedule, startOn, endOn, teacherId, roomId, status };
}

function CohortForm({ cohort, programId, onDone }: { cohort: CohortSummary | undefined; programId: string | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  const [draft, setDraft] = useState<CohortDraft>(() => draftOf(cohort, programId, currencyExponent(format.currency)));
  const set: SetDraftField = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const { errors, formError, clearFormError, showError } = useCohortFormErrors();
  const [saving, setSaving] = useState(false);
  const programPrice = programs.data?.find((p) => p.id === draft.program)?.defaultPriceMinor ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    clearFormError();
    const input = cohortInputOf(draft, !cohort, format.currency);
    try {
      const saved = cohort ? await api.call('cohorts.update', { id: cohort.id, ...input }) : await api.call('cohorts.create', input);
      notifications.show({ color: 'teal', message: t(cohort ? 'cohorts.form.saved' : 'cohorts.form.created', { name: saved.name }) });
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="cohort-form">
      <Stack gap="md">
        <CohortBasicsFields draft={draft} set={set} errors={errors} programs={programs.data ?? []} />
        <ScheduleEditor
          schedule={draft.schedule}
          onChange={(update) => setDraft((d) => ({ ...d, schedule: update(d.schedule) }))}
          errors={errors}
        />
        <CohortSeatsAndPriceFields draft={draft} set={set} errors={errors} programPrice={programPrice} />
        <CohortStatusFields draft={draft} set={set} />
        {cohort && <CohortLessonsPreview cohortId={cohort.id} proposed={proposedOf(cohortInputOf(draft, false, format.currency))} />}
        {formError && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('cohorts.form.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="cohort-save">
            {t(cohort ? 'cohorts.form.save' : 'cohorts.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CohortEditor({ cohorts }: { cohorts: readonly CohortSummary[] }) {
  const { t } = useTranslation();
  const { editor, closeEditor } = useCohortsUi();
  const cohort = editor?.mode === 'edit' ? cohorts.find((c) => c.id === editor.id) : undefined;
  return (
    <Modal
      opened={editor !== null}
      onClose={closeEditor}
      title={t(cohort ? 'cohorts.form.editTitle' : 'cohorts.form.createTitle')}
      size="lg"
      centered
    >
      {editor && (
        <CohortForm
          key={editor.mode === 'edit' ? editor.id : 'new'}
          cohort={cohort}
          programId={editor.mode === 'create' ? editor.programId : undefined}
          onDone={closeEditor}
        />
      )}
    </Modal>
  );
}
