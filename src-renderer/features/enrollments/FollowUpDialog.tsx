/**
 * "Call back on…": the follow-up date of an enrollment with a note of what to
 * ask, set later from the client page or the enrollments grid. The date goes on
 * the enrollment (`enrollments.update`), where Today and the "Thinking — call
 * back" view read it; the note goes on the client's timeline as a note tied to
 * the enrollment (`activities.create`), so the reason for the call is beside the
 * history of earlier calls rather than overwriting the enrollment's own notes.
 */
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentDetail } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';

export function FollowUpDialog({ enrollmentId, onClose }: { enrollmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery('enrollments.get', { id: enrollmentId }, { tables: ['enrollments'] });
  return (
    <Modal opened onClose={onClose} title={t('enrollments.change.followUpTitle')} data-testid="follow-up-dialog">
      {detail.data ? <FollowUpForm enrollment={detail.data} onClose={onClose} /> : <Text c="dimmed">…</Text>}
    </Modal>
  );
}

function FollowUpForm({ enrollment, onClose }: { enrollment: EnrollmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [date, setDate] = useState(enrollment.followUpOn ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('enrollments.update', { id: enrollment.id, followUpOn: date || null });
      if (note.trim()) {
        const summary = date ? t('enrollments.change.followUpActivity', { date: format.date(date), note: note.trim() }) : note.trim();
        await api.call('activities.create', { clientId: enrollment.clientId, enrollmentId: enrollment.id, kind: 'note', summary });
      }
      notifications.show({
        color: 'teal',
        message: date ? t('enrollments.change.followUpSaved', { date: format.date(date) }) : t('enrollments.change.followUpCleared'),
      });
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field = e.fields[0];
      setError(field ? t([`errors.field.${field.code}`, 'errors.field.invalid']) : t(`errors.code.${e.code}`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {enrollment.programName}
          {enrollment.cohortName ? ` · ${enrollment.cohortName}` : ''}
        </Text>
        <TextInput
          type="date"
          label={t('enrollments.columns.followUp')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={error}
          data-autofocus
          data-testid="follow-up-date"
        />
        <Textarea
          label={t('enrollments.change.followUpNote')}
          placeholder={t('enrollments.change.followUpNoteHint')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="follow-up-note"
        />
        {error && !date && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('enrollments.change.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="follow-up-save">
            {t('enrollments.change.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
