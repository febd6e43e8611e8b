/**
 * The Clients section: the grid over every client (paged from `clients.list`, so
 * 100,000 rows scroll like 100) or, when one is open, that client's page. Cells
 * are edited in place through `clients.update`; rows pasted from a spreadsheet go
 * through `clients.bulkUpsert` as one change. Balances are shown only to roles
 * that may read payments, and the API enforces the same.
 */
import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/api/contract';
import type { ClientListRow } from '../../../src-shared/api/types';
import { enrollmentStatuses } from '../../../src-shared/domain';
import { formatPhone } from '../../../src-shared/phone';
import { useApi } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat, useSettings, type Formatters } from '../../app/workspace';
import { Grid, type BuiltInView, type GridColumn, type GridQuery } from '../../grid';
import { ClientPage } from './ClientPage';
import { NewClientDialog } from './NewClientDialog';
import classes from './clients.module.css';
import { clientListInput } from './query';
import { useClientsUi } from './store';

type CreateInput = (typeof contract)['clients.create']['input']['_output'];

export function ClientsPage() {
  const openClientId = useClientsUi((s) => s.openClientId);
  return openClientId ? <ClientPage id={openClientId} /> : <ClientsGrid />;
}

interface RowTexts {
  phone: string;
  created: string;
  balance: string;
  overdue: string;
}

/** Texts of a row, computed once per row object (rows are replaced, never mutated, when data changes). */
function rowTexts(format: Formatters, country: string | null): (row: ClientListRow) => RowTexts {
  const cache = new WeakMap<ClientListRow, RowTexts>();
  const day = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return (r) => {
    const known = cache.get(r);
    if (known) return known;
    const texts = {
      phone: r.phone ? formatPhone(r.phone, country) : '',
      created: day.format(new Date(`${r.createdAt.slice(0, 10)}T12:00:00Z`)),
      balance: format.money(r.balanceMinor),
      overdue: r.overdueMinor > 0 ? format.money(r.overdueMinor) : '',
    };
    cache.set(r, texts);
    return texts;
  };
}

function ClientsGrid() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { country } = useSettings();
  const seesMoney = useCan('payments.read');
  const canWrite = useCan('clients.write');
  const openClient = useClientsUi((s) => s.openClient);

  // Formatting (phone parsing, Intl) is the costly part of drawing a row; each row object is
  // formatted once, so rows scrolling back into view cost nothing.
  const shown = useMemo(() => rowTexts(format, country), [format, country]);

  const columns = useMemo<GridColumn<ClientListRow>[]>(() => {
    const statusOptions = enrollmentStatuses.map((s) => ({ value: s, label: t(`clients.status.${s}`) }));
    const list: GridColumn<ClientListRow>[] = [
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
          <Group gap={4} wrap="nowrap">
            {r.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="light" color="gray" radius="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        ),
        editor: { kind: 'text' },
        parse: (text) =>
          text
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean),
        filter: { kind: 'text' },
      },
      {
        id: 'status',
        header: t('clients.col.status'),
        width: 170,
        value: (r) => r.enrollmentStatuses,
        text: (r) => r.enrollmentStatuses.map((s) => t(`clients.status.${s}`)).join(', '),
        render: (r) => (
          <Group gap={4} wrap="nowrap">
            {r.enrollmentStatuses.map((s) => (
              <Badge
                key={s}
                size="xs"
                variant="dot"
                radius="sm"
                color={s === 'confirmed' ? 'teal' : s === 'thinking' ? 'yellow' : s === 'declined' || s === 'cancelled' ? 'gray' : 'blue'}
              >
                {t(`clients.status.${s}`)}
              </Badge>
            ))}
          </Group>
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
    if (seesMoney) {
      list.splice(
        4,
        0,
        {
          id: 'balance',
          header: t('clients.col.balance'),
          width: 115,
          align: 'right',
          value: (r) => r.balanceMinor,
          text: (r) => shown(r).balance,
          render: (r) => <span className={r.balanceMinor > 0 ? classes.owes : classes.dim}>{shown(r).balance}</span>,
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
          render: (r) => (r.overdueMinor > 0 ? <span className={classes.overdue}>{shown(r).overdue}</span> : null),
          filter: { kind: 'in', options: [{ value: 'yes', label: t('clients.views.overdue') }] },
        },
      );
    }
    return list;
  }, [t, format, seesMoney, openClient, shown]);

  const views = useMemo<BuiltInView[]>(() => {
    const view = (id: string, query: Partial<GridQuery>): BuiltInView => ({
      id,
      name: t(`clients.views.${id}`),
      config: { query: { search: '', sorting: [], filters: {}, ...query } },
    });
    const list = [
      view('thinking', { sorting: [{ id: 'created', desc: false }], filters: { status: { kind: 'in', values: ['thinking'] } } }),
    ];
    if (seesMoney) {
      list.push(
        view('overdue', { sorting: [{ id: 'balance', desc: true }], filters: { overdue: { kind: 'in', values: ['yes'] } } }),
        view('owing', { sorting: [{ id: 'balance', desc: true }], filters: { balance: { kind: 'amountRange', min: 1 } } }),
      );
    }
    return list;
  }, [t, seesMoney]);

  const source = useMemo(
    () => ({
      kind: 'loader' as const,
      load: (query: GridQuery, offset: number, limit: number) => api.call('clients.list', clientListInput(query, offset, limit)),
      tables: ['clients', 'enrollments', 'payments', 'instalments', 'payment_allocations'],
    }),
    [api],
  );

  const onEdit = useCallback(
    async (row: ClientListRow, column: GridColumn<ClientListRow>, value: unknown) => {
      const field = column.field ?? column.id;
      await api.call('clients.update', { id: row.id, [field]: value } as { id: string });
      notifications.show({ message: t('clients.saved'), autoClose: 1200 });
    },
    [api, t],
  );

  const paste = useMemo(
    () => ({
      schema: contract['clients.create'].input,
      apply: async (rows: CreateInput[]) => {
        await api.call('clients.bulkUpsert', { rows });
      },
    }),
    [api],
  );

  const [creating, setCreating] = useState(false);

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <div>
          <Title order={2}>{t('clients.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('clients.subtitle')}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)} data-testid="client-new">
            {t('clients.newClient')}
          </Button>
        )}
      </Group>
      <Grid<ClientListRow, CreateInput>
        gridId="clients"
        columns={columns}
        source={source}
        rowId={(r) => r.id}
        {...(canWrite ? { onEdit, paste } : {})}
        onOpenRow={(r) => openClient(r.id)}
        builtInViews={views}
        savedViews
        errorNamespace="clients"
        exportName={t('clients.title')}
        emptyState={t('clients.empty')}
      />
      {creating && <NewClientDialog onClose={() => setCreating(false)} />}
    </>
  );
}
