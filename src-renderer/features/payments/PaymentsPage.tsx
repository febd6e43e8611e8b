/**
 * The Payments section: every payment in the grid (paged from `payments.page`),
 * with the client a click away, "Record payment" for money handed over at the
 * desk, Void for a payment recorded in error and Refund for money paid back. The total under the amount
 * column is a sum across clients, so the API sends it only to roles that may read
 * finances, and the grid shows it only then. The same goes for the amounts
 * themselves and the Export menu: a role without `finance.read` (the assistant)
 * sees who paid when and how, and each amount on that client's own page.
 */
import { Button, Group, Text, Title } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentListRow } from '../../../src-shared/api/types';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { Grid, type GridQuery } from '../../grid';
import { usePaymentColumns, usePaymentViews } from './paymentColumns';
import { paymentPageInput } from './query';
import { RecordPaymentDialog } from './RecordPaymentDialog';
import { RefundDialog, type RefundTarget } from './RefundDialog';
import { VoidPaymentDialog } from './VoidPaymentDialog';
import { ReceiptDialog, SchoolDetailsDialog } from '../receipts';

export function PaymentsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canWrite = useCan('payments.write');
  const seesTotals = useCan('finance.read');
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<PaymentListRow | null>(null);
  const [refunding, setRefunding] = useState<RefundTarget | null>(null);
  const [sumMinor, setSumMinor] = useState<number | null>(null);
  const [receiptFor, setReceiptFor] = useState<string | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const canManage = useCan('workspace.manage');
  const openReceipt = useCallback((p: PaymentListRow) => setReceiptFor(p.id), []);

  const refund = useCallback(
    (p: PaymentListRow) =>
      setRefunding({ clientId: p.clientId, clientName: p.clientName, enrollmentId: p.enrollmentId, amountMinor: p.amountMinor ?? 0 }),
    [],
  );
  const columns = usePaymentColumns(setVoiding, refund, openReceipt);
  const views = usePaymentViews();

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
        <Group gap="xs" wrap="nowrap">
          {canManage && (
            <Button variant="default" onClick={() => setEditingDetails(true)} data-testid="receipt-details">
              {t('receipts.details')}
            </Button>
          )}
          {canWrite && (
            <Button leftSection={<IconCash size={16} />} onClick={() => setRecording(true)} data-testid="payments-record">
              {t('payments.record')}
            </Button>
          )}
        </Group>
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
        exportable={seesTotals}
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
      {voiding && (
        <VoidPaymentDialog payment={{ id: voiding.id, amountMinor: voiding.amountMinor ?? 0 }} onClose={() => setVoiding(null)} />
      )}
      {refunding && <RefundDialog target={refunding} onClose={() => setRefunding(null)} />}
      {receiptFor && <ReceiptDialog paymentId={receiptFor} onClose={() => setReceiptFor(null)} />}
      {editingDetails && <SchoolDetailsDialog onClose={() => setEditingDetails(false)} />}
    </>
  );
}
