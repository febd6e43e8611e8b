/**
 * The Enrollments section: every enrollment in the shared data grid — client,
 * program, group, status, agreed price, discount, paid, balance, follow-up date
 * and source — searched, filtered by status and sorted in the database (through
 * `enrollments.grid`, page by page as the grid scrolls), with the built-in view
 * "Thinking — call back". Cells are edited in place: the status through
 * `enrollments.setStatus` (so every change lands in the enrollment's history),
 * the group by a move (`enrollments.transfer`, or placing someone who had no
 * group yet), the other fields through `enrollments.update`; a value the domain
 * refuses comes back as an error at the cell and saves nothing. Each row's menu
 * opens the Edit panel, the plan, the move and the follow-up. `StatusSelect` is
 * the in-place status picker for tables that are not grids (the roster). The
 * grid's columns, view and API query are in enrollmentColumns.tsx.
 */
import { Box, Button, EmptyState, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client';
import { enrollmentTransitions, type EnrollmentStatus } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useUiStore } from '../../stores/ui';
import { useClientsUi } from '../../stores/clients';
import { Grid, type GridColumn, type GridSource } from '../../grid';
import { EnrollmentChangeDialogs } from './EnrollmentChanges';
import { gridInput, readOnlyReasons, useEnrollmentColumns, useEnrollmentViews, type EnrollmentRow } from './enrollmentColumns';
import { statusColor } from './status';
import { openEnrollDialog } from './store';
import { useReadOnlyHint } from './useReadOnlyHint';

/** The API field each editable column writes through `enrollments.update`. */
const updateFields: Record<string, string> = {
  agreedPrice: 'agreedPriceMinor',
  discount: 'discountMinor',
  followUp: 'followUpOn',
  notify: 'notifyBeforeDays',
  source: 'source',
  note: 'notes',
};

/** Saves one edited cell; throws the API's refusal so the grid shows it at the cell. */
async function saveCell(
  api: ApiClient,
  row: EnrollmentRow,
  columnId: string,
  value: unknown,
): Promise<'status' | 'moved' | 'saved' | null> {
  if (columnId === 'status') {
    if (value === row.status) return null;
    await api.call('enrollments.setStatus', { id: row.id, status: value as EnrollmentStatus });
    return 'status';
  }
  if (columnId === 'cohort') {
    if ((value ?? null) === row.cohortId) return null;
    if (row.cohortId && value) {
      await api.call('enrollments.transfer', { enrollmentId: row.id, cohortId: value as string });
      return 'moved';
    }
    await api.call('enrollments.update', { id: row.id, cohortId: (value as string | null) ?? null });
    return 'saved';
  }
  const field = updateFields[columnId];
  if (!field) return null;
  if (field === 'notes' && row.notes === undefined) {
    // The grid row did not bring the note: never overwrite one the person cannot see.
    const current = await api.call('enrollments.get', { id: row.id });
    if (current.notes) {
      throw new ApiError({
        code: 'CONFLICT',
        message: 'note exists',
        fields: [{ path: ['notes'], code: 'note_exists', message: 'note exists' }],
      });
    }
  }
  await api.call('enrollments.update', { id: row.id, [field]: value });
  return 'saved';
}

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

export function EnrollmentsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = useCan('enrollments.write');

  const canPrice = useCan('prices.write');
  const columns = useEnrollmentColumns();
  const views = useEnrollmentViews();
  const hint = useReadOnlyHint(useMemo(() => readOnlyReasons(canWrite, canPrice), [canWrite, canPrice]));

  const source = useMemo(
    (): GridSource<EnrollmentRow> => ({
      kind: 'loader',
      load: (query, offset, limit) => api.call('enrollments.grid', gridInput(query, offset, limit)),
      tables: ['enrollments', 'clients', 'programs', 'cohorts', 'payments', 'instalments'],
    }),
    [api],
  );

  const onEdit = async (row: EnrollmentRow, column: GridColumn<EnrollmentRow>, value: unknown) => {
    const done = await saveCell(api, row, column.id, value);
    if (done === 'status') {
      notifications.show({
        color: 'teal',
        message: t('enrollments.statusChanged', { name: row.clientName, status: t(`enrollments.status.${String(value)}`) }),
      });
    } else if (done === 'moved') {
      notifications.show({ color: 'teal', message: t('enrollments.change.movedUndo', { name: row.clientName }) });
    }
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
      <Box onKeyDownCapture={hint}>
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
      </Box>
      <EnrollmentChangeDialogs />
    </Stack>
  );
}
