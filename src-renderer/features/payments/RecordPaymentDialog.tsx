/**
 * "Record payment": who paid, how much, when, how, with what reference — and what
 * it pays. By default a payment pays the client's oldest due instalment first
 * (computed on every read, never stored); a person may instead pin it to chosen
 * instalments, which the dialog fills in order up to the amount. The amount is
 * typed in major units the way the locale writes it and sent in minor units.
 * The API's refusals appear under the field they concern. Who pays (PayerFields)
 * and what it pays (AllocationChoice) keep their state in their own hooks.
 * It opens prefilled (`payments.prefill`): the enrollment the next instalment
 * belongs to and what is left of that instalment, with the balance shown above
 * the amount, so the usual payment is one click; a typed amount always wins.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentPrefill } from '../../../src-shared/api/payments-methods';
import { paymentMethods, type PaymentMethod } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { parseMoneyText } from '../../grid';
import { AllocationChoice, useAllocation } from './AllocationChoice';
import { PayerFields, usePayer } from './PayerFields';

interface Props {
  /** The client, when the dialog is opened from their page; otherwise the dialog asks. */
  clientId?: string;
  /** The enrollment, when opened from one (a roster line, an enrollment's block). */
  enrollmentId?: string;
  /** The day the payment is dated unless changed: the school's day on Today, else this machine's. */
  paidOn?: string;
  onClose: () => void;
}

type FieldKey = 'clientId' | 'amountMinor' | 'paidOn' | 'reference' | 'allocations' | 'enrollmentId';

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function RecordPaymentDialog({ clientId: fixedClient, enrollmentId: fixedEnrollment, paidOn: day, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const payer = usePayer(fixedClient, fixedEnrollment);
  const prefill = payer.prefill;
  const [typedAmount, setAmount] = useState<string | null>(null);
  const prefillAmount = prefill && prefill.amountMinor > 0 ? String(prefill.amountMinor / 10 ** exponent) : '';
  const amount = typedAmount ?? prefillAmount;
  const [paidOn, setPaidOn] = useState(day ?? todayIso());
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseMoneyText(amount, exponent);
  const allocation = useAllocation(payer.openInstalments, typeof parsed === 'number' ? parsed : null);

  const message = (field: string, code: string) => t([`payments.errors.${field}.${code}`, `errors.field.${code}`, 'errors.field.invalid']);

  const submit = async () => {
    setErrors({});
    setFormError(null);
    const clientId = payer.clientId;
    if (!clientId) {
      setErrors({ clientId: message('clientId', 'too_small') });
      return;
    }
    setBusy(true);
    try {
      const payment = await api.call('payments.create', {
        clientId,
        enrollmentId: payer.chosenEnrollment?.id ?? null,
        // Unreadable text goes to the API as it is, so its validation names the problem at this field.
        amountMinor: (parsed ?? 0) as number,
        paidOn,
        method,
        reference: reference.trim() || null,
        ...allocation.toInput(),
      });
      notifications.show({
        color: 'teal',
        message: t('payments.recorded', { amount: format.money(payment.amountMinor), name: payer.client?.displayName ?? '' }),
      });
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Partial<Record<FieldKey, string>> = {};
      for (const f of error.fields) {
        const key = String(f.path[0] ?? '') as FieldKey;
        if (!next[key]) next[key] = message(key, f.code);
      }
      setErrors(next);
      if (Object.keys(next).length === 0) setFormError(t(`errors.code.${error.code}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('payments.dialogTitle')} size="md" data-testid="record-payment-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <PayerFields payer={payer} errors={errors} onChange={allocation.unpinAll} />
          {prefill && <PrefillLine prefill={prefill} />}
          <Group grow align="flex-start">
            <TextInput
              label={t('payments.amount', { currency: format.currency })}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              inputMode="decimal"
              error={errors.amountMinor}
              data-autofocus={fixedClient ? true : undefined}
              data-testid="payment-amount"
            />
            <TextInput
              label={t('payments.date')}
              type="date"
              value={paidOn}
              onChange={(e) => setPaidOn(e.currentTarget.value)}
              error={errors.paidOn}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('payments.col.method')}
              data={paymentMethods.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))}
              value={method}
              onChange={(v) => v && setMethod(v as PaymentMethod)}
              allowDeselect={false}
            />
            <TextInput
              label={t('payments.reference')}
              placeholder={t('payments.referenceHint')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
            />
          </Group>
          {payer.chosenEnrollment && (
            <AllocationChoice allocation={allocation} openInstalments={payer.openInstalments} error={errors.allocations} />
          )}
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('payments.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="payment-save">
              {t('payments.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The balance, the next instalment and what is overdue, above the amount the dialog offers. */
function PrefillLine({ prefill }: { prefill: PaymentPrefill }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts = [t('payments.money.balanceLine', { balance: format.money(prefill.balanceMinor) })];
  if (prefill.nextDue) {
    parts.push(
      t('payments.money.nextDue', { date: format.date(prefill.nextDue.dueOn), amount: format.money(prefill.nextDue.outstandingMinor) }),
    );
  }
  if (prefill.overdueMinor > 0) parts.push(t('payments.money.overdue', { amount: format.money(prefill.overdueMinor) }));
  return (
    <Text size="sm" c="dimmed" data-testid="payment-balance">
      {parts.join(' · ')}
    </Text>
  );
}
