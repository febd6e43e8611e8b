/**
 * The Payments section: every payment in the grid (paged from `payments.page`),
 * with the client a click away, "Record payment" for money handed over at the
 * desk, and Void for a payment recorded in error. The total under the amount
 * column is a sum across clients, so the API sends it only to roles that may read
 * finances, and the grid shows it only then.
 */
import { Anchor, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentListRow } from '../../../src-shared/api/types';
import { paymentMethods } from '../../../src-shared/domain';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useUiStore } from '../../stores/ui';
import { Grid, type BuiltInView, type GridColumn, type GridQuery } from '../../grid';
import { useClientsUi } from '../../stores/clients';
import { paymentPageInput } from './query';
import { RecordPaymentDialog } from './RecordPaymentDialog';
import { VoidPaymentDialog } from './VoidPaymentDialog';

export function PaymentsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canWrite = useCan('payments.write');
  const canVoid = useCan('payments.void');
  const seesTotals = useCan('finance.read');
  const openSection = useUiStore((s) => s.openSection);
  const openClient = useClientsUi((s) => s.openClient);
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<PaymentListRow | null>(null);
  const [sumMinor, setSumMinor] = useState<number | null>(null);

  const columns = useMemo<GridColumn<PaymentListRow>[]>(
    () => [
      {
        id: 'paidOn',
        header: t('payments.col.paidOn'),
        width: 140,
        value: (r) => r.paidOn,
        text: (r) => format.date(r.paidOn),
        sortable: true,
        filter: { kind: 'dateRange' },
      },
      {
        id: 'client',
        header: t('payments.col.client'),
        width: 200,
        value: (r) => r.clientName,
        render: (r) => (
          <Anchor
            component="button"
            size="sm"
            onMouseDown={(e) => e.stopPropagation()}
            onClick={() => {
              openClient(r.clientId);
              openSection('clients');
            }}
            style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            {r.clientName}
          </Anchor>
        ),
        sortable: true,
      },
      {
        id: 'program',
        header: t('payments.col.program'),
        width: 200,
        value: (r) => (r.programName ? `${r.programName}${r.cohortName ? ` · ${r.cohortName}` : ''}` : null),
      },
      {
        id: 'amount',
        header: t('payments.col.amount'),
        width: 130,
        align: 'right',
        value: (r) => r.amountMinor,
        text: (r) => format.money(r.amountMinor),
        render: (r) => (
          <Text size="sm" fw={500} c={r.amountMinor < 0 ? 'orange' : undefined} td={r.voidedAt ? 'line-through' : undefined}>
            {format.money(r.amountMinor)}
          </Text>
        ),
        sortable: true,
        filter: { kind: 'amountRange', money: true },
      },
      {
        id: 'method',
        header: t('payments.col.method'),
        width: 120,
        value: (r) => r.method,
        text: (r) => t(`payments.method.${r.method}`),
        sortable: true,
        filter: { kind: 'in', options: paymentMethods.map((m) => ({ value: m, label: t(`payments.method.${m}`) })) },
      },
      { id: 'reference', header: t('payments.col.reference'), width: 140, value: (r) => r.reference, sortable: true },
      { id: 'receivedBy', header: t('payments.col.receivedBy'), width: 140, value: (r) => r.receivedByName },
      {
        id: 'voided',
        header: t('payments.col.voided'),
        width: 150,
        value: (r) => (r.voidedAt ? 'yes' : 'no'),
        text: (r) => (r.voidedAt ? `${t('payments.yes')}: ${r.voidReason ?? ''}` : ''),
        render: (r) =>
          r.voidedAt ? (
            <Tooltip label={r.voidReason ?? ''}>
              <Badge size="xs" color="gray">
                {t('payments.yes')}
              </Badge>
            </Tooltip>
          ) : canVoid ? (
            <Button size="compact-xs" variant="subtle" color="red" onMouseDown={(e) => e.stopPropagation()} onClick={() => setVoiding(r)}>
              {t('payments.void')}
            </Button>
          ) : null,
        filter: {
          kind: 'in',
          options: [
            { value: 'no', label: t('payments.no') },
            { value: 'yes', label: t('payments.yes') },
          ],
        },
      },
    ],
    [t, format, canVoid, openClient, openSection],
  );

  const views = useMemo<BuiltInView[]>(() => {
    const now = new Date();
    const first = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-01`;
    const view = (id: string, name: string, filters: GridQuery['filters']): BuiltInView => ({
      id,
      name,
      config: { query: { search: '', sorting: [], filters } },
    });
    return [
      view('valid', t('payments.views.notVoided'), { voided: { kind: 'in', values: ['no'] } }),
      view('month', t('payments.views.thisMonth'), { paidOn: { kind: 'dateRange', from: first } }),
    ];
  }, [t]);

  const source = useMemo(
    () => ({
      kind: 'loader' as const,
      load: async (query: GridQuery, offset: number, limit: number) => {
        const page = await api.call('payments.page', paymentPageInput(query, offset, limit));
        if (offset === 0) setSumMinor(page.sumMinor);
        return page;
      },
      tables: ['payments', 'clients', 'enrollments', 'payment_allocations'],
    }),
    [api],
  );

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <div>
          <Title order={2}>{t('payments.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('payments.subtitle')}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconCash size={16} />} onClick={() => setRecording(true)} data-testid="payments-record">
            {t('payments.record')}
          </Button>
        )}
      </Group>
      <Grid<PaymentListRow>
        gridId="payments"
        columns={columns}
        source={source}
        rowId={(r) => r.id}
        builtInViews={views}
        savedViews
        errorNamespace="payments"
        exportName={t('payments.title')}
        emptyState={t('payments.empty')}
        {...(seesTotals && sumMinor !== null
          ? {
              footer: {
                client: t('payments.total'),
                amount: (
                  <Text size="sm" fw={700} data-testid="payments-total">
                    {format.money(sumMinor)}
                  </Text>
                ),
              },
            }
          : {})}
      />
      {recording && <RecordPaymentDialog onClose={() => setRecording(false)} />}
      {voiding && <VoidPaymentDialog payment={voiding} onClose={() => setVoiding(null)} />}
    </>
  );
}
