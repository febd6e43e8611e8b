/**
 * Who is paying and for which enrollment, in the Record-payment dialog: a client
 * found by name (or fixed, when the dialog opens from the client's page) and, when
 * they have enrollments, which one the payment is for. With a single enrollment it
 * is chosen by itself, and otherwise the one the prefill points at (the next
 * instalment's), so the common case needs no click. The hook also reads the
 * chosen enrollment's open instalments, which the allocation choice offers.
 */
import { Select, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/context';

export function usePayer(fixedClient: string | undefined, fixedEnrollment?: string) {
  const [clientId, setClientId] = useState<string | null>(fixedClient ?? null);
  const [search, setSearch] = useState('');
  const [enrollmentId, setEnrollmentId] = useState<string | null>(null);

  const candidates = useQuery('clients.list', { query: search, limit: 20 }, { tables: ['clients'] });
  const detail = useQuery(
    'clients.get',
    { id: clientId ?? '-' },
    { tables: ['enrollments', 'instalments', 'payments', 'payment_allocations'] },
  );
  const client = clientId ? detail.data : undefined;
  const prefillAnswer = useQuery(
    'payments.prefill',
    { clientId: clientId ?? '-', enrollmentId: enrollmentId ?? fixedEnrollment ?? null },
    { tables: ['payments', 'instalments', 'enrollments', 'payment_allocations'] },
  ).data;
  const prefill = prefillAnswer && prefillAnswer.clientId === clientId ? prefillAnswer : undefined;
  const preferredEnrollmentId = fixedEnrollment ?? prefill?.enrollmentId;

  const clientOptions = useMemo(() => {
    const rows = candidates.data?.rows ?? [];
    const list = rows.map((r) => ({ value: r.id, label: r.displayName }));
    if (client && !list.some((o) => o.value === client.id)) list.unshift({ value: client.id, label: client.displayName });
    return list;
  }, [candidates.data, client]);

  const enrollments = client?.enrollments ?? [];
  const chosenEnrollment =
    enrollments.find((e) => e.id === enrollmentId) ??
    enrollments.find((e) => e.id === preferredEnrollmentId) ??
    (enrollments.length === 1 ? enrollments[0] : undefined);
  const openInstalments = (chosenEnrollment?.balance.instalments ?? []).filter((i) => i.outstandingMinor > 0);

  /** A different client: their enrollment is chosen afresh. */
  const chooseClient = (id: string | null) => {
    setClientId(id);
    setEnrollmentId(null);
  };

  return {
    fixedClient,
    clientId,
    client,
    search,
    setSearch,
    clientOptions,
    enrollments,
    chosenEnrollment,
    chooseClient,
    setEnrollmentId,
    prefill,
    openInstalments,
  };
}

type Payer = ReturnType<typeof usePayer>;

interface Props {
  payer: Payer;
  errors: { clientId?: string; enrollmentId?: string };
  /** Called when the client or the enrollment changes (instalments picked for the old one no longer apply). */
  onChange: () => void;
}

export function PayerFields({ payer, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {payer.fixedClient ? (
        <Text fw={600}>{payer.client?.displayName ?? ''}</Text>
      ) : (
        <Select
          label={t('payments.client')}
          placeholder={t('payments.clientSearch')}
          searchable
          data={payer.clientOptions}
          value={payer.clientId}
          onChange={(v) => {
            payer.chooseClient(v);
            onChange();
          }}
          searchValue={payer.search}
          onSearchChange={payer.setSearch}
          filter={({ options }) => options}
          nothingFoundMessage="—"
          error={errors.clientId}
          data-autofocus
          data-testid="payment-client"
        />
      )}
      {payer.enrollments.length > 0 && (
        <Select
          label={t('payments.enrollment')}
          data={[
            { value: '', label: t('payments.anyEnrollment') },
            ...payer.enrollments.map((e) => ({ value: e.id, label: `${e.programName}${e.cohortName ? ` · ${e.cohortName}` : ''}` })),
          ]}
          value={payer.chosenEnrollment?.id ?? ''}
          onChange={(v) => {
            payer.setEnrollmentId(v || null);
            onChange();
          }}
          allowDeselect={false}
          error={errors.enrollmentId}
        />
      )}
    </>
  );
}
