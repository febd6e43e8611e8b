/**
 * The first payment taken at enrollment, shown only to people allowed to record
 * payments. It is paid today; an empty amount means no payment, so the same
 * dialog serves an enquiry and a sign-up with money on the desk.
 */
import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { paymentMethods, type PaymentMethod } from '../../../src-shared/domain';
import { major, useMoneyInputProps, type NumberField } from './moneyInput';
import type { EnrollErrors } from './useEnrollErrors';

export function useFirstPayment() {
  const [amount, setAmount] = useState<NumberField>('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  /** The first-payment part of the enroll call; null when no amount was typed. */
  const toInput = (currency: string, paidOn: string): MethodInput<'enrollments.enroll'>['firstPayment'] => {
    const amountMinor = major(amount, currency);
    return amountMinor !== undefined ? { amountMinor, method, paidOn } : null;
  };
  return { amount, setAmount, method, setMethod, toInput };
}

export function FirstPaymentSection({ payment, errors }: { payment: ReturnType<typeof useFirstPayment>; errors: EnrollErrors }) {
  const { t } = useTranslation();
  const moneyProps = useMoneyInputProps();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <NumberInput
        label={t('enroll.firstPayment')}
        description={t('enroll.firstPaymentHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        value={payment.amount}
        onChange={(v) => {
          payment.setAmount(v);
          errors.clear('firstPayment.amountMinor');
        }}
        error={errors.err('firstPayment.amountMinor')}
        name="firstPayment"
        {...moneyProps}
      />
      <Select
        label={t('enroll.method')}
        data={paymentMethods.map((m) => ({ value: m, label: t(`enroll.methods.${m}`) }))}
        value={payment.method}
        onChange={(v) => v && payment.setMethod(v as PaymentMethod)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        name="method"
      />
    </SimpleGrid>
  );
}
