/**
 * The Clients section: the grid over every client (paged from `clients.list`, so
 * 100,000 rows scroll like 100) or, when one is open, that client's page. Cells
 * are edited in place through `clients.update`; rows pasted from a spreadsheet go
 * through `clients.bulkUpsert` as one change. Balances are shown only to roles
 * that may see money across clients (summed, they are the school's outstanding
 * total), and the API leaves them out for the others. The columns are in
 * clientColumns.tsx; this file wires them to the API.
 */
import { Button, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/api/contract';
import type { ClientListRow } from '../../../src-shared/api/types';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { Grid, type BuiltInView, type GridColumn, type GridQuery } from '../../grid';
import { ClientPage } from './ClientPage';
import { useClientColumns } from './clientColumns';
import { NewClientDialog } from './NewClientDialog';
import { clientListInput } from './query';
import { useClientsUi } from '../../stores/clients';

type CreateInput = (typeof contract)['clients.create']['input']['_output'];

export function ClientsPage() {
  const openClientId = useClientsUi((s) => s.openClientId);
  return openClientId ? <ClientPage id={openClientId} /> : <ClientsGrid />;
}

function ClientsGrid() {
  const { t } = useTranslation();
  const api = useApi();
  const seesMoney = useCan('finance.read');
  const canWrite = useCan('clients.write');
  const openClient = useClientsUi((s) => s.openClient);

  const columns = useClientColumns();

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
