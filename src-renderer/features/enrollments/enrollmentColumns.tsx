/**
 * The enrollments grid's columns, built-in view and API query. The money columns
 * (price, discount, paid, balance) exist only for roles that may see money across
 * clients (`finance.read`): a grid of them sums to revenue. Group, status,
 * price, discount, follow-up, notify-before, source and note are edited in their
 * cells for roles that may change them (price and discount need prices.write);
 * `readOnlyReasons` says why the others cannot be typed into. Sorting and
 * filtering happen in the database, so the grid's query is translated here into
 * the input of `enrollments.grid`, one sort field per sortable column.
 */
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentGridRow } from '../../../src-shared/api/workspace-methods';
import { enrollmentStatuses, type EnrollmentStatus } from '../../../src-shared/domain';
import type { BuiltInView, GridColumn, GridQuery } from '../../grid';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { EnrollmentMenu } from './EnrollmentChanges';
import { StatusBadge } from './status';

/**
 * A grid row; `notifyBeforeDays` and `notes` are read when `enrollments.grid`
 * sends them (a row without them shows the cells empty and guards the note).
 */
export type EnrollmentRow = EnrollmentGridRow & { notifyBeforeDays?: number | null; notes?: string | null };

/** Why a cell cannot be typed into, by column id (the key of its message under enrollments.change.readOnly). */
export function readOnlyReasons(canWrite: boolean, canPrice: boolean): Record<string, string> {
  const reasons: Record<string, string> = { client: 'client', program: 'program', paid: 'paid', balance: 'balance' };
  if (!canPrice) Object.assign(reasons, { agreedPrice: 'price', discount: 'price' });
  if (!canWrite) {
    for (const id of ['cohort', 'status', 'agreedPrice', 'discount', 'followUp', 'notify', 'source', 'note']) reasons[id] = 'role';
  }
  return reasons;
}

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

export function useEnrollmentColumns(): GridColumn<EnrollmentRow>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const seesMoney = useCan('finance.read');
  const canWrite = useCan('enrollments.write');
  const canPrice = useCan('prices.write') && canWrite;
  const statusOptions = useMemo(() => enrollmentStatuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) })), [t]);
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs'] });
  const cohortOptions = useMemo(
    () => (cohorts.data ?? []).map((c) => ({ value: c.id, label: `${c.programName} · ${c.name}` })),
    [cohorts.data],
  );
  return useMemo((): GridColumn<EnrollmentRow>[] => {
    const money = (minor: number) => format.money(minor);
    const list: GridColumn<EnrollmentRow>[] = [
      { id: 'client', header: t('enrollments.columns.client'), width: 200, value: (r) => r.clientName, sortable: true },
      {
        id: 'actions',
        header: '',
        width: 44,
        value: () => null,
        text: () => '',
        render: (r) => <EnrollmentMenu enrollmentId={r.id} status={r.status} name={r.clientName} />,
      },
      { id: 'program', header: t('enrollments.columns.program'), width: 170, value: (r) => r.programName, sortable: true },
      {
        id: 'cohort',
        header: t('enrollments.columns.cohort'),
        width: 190,
        value: (r) => r.cohortId,
        text: (r) => (r.cohortName ? `${r.programName} · ${r.cohortName}` : t('enrollments.noCohort')),
        render: (r) => r.cohortName ?? t('enrollments.noCohort'),
        editor: canWrite ? { kind: 'select', options: cohortOptions } : undefined,
        field: 'cohortId',
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
    ];
    // The grid spans clients: its money columns are for roles that may see money across clients (the API sends it only to them).
    if (seesMoney) {
      list.push(
        {
          id: 'agreedPrice',
          header: t('enrollments.columns.agreedPrice'),
          width: 140,
          align: 'right',
          value: (r) => r.agreedPriceMinor,
          text: (r) => money(r.agreedPriceMinor ?? 0),
          editor: canPrice ? { kind: 'money' } : undefined,
          field: 'agreedPriceMinor',
          sortable: true,
        },
        {
          id: 'discount',
          header: t('enrollments.columns.discount'),
          width: 120,
          align: 'right',
          value: (r) => r.discountMinor,
          text: (r) => ((r.discountMinor ?? 0) > 0 ? money(r.discountMinor ?? 0) : ''),
          editor: canPrice ? { kind: 'money' } : undefined,
          field: 'discountMinor',
          sortable: true,
        },
        {
          id: 'paid',
          header: t('enrollments.columns.paid'),
          width: 130,
          align: 'right',
          value: (r) => r.paidMinor,
          text: (r) => money(r.paidMinor ?? 0),
        },
        {
          id: 'balance',
          header: t('enrollments.columns.balance'),
          width: 130,
          align: 'right',
          value: (r) => r.balanceMinor,
          text: (r) => money(r.balanceMinor ?? 0),
        },
      );
    }
    list.push(...laterColumns(t, format, canWrite));
    return list;
  }, [t, format, seesMoney, canWrite, canPrice, statusOptions, cohortOptions]);
}

/** The columns after the money: follow-up, notify-before, source and note, each editable for a role that may. */
function laterColumns(t: TFunction, format: ReturnType<typeof useFormat>, canWrite: boolean): GridColumn<EnrollmentRow>[] {
  return [
    {
      id: 'followUp',
      header: t('enrollments.columns.followUp'),
      width: 130,
      value: (r) => r.followUpOn,
      text: (r) => (r.followUpOn ? format.date(r.followUpOn) : ''),
      editor: canWrite ? { kind: 'date' } : undefined,
      field: 'followUpOn',
      sortable: true,
    },
    {
      id: 'notify',
      header: t('enrollments.columns.notify'),
      width: 120,
      align: 'right',
      value: (r) => r.notifyBeforeDays ?? null,
      editor: canWrite ? { kind: 'number' } : undefined,
      field: 'notifyBeforeDays',
    },
    {
      id: 'source',
      header: t('enrollments.columns.source'),
      width: 130,
      value: (r) => r.source,
      editor: canWrite ? { kind: 'text' } : undefined,
      sortable: true,
    },
    {
      id: 'note',
      header: t('enrollments.columns.note'),
      width: 220,
      value: (r) => r.notes ?? null,
      editor: canWrite ? { kind: 'text' } : undefined,
      field: 'notes',
    },
  ];
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
