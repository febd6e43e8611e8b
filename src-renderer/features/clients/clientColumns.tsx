/**
 * The columns of the clients grid, in the school's words: who the client is and
 * how to reach them, their enrollments, their money (only for roles that may see
 * money across clients: the API leaves it out for the others), and the details hidden until someone shows them. Formatting a row
 * (phone parsing, Intl) is the costly part of drawing it, so each row object is
 * formatted once and rows scrolling back into view cost nothing. Cells are plain
 * elements styled by clients.module.css, not library components: a fast scroll
 * draws hundreds of them a frame, and a tag or status drawn as a component cost
 * several times a span.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientListRow } from '../../../src-shared/api/types';
import { enrollmentStatuses } from '../../../src-shared/domain';
import { formatPhone } from '../../../src-shared/phone';
import type { GridColumn } from '../../grid';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings, type Formatters } from '../../shared/workspace';
import { useClientsUi } from '../../stores/clients';
import classes from './clients.module.css';

interface RowTexts {
  phone: string;
  created: string;
  balance: string;
  overdue: string;
}

/**
 * An amount's text, remembered by amount: formatting money builds Intl formatters
 * (the costliest part of drawing a row while scrolling), and a page of clients
 * repeats a few amounts — 0 most of all. The memory is dropped when it grows large.
 */
function moneyTexts(format: Formatters): (amountMinor: number) => string {
  const known = new Map<number, string>();
  return (amountMinor) => {
    let text = known.get(amountMinor);
    if (text === undefined) {
      if (known.size >= 5000) known.clear();
      text = format.money(amountMinor);
      known.set(amountMinor, text);
    }
    return text;
  };
}

/** Texts of a row, computed once per row object (rows are replaced, never mutated, when data changes). */
function rowTexts(format: Formatters, country: string | null): (row: ClientListRow) => RowTexts {
  const cache = new WeakMap<ClientListRow, RowTexts>();
  const day = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const money = moneyTexts(format);
  return (r) => {
    const known = cache.get(r);
    if (known) return known;
    const texts = {
      phone: r.phone ? formatPhone(r.phone, country) : '',
      created: day.format(new Date(`${r.createdAt.slice(0, 10)}T12:00:00Z`)),
      balance: r.balanceMinor === undefined ? '' : money(r.balanceMinor),
      overdue: (r.overdueMinor ?? 0) > 0 ? money(r.overdueMinor ?? 0) : '',
    };
    cache.set(r, texts);
    return texts;
  };
}

interface ColumnContext {
  t: TFunction;
  format: Formatters;
  shown: (row: ClientListRow) => RowTexts;
  openClient: (id: string) => void;
}

/** Name (opens the client), phone, e-mail and tags. */
function whoColumns({ t, shown, openClient }: ColumnContext): GridColumn<ClientListRow>[] {
  return [
    {
      id: 'name',
      header: t('clients.col.name'),
      width: 190,
      field: 'displayName',
      value: (r) => r.displayName,
      render: (r) => (
        <button
          type="button"
          className={classes.nameLink}
          onClick={() => openClient(r.id)}
          onMouseDown={(e) => e.stopPropagation()}
          title={t('clients.open', { name: r.displayName })}
        >
          {r.displayName}
        </button>
      ),
      editor: { kind: 'text' },
      sortable: true,
      searchable: true,
    },
    {
      id: 'phone',
      header: t('clients.col.phone'),
      width: 140,
      value: (r) => r.phone,
      text: (r) => shown(r).phone,
      render: (r) =>
        r.phone ? (
          <a href={`tel:${r.phone}`} className={classes.link} onMouseDown={(e) => e.stopPropagation()}>
            {shown(r).phone}
          </a>
        ) : null,
      editor: { kind: 'text' },
    },
    {
      id: 'email',
      header: t('clients.col.email'),
      width: 200,
      value: (r) => r.email,
      render: (r) =>
        r.email ? (
          <a href={`mailto:${r.email}`} className={classes.link} onMouseDown={(e) => e.stopPropagation()}>
            {r.email}
          </a>
        ) : null,
      editor: { kind: 'text' },
      sortable: true,
    },
    {
      id: 'tags',
      header: t('clients.col.tags'),
      width: 120,
      value: (r) => r.tags,
      render: (r) => (
        <span className={classes.chips}>
          {r.tags.map((tag) => (
            <span key={tag} className={classes.tag}>
              {tag}
            </span>
          ))}
        </span>
      ),
      editor: { kind: 'text' },
      parse: (text) =>
        text
          .split(/[,;]/)
          .map((s) => s.trim())
          .filter(Boolean),
      filter: { kind: 'text' },
    },
  ];
}

/** Balance and overdue amount, shown after the tags to roles that may see money across clients. */
function moneyColumns({ t, shown }: ColumnContext): GridColumn<ClientListRow>[] {
  return [
    {
      id: 'balance',
      header: t('clients.col.balance'),
      width: 115,
      align: 'right',
      value: (r) => r.balanceMinor,
      text: (r) => shown(r).balance,
      render: (r) => <span className={(r.balanceMinor ?? 0) > 0 ? classes.owes : classes.dim}>{shown(r).balance}</span>,
      sortable: true,
      filter: { kind: 'amountRange', money: true },
    },
    {
      id: 'overdue',
      header: t('clients.col.overdue'),
      width: 110,
      align: 'right',
      value: (r) => r.overdueMinor,
      text: (r) => shown(r).overdue,
      render: (r) => ((r.overdueMinor ?? 0) > 0 ? <span className={classes.overdue}>{shown(r).overdue}</span> : null),
      filter: { kind: 'in', options: [{ value: 'yes', label: t('clients.views.overdue') }] },
    },
  ];
}

/** Enrollment statuses and count, and when the client was added. */
function activityColumns({ t, format, shown }: ColumnContext): GridColumn<ClientListRow>[] {
  const statusOptions = enrollmentStatuses.map((s) => ({ value: s, label: t(`clients.status.${s}`) }));
  // Looked up once, not per chip per row drawn: a translation lookup costs more than the chip.
  const statusLabel = new Map<string, string>(statusOptions.map((o) => [o.value, o.label]));
  return [
    {
      id: 'status',
      header: t('clients.col.status'),
      width: 170,
      value: (r) => r.enrollmentStatuses,
      text: (r) => r.enrollmentStatuses.map((s) => statusLabel.get(s) ?? s).join(', '),
      render: (r) => (
        <span className={classes.chips}>
          {r.enrollmentStatuses.map((s) => (
            <span key={s} className={classes.status} data-status={s}>
              {statusLabel.get(s) ?? s}
            </span>
          ))}
        </span>
      ),
      filter: { kind: 'in', options: statusOptions },
    },
    {
      id: 'enrollments',
      header: t('clients.col.enrollments'),
      width: 100,
      align: 'right',
      value: (r) => r.enrollmentCount,
      text: (r) => format.integer(r.enrollmentCount),
    },
    {
      id: 'created',
      header: t('clients.col.created'),
      width: 120,
      value: (r) => r.createdAt.slice(0, 10),
      text: (r) => shown(r).created,
      sortable: true,
      filter: { kind: 'dateRange' },
    },
  ];
}

/** Details hidden until someone shows them from the Columns menu. */
function detailColumns({ t, format }: ColumnContext): GridColumn<ClientListRow>[] {
  return [
    {
      id: 'firstName',
      header: t('clients.col.firstName'),
      width: 140,
      value: (r) => r.firstName,
      editor: { kind: 'text' },
      hidden: true,
    },
    { id: 'lastName', header: t('clients.col.lastName'), width: 140, value: (r) => r.lastName, editor: { kind: 'text' }, hidden: true },
    {
      id: 'birthDate',
      header: t('clients.col.birthDate'),
      width: 130,
      value: (r) => r.birthDate,
      text: (r) => (r.birthDate ? format.date(r.birthDate) : ''),
      editor: { kind: 'date' },
      hidden: true,
    },
    {
      id: 'sourceChannel',
      header: t('clients.col.source'),
      width: 130,
      value: (r) => r.sourceChannel,
      editor: { kind: 'text' },
      hidden: true,
    },
    { id: 'notes', header: t('clients.col.notes'), width: 240, value: (r) => r.notes, editor: { kind: 'text' }, hidden: true },
  ];
}

export function useClientColumns(): GridColumn<ClientListRow>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const { country } = useSettings();
  const seesMoney = useCan('finance.read');
  const openClient = useClientsUi((s) => s.openClient);
  const shown = useMemo(() => rowTexts(format, country), [format, country]);
  return useMemo(() => {
    const context = { t, format, shown, openClient };
    return [...whoColumns(context), ...(seesMoney ? moneyColumns(context) : []), ...activityColumns(context), ...detailColumns(context)];
  }, [t, format, seesMoney, openClient, shown]);
}
