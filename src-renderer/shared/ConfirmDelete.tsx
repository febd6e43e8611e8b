/**
 * The body of every "are you sure?" before a delete: the question naming the
 * record, a hint (the delete is soft and Undo takes it back), the API's refusal
 * inside the dialog in the person's language, and Cancel / Delete with the busy
 * state in between. Each screen says only what to ask, what to call and how to
 * word a refusal, so the four deletes (program, cohort, enrollment, task) behave
 * alike and a fix to one is a fix to all.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * A refusal in the person's language: the screen's own words for the field's
 * stable code (`<prefix>.<code>`) when it has them, else the words for the error
 * code, so "still has cohorts" reads as a sentence and not as a code.
 */
export function refusalText(t: TFunction, prefix?: string): (error: unknown) => string {
  return (error) => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    const code = error.fields[0]?.code;
    return prefix && code
      ? t([`${prefix}.${code}`, `errors.code.${error.code}`])
      : t(`errors.code.${error.code}`, { defaultValue: error.message });
  };
}

interface Props {
  question: string;
  hint?: string;
  cancelLabel: string;
  confirmLabel: string;
  /** Performs the delete; a throw is shown as `refusal(error)` and the dialog stays open. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  refusal: (error: unknown) => string;
  /** False while what the question names is still loading. */
  ready?: boolean;
  confirmTestId?: string;
  errorTestId?: string;
}

export function ConfirmDelete(props: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (failure) {
      setError(props.refusal(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">{props.question}</Text>
      {props.hint && (
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" data-testid={props.errorTestId}>
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel} disabled={busy}>
          {props.cancelLabel}
        </Button>
        <Button
          color="red"
          loading={busy}
          disabled={props.ready === false}
          leftSection={<IconTrash size={16} />}
          onClick={() => void confirm()}
          data-testid={props.confirmTestId}
        >
          {props.confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
