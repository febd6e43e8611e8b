/**
 * The columns and built-in views of the payments grid: when, who (a click opens
 * the client), for what, how much (struck through when voided; only for roles
 * that may see money across clients), how, with what
 * reference, who received it, and whether it was voided — with the Void and
 * Refund buttons for those allowed to void and refund (the owner). They live apart from the page so the page reads as
 * the section it is: a title, the grid and its two dialogs.
 */
import { Anchor, Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PaymentListRow } from '../../../src-shared/api/types';
import { paymentMethods } from '../../../src-shared/domain';
import type { BuiltInView, GridColumn, GridQuery } from '../../grid';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';

/** The receipt button of a valid payment received (none for a void or a refund). */
function receiptColumn(t: TFunction, onReceipt: (payment: PaymentListRow) => void): GridColumn<PaymentListRow> {
  return {
    id: 'receipt',
    header: t('receipts.action'),
    width: 110,
    value: () => null,
    render: (r) =>
      r.voidedAt || (r.amountMinor ?? 1) <= 0 ? null : (
        <Button
          size="compact-xs"
          variant="subtle"
          onMouseDown={(e) => e.stopPropagation()}
          onClick={() => onReceipt(r)}
          data-testid="payment-receipt"
        >
          {t('receipts.action')}
        </Button>
      ),
  };
}

/** The grid's columns; `onVoid`, `onRefund` and `onReceipt` open the void, refund and receipt dialogs for a payment. */
export function usePaymentColumns(
  onVoid: (payment: PaymentListRow) => void,
  onRefund: (payment: PaymentListRow) => void,
  onReceipt?: (payment: PaymentListRow) => void,
): GridColumn<PaymentListRow>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const canVoid = useCan('payments.void');
  const openSection = useUiStore((s) => s.openSection);
  const openClient = useClientsUi((s) => s.openClient);
  // Across clients the amounts are for roles that may see money across clients; the API leaves them out for the others.
  const seesAmounts = useCan('finance.read');
  return useMemo<GridColumn<PaymentListRow>[]>(() => {
    const columns: GridColumn<PaymentListRow>[] = [
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
        text: (r) => (r.amountMinor === undefined ? '' : format.money(r.amountMinor)),
        render: (r) => (
          <Text size="sm" fw={500} c={(r.amountMinor ?? 0) < 0 ? 'orange' : undefined} td={r.voidedAt ? 'line-through' : undefined}>
            {r.amountMinor === undefined ? '' : format.money(r.amountMinor)}
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
        width: 190,
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
            <Group gap={2} wrap="nowrap">
              <Button size="compact-xs" variant="subtle" color="red" onMouseDown={(e) => e.stopPropagation()} onClick={() => onVoid(r)}>
                {t('payments.void')}
              </Button>
              {(r.amountMinor ?? 0) > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="orange"
                  onMouseDown={(e) => e.stopPropagation()}
                  onClick={() => onRefund(r)}
                  data-testid="payment-refund"
                >
                  {t('payments.money.refund')}
                </Button>
              )}
            </Group>
          ) : null,
        filter: {
          kind: 'in',
          options: [
            { value: 'no', label: t('payments.no') },
            { value: 'yes', label: t('payments.yes') },
          ],
        },
      },
    ];
    if (onReceipt) columns.push(receiptColumn(t, onReceipt));
    return columns.filter((column) => seesAmounts || column.id !== 'amount');
  }, [t, format, canVoid, seesAmounts, openClient, openSection, onVoid, onRefund, onReceipt]);
}

/** Payments not voided, and this month's payments. */
export function usePaymentViews(): BuiltInView[] {
  const { t } = useTranslation();
  return useMemo<BuiltInView[]>(() => {
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
}
