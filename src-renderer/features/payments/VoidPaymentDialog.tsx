/**
 * Voiding a payment recorded in error: the row is kept, marked void with the
 * reason given, and stops counting towards balances. Only roles with
 * `payments.void` see the action; the API checks it again.
 */
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useFormat } from '../../shared/workspace';

export function VoidPaymentDialog({ payment, onClose }: { payment: Pick<Payment, 'id' | 'amountMinor'>; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.call('payments.void', { id: payment.id, reason });
      notifications.show({ message: t('payments.voided') });
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field = e.byField()['reason'];
      setError(
        field
          ? t([`payments.errors.reason.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid'])
          : t(`errors.code.${e.code}`),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('payments.voidTitle', { amount: format.money(payment.amountMinor) })}
      data-testid="void-payment-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('payments.voidText')}</Text>
          <TextInput
            label={t('payments.voidReason')}
            placeholder={t('payments.voidReasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            data-autofocus
            data-testid="void-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('payments.cancel')}
            </Button>
            <Button color="red" type="submit" loading={busy} data-testid="void-confirm">
              {t('payments.void')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
