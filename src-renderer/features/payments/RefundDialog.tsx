/**
 * "Refund": money paid back to a client, recorded as a negative payment
 * (`payments.refund`) so the original payment stays as it was and both show in
 * the history — payments are append-only. Opened from a payment in the grid
 * (prefilled with its amount and enrollment) or from the client page. Only
 * roles with `payments.void` see the action; the API checks it again and refuses
 * a refund of more than was paid, which shows under the amount.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../src-shared/dates';
import { paymentMethods, type PaymentMethod } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { parseMoneyText } from '../../grid';
import { useFormat, useSettings } from '../../shared/workspace';

export interface RefundTarget {
  clientId: string;
  clientName: string;
  enrollmentId?: string | null;
  /** The enrollments the refund may be tied to (client page); a payment's refund keeps the payment's. */
  enrollmentChoices?: { value: string; label: string }[];
  /** Prefill: the amount of the payment being refunded. */
  amountMinor?: number;
}

export function RefundDialog({ target, onClose }: { target: RefundTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const settings = useSettings();
  const exponent = currencyExponent(format.currency);
  const [amount, setAmount] = useState(target.amountMinor ? String(target.amountMinor / 10 ** exponent) : '');
  const [paidOn, setPaidOn] = useState(todayIn(settings.timeZone, new Date()));
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [enrollmentId, setEnrollmentId] = useState<string>(target.enrollmentId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      const refund = await api.call('payments.refund', {
        clientId: target.clientId,
        enrollmentId: enrollmentId || null,
        amountMinor: (parseMoneyText(amount, exponent) ?? 0) as number,
        paidOn,
        method,
        reference: reference.trim() || null,
      });
      notifications.show({
        color: 'teal',
        message: t('payments.money.refunded', { amount: format.money(-refund.amountMinor), name: target.clientName }),
      });
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Record<string, string> = {};
      for (const f of error.fields) {
        const key = String(f.path[0] ?? '');
        next[key] ??= t([
          `payments.money.errors.${f.code}`,
          `payments.errors.${key}.${f.code}`,
          `errors.field.${f.code}`,
          'errors.field.invalid',
        ]);
      }
      if (Object.keys(next).length === 0) next['form'] = t(`errors.code.${error.code}`, { defaultValue: error.message });
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('payments.money.refundTitle', { name: target.clientName })} data-testid="refund-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('payments.money.refundText')}</Text>
          {target.enrollmentChoices && target.enrollmentChoices.length > 0 && (
            <Select
              label={t('payments.enrollment')}
              data={[{ value: '', label: t('payments.anyEnrollment') }, ...target.enrollmentChoices]}
              value={enrollmentId}
              onChange={(v) => setEnrollmentId(v ?? '')}
              allowDeselect={false}
              error={errors['enrollmentId']}
            />
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('payments.amount', { currency: format.currency })}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              inputMode="decimal"
              error={errors['amountMinor']}
              data-autofocus
              data-testid="refund-amount"
            />
            <TextInput
              label={t('payments.date')}
              type="date"
              value={paidOn}
              onChange={(e) => setPaidOn(e.currentTarget.value)}
              error={errors['paidOn']}
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
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors['reference']}
            />
          </Group>
          {errors['form'] && <Alert color="red">{errors['form']}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('payments.cancel')}
            </Button>
            <Button color="orange" type="submit" loading={busy} data-testid="refund-save">
              {t('payments.money.refund')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
