/**
 * The small dialogs Today acts through: log a call (with the next follow-up day
 * or a new status, saved as one step by `followUps.log`), record a payment
 * against an overdue instalment's enrollment (the task dialogs are in
 * taskDialogs.tsx). Each sends what
 * the person typed to the API and shows the API's verdict beside the field it is
 * about, in the interface language; nothing is checked twice in the browser.
 */
import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDaysIso } from '../../../src-shared/dates';
import { enrollmentTransitions, type EnrollmentStatus } from '../../../src-shared/domain';
import { useApi } from '../../api/context';
import { RecordPaymentDialog } from '../payments';
import { useFieldErrors } from './fieldErrors';
import { useTodayUi } from './store';

export function CallDialog({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { dialog, close } = useTodayUi();
  const open = dialog?.type === 'call' ? dialog : null;
  const [summary, setSummary] = useState('');
  const [next, setNext] = useState(addDaysIso(asOf, 7));
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const { errors, general, capture, reset } = useFieldErrors();

  const finish = () => {
    setSummary('');
    setNext(addDaysIso(asOf, 7));
    setStatus('');
    reset();
    close();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    setBusy(true);
    try {
      await api.call('followUps.log', {
        enrollmentId: open.enrollmentId,
        summary,
        nextFollowUpOn: next === '' ? null : next,
        ...(status ? { status: status as EnrollmentStatus } : {}),
      });
      notifications.show({ color: 'teal', message: t('today.call.saved') });
      finish();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  const choices = open ? enrollmentTransitions[open.status].filter((s) => s !== open.status) : [];
  return (
    <Modal opened={open !== null} onClose={finish} title={open ? t('today.call.title', { name: open.clientName }) : ''} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t('today.call.summary')}
            placeholder={t('today.call.summaryPlaceholder')}
            autosize
            minRows={3}
            required
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={errors['summary']}
            data-autofocus
          />
          <TextInput
            type="date"
            label={t('today.call.next')}
            description={next === '' ? t('today.call.noNext') : undefined}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors['nextFollowUpOn']}
          />
          <Select
            label={t('today.call.status')}
            value={status || null}
            onChange={(v) => setStatus(v ?? '')}
            placeholder={open ? t('today.call.keepStatus', { status: t(`today.status.${open.status}`) }) : ''}
            clearable
            data={choices.map((s) => ({ value: s, label: t(`today.status.${s}`) }))}
            error={errors['status']}
          />
          {general && (
            <Text c="red" size="sm">
              {general}
            </Text>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={finish}>
              {t('today.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('today.call.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * "Record payment" on an overdue or due-soon instalment: the same dialog as on
 * the client page and the Payments screen, opened on that enrollment (so it is
 * prefilled with what is left of its next instalment and shows the balance),
 * and dated the school's day the page was computed for.
 */
export function PaymentDialog({ asOf }: { asOf: string }) {
  const { dialog, close } = useTodayUi();
  if (dialog?.type !== 'payment') return null;
  return <RecordPaymentDialog clientId={dialog.clientId} enrollmentId={dialog.enrollmentId} paidOn={asOf} onClose={close} />;
}
