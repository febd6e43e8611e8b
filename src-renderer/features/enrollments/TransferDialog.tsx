/**
 * "Move to another group": a child changes group (another group of the same
 * program, or the next level) in one action, `enrollments.transfer`. Before it
 * is saved the dialog shows what is carried over — the payments that move, the
 * instalments copied with the money on each, the price difference and any
 * credit — from `enrollments.previewTransfer`, the same computation the move
 * runs. The old enrollment ends as "transferred" and points to the new one; the
 * whole move is one change, so one undo (the header's undo) takes it back.
 */
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferPreview } from '../../../src-shared/api/enrollments-methods';
import type { EnrollmentDetail } from '../../../src-shared/api/types';
import { transferableStatuses } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { PlanPreviewTable, planErrorText } from './PlanPreviewTable';

const moveTables = ['enrollments', 'cohorts', 'instalments', 'payments', 'payment_allocations'];

export function TransferDialog({ enrollmentId, onClose }: { enrollmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery('enrollments.get', { id: enrollmentId }, { tables: moveTables });
  const enrollment = detail.data;
  return (
    <Modal opened onClose={onClose} size="xl" title={t('enrollments.change.moveTitle')} data-testid="transfer-dialog">
      {!enrollment ? (
        <Text c="dimmed">…</Text>
      ) : transferableStatuses.includes(enrollment.status) ? (
        <TransferForm enrollment={enrollment} onClose={onClose} />
      ) : (
        <Alert color="yellow">{t('enrollments.change.cannotMove', { status: t(`enrollments.status.${enrollment.status}`) })}</Alert>
      )}
    </Modal>
  );
}

function TransferForm({ enrollment, onClose }: { enrollment: EnrollmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const canPrice = useCan('prices.write');
  const [cohortId, setCohortId] = useState<string | null>(null);
  const [useListPrice, setUseListPrice] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cohorts = useQuery('cohorts.list', { status: ['planned', 'open', 'running'] }, { tables: ['cohorts'] });
  const options = (cohorts.data ?? [])
    .filter((c) => c.id !== enrollment.cohortId)
    .map((c) => ({ value: c.id, label: `${c.programName} · ${c.name}` }));
  const base = { enrollmentId: enrollment.id, cohortId: cohortId ?? enrollment.cohortId ?? '' };
  const preview = useQuery('enrollments.previewTransfer', base, { tables: moveTables });
  const listPrice = cohortId ? preview.data?.listPriceMinor : null;
  const input = useListPrice && listPrice != null ? { ...base, agreedPriceMinor: listPrice, discountMinor: 0 } : base;
  const priced = useQuery('enrollments.previewTransfer', input, { tables: moveTables });
  const move = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('enrollments.transfer', input);
      notifications.show({
        color: 'teal',
        message: t('enrollments.change.moved', { group: `${result.programName} · ${result.cohortName}` }),
      });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? planErrorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Select
        label={t('enrollments.change.moveTo')}
        placeholder={t('enrollments.change.moveToPlaceholder')}
        searchable
        data={options}
        value={cohortId}
        onChange={(v) => {
          setCohortId(v);
          setUseListPrice(false);
        }}
        data-testid="transfer-cohort"
      />
      {cohortId && canPrice && listPrice != null && listPrice !== enrollment.agreedPriceMinor - enrollment.discountMinor && (
        <ListPriceChoice listPriceMinor={listPrice} checked={useListPrice} onChange={setUseListPrice} />
      )}
      {cohortId && priced.data && !priced.loading && <CarriedOver preview={priced.data} />}
      {cohortId && priced.error && !priced.loading && <Alert color="orange">{planErrorText(t, priced.error)}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('enrollments.change.cancel')}
        </Button>
        <Button
          onClick={() => void move()}
          loading={busy}
          disabled={!cohortId || !priced.data || priced.loading}
          data-testid="transfer-save"
        >
          {t('enrollments.change.moveSave')}
        </Button>
      </Group>
    </Stack>
  );
}

function ListPriceChoice({
  listPriceMinor,
  checked,
  onChange,
}: {
  listPriceMinor: number;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Checkbox
      label={t('enrollments.change.useListPrice', { price: format.money(listPriceMinor) })}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
      data-testid="transfer-list-price"
    />
  );
}

function CarriedOver({ preview }: { preview: TransferPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor);
  return (
    <Stack gap={6} data-testid="transfer-preview">
      <Text size="sm" fw={600}>
        {t('enrollments.change.carriedTitle')}
      </Text>
      <Text size="sm">
        {t('enrollments.change.carriedPayments', { count: preview.paymentsMoved, paid: money(preview.plan.before.paidMinor) })}
      </Text>
      <Text size="sm">
        {t('enrollments.change.carriedPrice', {
          price: money(preview.agreedPriceMinor - preview.discountMinor),
          status: t(`enrollments.status.${preview.status}`),
        })}
      </Text>
      {preview.priceDifferenceMinor !== 0 && (
        <Text size="sm" c={preview.priceDifferenceMinor > 0 ? 'orange' : 'teal'}>
          {preview.priceDifferenceMinor > 0
            ? t('enrollments.change.differenceMore', { amount: money(preview.priceDifferenceMinor) })
            : t('enrollments.change.differenceLess', { amount: money(-preview.priceDifferenceMinor) })}
        </Text>
      )}
      {preview.excessPaidMinor > 0 && (
        <Text size="sm" c="orange">
          {t('enrollments.change.excessPaid', { amount: money(preview.excessPaidMinor) })}
        </Text>
      )}
      <PlanPreviewTable preview={preview.plan} />
      <Text size="xs" c="dimmed">
        {t('enrollments.change.undoHint')}
      </Text>
    </Stack>
  );
}
