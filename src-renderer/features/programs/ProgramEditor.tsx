/**
 * The create/edit dialog for a program. It sends what was typed to the API and
 * shows the API's verdict: each field error appears under its own input, in
 * the interface language, translated from the error's stable `code` (a message
 * specific to this form when there is one, a general one otherwise). Errors
 * that belong to no field are shown above the buttons. The kind and price, and
 * the defaults for new cohorts, are field groups in ProgramFields. People who
 * may delete records find Delete here, which hands over to the confirmation
 * (ProgramDeleteDialog) rather than deleting from inside a form being edited.
 */
import { Alert, Button, Group, Modal, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/api/contract';
import type { Program } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { emptyProgramForm, formFieldOf, formToProgramInput, programToForm, type ProgramFormField, type ProgramFormValues } from './form';
import { CohortDefaultsFields, KindAndPriceFields } from './ProgramFields';
import { useProgramsUi } from './store';

type FieldErrors = Partial<Record<ProgramFormField, string>>;

function ProgramForm({ program, onDone }: { program: Program | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [values, setValues] = useState<ProgramFormValues>(() => (program ? programToForm(program, format.currency) : emptyProgramForm));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const canDelete = useCan(contract['programs.delete'].capability);
  const openDelete = useProgramsUi((s) => s.openDelete);

  const set = <K extends ProgramFormField>(field: K, value: ProgramFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setFieldErrors((e) => ({ ...e, [field]: undefined }));
  };

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFormError(t('errors.code.INTERNAL'));
      return;
    }
    const next: FieldErrors = {};
    const unplaced: string[] = [];
    for (const field of error.fields) {
      const apiField = String(field.path[0] ?? '');
      const formField = formFieldOf(apiField);
      const message = t([`programs.errors.${apiField}.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      if (formField && !next[formField]) next[formField] = message;
      else if (!formField) unplaced.push(message);
    }
    setFieldErrors(next);
    setFormError(unplaced.length > 0 || Object.keys(next).length === 0 ? [t(`errors.code.${error.code}`), ...unplaced].join(' ') : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      const input = formToProgramInput(values, format.currency);
      const saved = program ? await api.call('programs.update', { id: program.id, ...input }) : await api.call('programs.create', input);
      notifications.show({ color: 'teal', message: t(program ? 'programs.form.saved' : 'programs.form.created', { name: saved.name }) });
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="program-form">
      <Stack gap="md">
        <TextInput
          label={t('programs.form.name')}
          placeholder={t('programs.form.namePlaceholder')}
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={fieldErrors.name}
          withAsterisk
          data-autofocus
          name="name"
        />
        <KindAndPriceFields values={values} set={set} errors={fieldErrors} />
        <CohortDefaultsFields values={values} set={set} errors={fieldErrors} />
        <Textarea
          label={t('programs.form.description')}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={fieldErrors.description}
          autosize
          minRows={2}
          maxRows={6}
          name="description"
        />
        {program && (
          <Switch
            label={t('programs.form.archived')}
            checked={values.archived}
            onChange={(e) => set('archived', e.currentTarget.checked)}
            error={fieldErrors.archived}
          />
        )}
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          {program && canDelete && (
            <Button
              variant="subtle"
              color="red"
              mr="auto"
              leftSection={<IconTrash size={16} />}
              onClick={() => openDelete(program.id)}
              disabled={saving}
              data-testid="delete-program"
            >
              {t('programs.form.delete')}
            </Button>
          )}
          <Button variant="default" onClick={onDone} disabled={saving}>
            {t('programs.form.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {program ? t('programs.form.save') : t('programs.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProgramEditor({ programs }: { programs: readonly Program[] }) {
  const { t } = useTranslation();
  const { editor, close } = useProgramsUi();
  const program = editor?.mode === 'edit' ? programs.find((p) => p.id === editor.programId) : undefined;
  const key = editor ? (editor.mode === 'edit' ? editor.programId : 'new') : 'closed';
  return (
    <Modal opened={editor !== null} onClose={close} title={t(program ? 'programs.form.editTitle' : 'programs.form.createTitle')} size="lg">
      {editor && <ProgramForm key={key} program={program} onDone={close} />}
    </Modal>
  );
}
