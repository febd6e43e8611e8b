/**
 * The Enrollments section: every enrollment in the shared data grid — client,
 * program, group, status, agreed price, discount, paid, balance, follow-up date
 * and source — searched, filtered by status and sorted in the database (through
 * `enrollments.grid`, page by page as the grid scrolls), with the built-in view
 * "Thinking — call back". The status is edited in its cell through
 * `enrollments.setStatus`, so every change lands in the enrollment's history;
 * a move the domain refuses comes back as an error at the cell. `StatusSelect`
 * is the same in-place status picker for tables that are not grids (the roster).
 */
import { Button, EmptyState, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentGridRow } from '../../../src-shared/api/workspace-methods';
import { enrollmentStatuses, enrollmentTransitions, type EnrollmentStatus } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useUiStore } from '../../stores/ui';
import { useClientsUi } from '../../stores/clients';
import { Grid, type BuiltInView, type GridColumn, type GridQuery, type GridSource } from '../../grid';
import { StatusBadge, statusColor } from './status';
import { openEnrollDialog } from './store';

type SortField = 'clientName' | 'programName' | 'cohortName' | 'status' | 'agreedPriceMinor' | 'discountMinor' | 'followUpOn' | 'source';

export function StatusSelect({
  id,
  name,
  status,
  size = 'xs',
}: {
  id: string;
  name: string;
  status: EnrollmentStatus;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan('enrollments.write');
  const allowed = [status, ...enrollmentTransitions[status].filter((s) => s !== status)];
  const change = async (next: string | null) => {
    if (!next || next === status) return;
    try {
      await api.call('enrollments.setStatus', { id, status: next as EnrollmentStatus });
      notifications.show({ color: 'teal', message: t('enrollments.statusChanged', { name, status: t(`enrollments.status.${next}`) }) });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('enrollments.statusFailed'),
        message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error),
      });
    }
  };
  return (
    <Select
      size={size}
      w={140}
      aria-label={t('enrollments.changeStatus', { name })}
      data={allowed.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) }))}
      value={status}
      onChange={(v) => void change(v)}
      allowDeselect={false}
      disabled={!can || allowed.length === 1}
      comboboxProps={{ withinPortal: true }}
      leftSection={<span style={{ width: 8, height: 8, borderRadius: 8, background: `var(--mantine-color-${statusColor[status]}-6)` }} />}
      data-testid="status-select"
    />
  );
}

/** The grid's column ids that the API can sort by, mapped to its sort fields. */
const sortFields: Record<string, SortField> = {
  client: 'clientName',
  program: 'programName',
  cohort: 'cohortName',
  status: 'status',
  agreedPrice: 'agreedPriceMinor',
  discount: 'discountMinor',
  followUp: 'followUpOn',
  source: 'source',
};

function gridInput(query: GridQuery, offset: number, limit: number): MethodInput<'enrollments.grid'> {
  const status = query.filters['status'];
  return {
    query: query.search.trim() || undefined,
    status: status?.kind === 'in' && status.values.length > 0 ? (status.values as EnrollmentStatus[]) : undefined,
    sort: query.sorting.flatMap((rule) => {
      const field = sortFields[rule.id];
      return field ? [{ field, desc: rule.desc }] : [];
    }),
    offset,
    limit,
  };
}

export function EnrollmentsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const seesMoney = useCan('payments.read');
  const canWrite = useCan('enrollments.write');

  const statusOptions = useMemo(() => enrollmentStatuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) })), [t]);
  const money = (minor: number) => format.money(minor);
  const columns = useMemo((): GridColumn<EnrollmentGridRow>[] => {
    const list: GridColumn<EnrollmentGridRow>[] = [
      { id: 'client', header: t('enrollments.columns.client'), width: 200, value: (r) => r.clientName, sortable: true },
      { id: 'program', header: t('enrollments.columns.program'), width: 170, value: (r) => r.programName, sortable: true },
      {
        id: 'cohort',
        header: t('enrollments.columns.cohort'),
        width: 190,
        value: (r) => r.cohortName,
        text: (r) => r.cohortName ?? t('enrollments.noCohort'),
        sortable: true,
      },
      {
        id: 'status',
        header: t('enrollments.columns.status'),
        width: 150,
        value: (r) => r.status,
        text: (r) => t(`enrollments.status.${r.status}`),
        render: (r) => <StatusBadge status={r.status} />,
        editor: canWrite ? { kind: 'select', options: statusOptions } : undefined,
        sortable: true,
        filter: { kind: 'in', options: statusOptions },
      },
      {
        id: 'agreedPrice',
        header: t('enrollments.columns.agreedPrice'),
        width: 140,
        align: 'right',
        value: (r) => r.agreedPriceMinor,
        text: (r) => money(r.agreedPriceMinor),
        sortable: true,
      },
      {
        id: 'discount',
        header: t('enrollments.columns.discount'),
        width: 120,
        align: 'right',
        value: (r) => r.discountMinor,
        text: (r) => (r.discountMinor > 0 ? money(r.discountMinor) : ''),
        sortable: true,
      },
    ];
    if (seesMoney) {
      list.push(
        {
          id: 'paid',
          header: t('enrollments.columns.paid'),
          width: 130,
          align: 'right',
          value: (r) => r.paidMinor,
          text: (r) => money(r.paidMinor),
        },
        {
          id: 'balance',
          header: t('enrollments.columns.balance'),
          width: 130,
          align: 'right',
          value: (r) => r.balanceMinor,
          text: (r) => money(r.balanceMinor),
        },
      );
    }
    list.push(
      {
        id: 'followUp',
        header: t('enrollments.columns.followUp'),
        width: 130,
        value: (r) => r.followUpOn,
        text: (r) => (r.followUpOn ? format.date(r.followUpOn) : ''),
        sortable: true,
      },
      { id: 'source', header: t('enrollments.columns.source'), width: 130, value: (r) => r.source, sortable: true },
    );
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, format, seesMoney, canWrite, statusOptions]);

  const source = useMemo(
    (): GridSource<EnrollmentGridRow> => ({
      kind: 'loader',
      load: (query, offset, limit) => api.call('enrollments.grid', gridInput(query, offset, limit)),
      tables: ['enrollments', 'clients', 'programs', 'cohorts', 'payments', 'instalments'],
    }),
    [api],
  );

  const views = useMemo(
    (): BuiltInView[] => [
      {
        id: 'thinking',
        name: t('enrollments.views.thinking'),
        config: {
          query: { search: '', sorting: [{ id: 'followUp', desc: false }], filters: { status: { kind: 'in', values: ['thinking'] } } },
        },
      },
    ],
    [t],
  );

  const onEdit = async (row: EnrollmentGridRow, column: GridColumn<EnrollmentGridRow>, value: unknown) => {
    if (column.id !== 'status' || value === row.status) return;
    await api.call('enrollments.setStatus', { id: row.id, status: value as EnrollmentStatus });
    notifications.show({
      color: 'teal',
      message: t('enrollments.statusChanged', { name: row.clientName, status: t(`enrollments.status.${String(value)}`) }),
    });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2}>{t('enrollments.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('enrollments.subtitle')}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => openEnrollDialog()}>
            {t('enroll.open')}
          </Button>
        )}
      </Group>
      <Grid
        gridId="enrollments"
        columns={columns}
        source={source}
        rowId={(r) => r.id}
        onEdit={onEdit}
        onOpenRow={(row) => {
          useClientsUi.getState().openClient(row.clientId);
          useUiStore.getState().openSection('clients');
        }}
        builtInViews={views}
        savedViews
        errorNamespace="enrollments"
        exportName={t('enrollments.title')}
        height="calc(100vh - 250px)"
        emptyState={
          <EmptyState
            variant="light"
            icon={<IconListCheck size={28} stroke={1.5} />}
            title={t('enrollments.emptyTitle')}
            description={t('enrollments.emptyDescription')}
            py={32}
          />
        }
      />
    </Stack>
  );
}
