/**
 * "Record payment": who paid, how much, when, how, with what reference — and what
 * it pays. By default a payment pays the client's oldest due instalment first
 * (computed on every read, never stored); a person may instead pin it to chosen
 * instalments, which the dialog fills in order up to the amount. The amount is
 * typed in major units the way the locale writes it and sent in minor units.
 * The API's refusals appear under the field they concern.
 */
import { Alert, Button, Checkbox, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paymentMethods, type PaymentMethod } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { parseMoneyText } from '../../grid';

interface Props {
  /** The client, when the dialog is opened from their page; otherwise the dialog asks. */
  clientId?: string;
  onClose: () => void;
}

type FieldKey = 'clientId' | 'amountMinor' | 'paidOn' | 'reference' | 'allocations' | 'enrollmentId';

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function RecordPaymentDialog({ clientId: fixedClient, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const [clientId, setClientId] = useState<string | null>(fixedClient ?? null);
  const [search, setSearch] = useState('');
  const [enrollmentId, setEnrollmentId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayIso());
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [mode, setMode] = useState<'oldest' | 'pinned'>('oldest');
  const [pinned, setPinned] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const candidates = useQuery('clients.list', { query: search, limit: 20 }, { tables: ['clients'] });
  const detail = useQuery(
    'clients.get',
    { id: clientId ?? '-' },
    { tables: ['enrollments', 'instalments', 'payments', 'payment_allocations'] },
  );
  const client = clientId ? detail.data : undefined;

  const clientOptions = useMemo(() => {
    const rows = candidates.data?.rows ?? [];
    const list = rows.map((r) => ({ value: r.id, label: r.displayName }));
    if (client && !list.some((o) => o.value === client.id)) list.unshift({ value: client.id, label: client.displayName });
    return list;
  }, [candidates.data, client]);

  const enrollments = client?.enrollments ?? [];
  const chosenEnrollment = enrollments.find((e) => e.id === enrollmentId) ?? (enrollments.length === 1 ? enrollments[0] : undefined);
  const openInstalments = (chosenEnrollment?.balance.instalments ?? []).filter((i) => i.outstandingMinor > 0);
  const parsed = parseMoneyText(amount, exponent);
  const amountMinor = typeof parsed === 'number' ? parsed : null;

  const allocations = useMemo(() => {
    if (mode !== 'pinned' || amountMinor === null) return [];
    let left = amountMinor;
    const list: { instalmentId: string; amountMinor: number }[] = [];
    for (const i of openInstalments) {
      if (!pinned.includes(i.id) || left <= 0) continue;
      const take = Math.min(left, i.outstandingMinor);
      list.push({ instalmentId: i.id, amountMinor: take });
      left -= take;
    }
    return list;
  }, [mode, amountMinor, openInstalments, pinned]);

  const message = (field: string, code: string) => t([`payments.errors.${field}.${code}`, `errors.field.${code}`, 'errors.field.invalid']);

  const submit = async () => {
    setErrors({});
    setFormError(null);
    if (!clientId) {
      setErrors({ clientId: message('clientId', 'too_small') });
      return;
    }
    setBusy(true);
    try {
      const payment = await api.call('payments.create', {
        clientId,
        enrollmentId: chosenEnrollment?.id ?? null,
        // Unreadable text goes to the API as it is, so its validation names the problem at this field.
        amountMinor: (parsed ?? 0) as number,
        paidOn,
        method,
        reference: reference.trim() || null,
        ...(mode === 'pinned' && allocations.length > 0 ? { allocations } : {}),
      });
      notifications.show({
        color: 'teal',
        message: t('payments.recorded', { amount: format.money(payment.amountMinor), name: client?.displayName ?? '' }),
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
          {fixedClient ? (
            <Text fw={600}>{client?.displayName ?? ''}</Text>
          ) : (
            <Select
              label={t('payments.client')}
              placeholder={t('payments.clientSearch')}
              searchable
              data={clientOptions}
              value={clientId}
              onChange={(v) => {
                setClientId(v);
                setEnrollmentId(null);
                setPinned([]);
              }}
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              nothingFoundMessage="—"
              error={errors.clientId}
              data-autofocus
              data-testid="payment-client"
            />
          )}
          {enrollments.length > 0 && (
            <Select
              label={t('payments.enrollment')}
              data={[
                { value: '', label: t('payments.anyEnrollment') },
                ...enrollments.map((e) => ({ value: e.id, label: `${e.programName}${e.cohortName ? ` · ${e.cohortName}` : ''}` })),
              ]}
              value={chosenEnrollment?.id ?? ''}
              onChange={(v) => {
                setEnrollmentId(v || null);
                setPinned([]);
              }}
              allowDeselect={false}
              error={errors.enrollmentId}
            />
          )}
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
          {chosenEnrollment && (
            <Radio.Group
              label={t('payments.allocation')}
              value={mode}
              onChange={(v) => setMode(v as typeof mode)}
              error={errors.allocations}
            >
              <Stack gap={6} mt={4}>
                <Radio value="oldest" label={t('payments.oldestFirst')} />
                <Radio value="pinned" label={t('payments.chooseInstalments')} disabled={openInstalments.length === 0} />
                {mode === 'pinned' && (
                  <Stack gap={4} pl="lg">
                    {openInstalments.length === 0 && (
                      <Text size="xs" c="dimmed">
                        {t('payments.noOpenInstalments')}
                      </Text>
                    )}
                    {openInstalments.map((i) => (
                      <Checkbox
                        key={i.id}
                        size="xs"
                        checked={pinned.includes(i.id)}
                        onChange={(e) => setPinned(e.currentTarget.checked ? [...pinned, i.id] : pinned.filter((p) => p !== i.id))}
                        label={t('payments.instalmentLine', { date: format.date(i.dueOn), outstanding: format.money(i.outstandingMinor) })}
                      />
                    ))}
                  </Stack>
                )}
              </Stack>
            </Radio.Group>
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
