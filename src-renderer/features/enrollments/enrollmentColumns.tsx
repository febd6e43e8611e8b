/**
 * The enrollments grid's columns, built-in view and API query. The money columns
 * (paid, balance) exist only for roles that may read payments, and the status is
 * editable in its cell only for roles that may change it. Sorting and filtering
 * happen in the database, so the grid's query is translated here into the input
 * of `enrollments.grid`, one sort field per sortable column.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentGridRow } from '../../../src-shared/api/workspace-methods';
import { enrollmentStatuses, type EnrollmentStatus } from '../../../src-shared/domain';
import type { BuiltInView, GridColumn, GridQuery } from '../../grid';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { StatusBadge } from './status';

type SortField = 'clientName' | 'programName' | 'cohortName' | 'status' | 'agreedPriceMinor' | 'discountMinor' | 'followUpOn' | 'source';

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

export function gridInput(query: GridQuery, offset: number, limit: number): MethodInput<'enrollments.grid'> {
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

export function useEnrollmentColumns(): GridColumn<EnrollmentGridRow>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const seesMoney = useCan('payments.read');
  const canWrite = useCan('enrollments.write');
  const statusOptions = useMemo(() => enrollmentStatuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) })), [t]);
  return useMemo((): GridColumn<EnrollmentGridRow>[] => {
    const money = (minor: number) => format.money(minor);
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
  }, [t, format, seesMoney, canWrite, statusOptions]);
}

/** "Thinking — call back": the people still deciding, the oldest follow-up first. */
export function useEnrollmentViews(): BuiltInView[] {
  const { t } = useTranslation();
  return useMemo(
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
}
