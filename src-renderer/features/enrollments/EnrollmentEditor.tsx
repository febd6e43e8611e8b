/**
 * "Edit enrollment": every field of an enrollment in one side panel — group,
 * status (with the reason when it is lost), agreed price, discount, follow-up
 * date, "notify N days before start", source and notes — opened from the grid,
 * the client page and the cohort roster. It reads the enrollment fresh
 * (`enrollments.get`), sends only what changed (`enrollments.update`, and
 * `enrollments.setStatus` for the status so the change lands in its history),
 * and shows each refusal under its field, so a wrong value saves nothing.
 * The money plan and the move to another group have their own dialogs, one
 * click away from here; so has Delete, for a role that may delete records.
 */
import { LostReasonSelect, SourceChannelSelect } from '../marketing';
import { Alert, Button, Drawer, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconCalendarDollar, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentDetail } from '../../../src-shared/api/types';
import { enrollmentTransitions, type EnrollmentStatus } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { openEnrollmentChange } from './changeStore';
import { DeleteEnrollmentDialog } from './DeleteEnrollmentDialog';
import { major, useMoneyInputProps, type NumberField } from './moneyInput';

const lostStatuses: readonly EnrollmentStatus[] = ['declined', 'cancelled'];
const enrollmentTables = ['enrollments', 'enrollment_status_history', 'cohorts', 'programs', 'instalments', 'payments'];

interface Draft {
  cohortId: string;
  status: EnrollmentStatus;
  agreedPrice: NumberField;
  discount: NumberField;
  followUpOn: string;
  notifyBeforeDays: NumberField;
  source: string;
  sourceChannel: string;
  reasonLost: string;
  notes: string;
}

function draftOf(e: EnrollmentDetail, exponent: number): Draft {
  return {
    cohortId: e.cohortId ?? '',
    status: e.status,
    agreedPrice: e.agreedPriceMinor / 10 ** exponent,
    discount: e.discountMinor / 10 ** exponent,
    followUpOn: e.followUpOn ?? '',
    notifyBeforeDays: e.notifyBeforeDays ?? '',
    source: e.source ?? '',
    sourceChannel: e.sourceChannel ?? '',
    reasonLost: e.reasonLost ?? '',
    notes: e.notes ?? '',
  };
}

/** The fields of `enrollments.update` that differ from the enrollment as it is. */
function changesOf(e: EnrollmentDetail, d: Draft, currency: string): Record<string, unknown> {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const next: Record<string, unknown> = {
    cohortId: d.cohortId || null,
    agreedPriceMinor: major(d.agreedPrice, currency) ?? 0,
    discountMinor: major(d.discount, currency) ?? 0,
    followUpOn: d.followUpOn || null,
    notifyBeforeDays: d.notifyBeforeDays === '' ? null : d.notifyBeforeDays,
    source: text(d.source),
    sourceChannel: d.sourceChannel || null,
    notes: text(d.notes),
  };
  const before: Record<string, unknown> = { ...e };
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== (before[key] ?? null)));
}

export function EnrollmentEditor({ enrollmentId, onClose }: { enrollmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery('enrollments.get', { id: enrollmentId }, { tables: enrollmentTables });
  const enrollment = detail.data;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="md"
      title={
        enrollment
          ? t('enrollments.change.editTitle', {
              program: enrollment.programName,
              group: enrollment.cohortName ?? t('enrollments.noCohort'),
            })
          : t('enrollments.change.edit')
      }
      data-testid="enrollment-editor"
    >
      {enrollment ? <EditorForm key={enrollment.id} enrollment={enrollment} onClose={onClose} /> : <Text c="dimmed">…</Text>}
    </Drawer>
  );
}

function useSave(enrollment: EnrollmentDetail, onDone: () => void) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (draft: Draft) => {
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const changes = changesOf(enrollment, draft, format.currency);
      if (Object.keys(changes).length > 0) await api.call('enrollments.update', { id: enrollment.id, ...changes });
      const reasonLost = draft.reasonLost.trim() || null;
      if (draft.status !== enrollment.status || (lostStatuses.includes(draft.status) && reasonLost !== enrollment.reasonLost)) {
        await api.call('enrollments.setStatus', { id: enrollment.id, status: draft.status, reasonLost });
      }
      notifications.show({ color: 'teal', message: t('enrollments.change.saved') });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Record<string, string> = {};
      for (const f of error.fields) {
        const key = String(f.path[0] ?? '');
        next[key] ??= t([
          `enrollments.errors.${key}.${f.code}`,
          `enroll.errors.${key}.${f.code}`,
          `errors.field.${f.code}`,
          'errors.field.invalid',
        ]);
      }
      setErrors(next);
      if (Object.keys(next).length === 0) setFormError(t(`errors.code.${error.code}`, { defaultValue: error.message }));
    } finally {
      setBusy(false);
    }
  };
  return { save, errors, formError, busy };
}

function EditorForm({ enrollment, onClose }: { enrollment: EnrollmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const moneyProps = useMoneyInputProps();
  const canPrice = useCan('prices.write');
  const [draft, setDraft] = useState<Draft>(() => draftOf(enrollment, exponent));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const { save, errors, formError, busy } = useSave(enrollment, onClose);
  const cohorts = useQuery('cohorts.list', { programId: enrollment.programId }, { tables: ['cohorts'] });
  const groupOptions = [
    { value: '', label: t('enrollments.noCohort') },
    ...(cohorts.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  const statuses = [enrollment.status, ...enrollmentTransitions[enrollment.status].filter((s) => s !== enrollment.status)];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(draft);
      }}
    >
      <Stack gap="sm">
        <Select
          label={t('enrollments.columns.cohort')}
          data={groupOptions}
          value={draft.cohortId}
          onChange={(v) => set('cohortId', v ?? '')}
          allowDeselect={false}
          error={errors['cohortId']}
          data-testid="edit-cohort"
        />
        <Select
          label={t('enrollments.columns.status')}
          data={statuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) }))}
          value={draft.status}
          onChange={(v) => v && set('status', v as EnrollmentStatus)}
          allowDeselect={false}
          error={errors['status']}
          data-testid="edit-status"
        />
        {lostStatuses.includes(draft.status) && (
          <LostReasonSelect
            value={draft.reasonLost}
            onChange={(value) => set('reasonLost', value)}
            error={errors['reasonLost']}
            data-testid="edit-reason-lost"
          />
        )}
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            {...moneyProps}
            label={t('enrollments.columns.agreedPrice')}
            value={draft.agreedPrice}
            onChange={(v) => set('agreedPrice', v)}
            disabled={!canPrice}
            error={errors['agreedPriceMinor']}
            data-testid="edit-price"
          />
          <NumberInput
            {...moneyProps}
            label={t('enrollments.columns.discount')}
            value={draft.discount}
            onChange={(v) => set('discount', v)}
            disabled={!canPrice}
            error={errors['discountMinor']}
            data-testid="edit-discount"
          />
          <TextInput
            type="date"
            label={t('enrollments.columns.followUp')}
            value={draft.followUpOn}
            onChange={(e) => set('followUpOn', e.currentTarget.value)}
            error={errors['followUpOn']}
            data-testid="edit-follow-up"
          />
          <NumberInput
            label={t('enrollments.columns.notify')}
            min={0}
            max={365}
            allowDecimal={false}
            value={draft.notifyBeforeDays}
            onChange={(v) => set('notifyBeforeDays', v)}
            error={errors['notifyBeforeDays']}
            data-testid="edit-notify"
          />
        </SimpleGrid>
        <SourceChannelSelect
          value={draft.sourceChannel}
          onChange={(value) => set('sourceChannel', value)}
          error={errors['sourceChannel']}
          data-testid="edit-source-channel"
        />
        <TextInput
          label={t('enrollments.columns.source')}
          value={draft.source}
          onChange={(e) => set('source', e.currentTarget.value)}
          error={errors['source']}
          data-testid="edit-source"
        />
        <Textarea
          label={t('enrollments.columns.note')}
          autosize
          minRows={3}
          value={draft.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={errors['notes']}
          data-testid="edit-notes"
        />
        {formError && <Alert color="red">{formError}</Alert>}
        <EditorActions enrollmentId={enrollment.id} canPrice={canPrice} busy={busy} onClose={onClose} />
      </Stack>
    </form>
  );
}

function EditorActions({
  enrollmentId,
  canPrice,
  busy,
  onClose,
}: {
  enrollmentId: string;
  canPrice: boolean;
  busy: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const canDelete = useCan('records.delete');
  const [deleting, setDeleting] = useState(false);
  return (
    <Group justify="space-between">
      <Group gap="xs">
        {canDelete && (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} />}
            onClick={() => setDeleting(true)}
            data-testid="edit-delete"
          >
            {t('enrollments.change.delete')}
          </Button>
        )}
        {deleting && <DeleteEnrollmentDialog enrollmentId={enrollmentId} onClose={() => setDeleting(false)} onDeleted={onClose} />}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconCalendarDollar size={14} />}
          onClick={() => openEnrollmentChange('plan', enrollmentId)}
          disabled={!canPrice}
        >
          {t('enrollments.change.plan')}
        </Button>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconArrowsExchange size={14} />}
          onClick={() => openEnrollmentChange('move', enrollmentId)}
        >
          {t('enrollments.change.move')}
        </Button>
      </Group>
      <Group gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('enrollments.change.cancel')}
        </Button>
        <Button type="submit" loading={busy} data-testid="edit-save">
          {t('enrollments.change.save')}
        </Button>
      </Group>
    </Group>
  );
}
