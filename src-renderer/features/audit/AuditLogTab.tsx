/**
 * The owner's global audit log: every change in the workspace, newest first,
 * narrowed by who made it, a date range and the kind of record, and read page
 * by page (older pages on request, so a years-long log opens at once). Below
 * it, the deleted records, each restorable in one click or — for a
 * data-protection request — erasable for good after a typed confirmation.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEraser, IconFilterOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditPage, DeletedRecord } from '../../../src-shared/api/audit-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { ChangeList } from './ChangeList';
import { EntryByline, RestoreButton } from './RecordHistory';
import { tableLabel } from './values';

const filterableTables = [
  'clients',
  'enrollments',
  'payments',
  'instalments',
  'programs',
  'cohorts',
  'teachers',
  'rooms',
  'activities',
  'users',
  'settings',
];
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

interface Filters {
  userId: string | null;
  from: string;
  to: string;
  table: string | null;
}

const noFilters: Filters = { userId: null, from: '', to: '', table: null };

function useLogPages(filters: Filters) {
  const api = useApi();
  const input = {
    limit: 50,
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(isoDay.test(filters.from) ? { from: filters.from } : {}),
    ...(isoDay.test(filters.to) ? { to: filters.to } : {}),
    ...(filters.table ? { table: filters.table } : {}),
  };
  const first = useQuery('audit.log', input, { tables: ['changes', ...filterableTables] });
  const firstPage = first.data;
  // Older pages belong to the first page they continue; a new first page (other filters, a change) starts over.
  const [loaded, setLoaded] = useState<{ base: AuditPage | undefined; entries: AuditEntry[]; cursor: string | null }>({
    base: undefined,
    entries: [],
    cursor: null,
  });
  const older = loaded.base === firstPage ? loaded : { base: firstPage, entries: [], cursor: firstPage?.nextCursor ?? null };
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<{ base: AuditPage | undefined; error: ApiError } | null>(null);

  const loadMore = async () => {
    if (!older.cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.call('audit.log', { ...input, cursor: older.cursor });
      setLoaded({ base: firstPage, entries: [...older.entries, ...page.entries], cursor: page.nextCursor });
    } catch (error) {
      setMoreError({
        base: firstPage,
        error: error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: String(error) }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  return {
    entries: firstPage ? [...firstPage.entries, ...older.entries] : undefined,
    error: first.error ?? (moreError?.base === firstPage ? moreError?.error : undefined),
    hasMore: older.cursor !== null,
    loadingMore,
    loadMore,
  };
}

function LogTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="audit-log" style={{ verticalAlign: 'top' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t('audit.columnsHead.who')}</Table.Th>
            <Table.Th w={150}>{t('audit.columnsHead.what')}</Table.Th>
            <Table.Th>{t('audit.columnsHead.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={`${entry.tx}:${entry.table}:${entry.rowId}`} data-testid="audit-entry">
              <Table.Td>
                <EntryByline entry={entry} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Group gap={6}>
                    <Badge
                      size="sm"
                      variant="light"
                      color={{ insert: 'teal', update: 'blue', delete: 'red', restore: 'grape' }[entry.kind]}
                    >
                      {t(`audit.kinds.${entry.kind}`)}
                    </Badge>
                    <Text size="sm">{tableLabel(entry.table, t, (k) => i18n.exists(k))}</Text>
                  </Group>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {entry.rowId.slice(0, 13)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <ChangeList entry={entry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PurgeDialog({ record, onClose }: { record: DeletedRecord | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const word = t('audit.purge.word');

  const purge = async () => {
    if (!record) return;
    setBusy(true);
    try {
      await api.call('records.purge', { table: record.table, id: record.id });
      notifications.show({ color: 'teal', message: t('audit.purge.done', { label: record.label }) });
      setTyped('');
      onClose();
    } catch (failure) {
      setError(t(`errors.code.${failure instanceof ApiError ? failure.code : 'INTERNAL'}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={record !== null} onClose={onClose} title={t('audit.purge.title')} centered>
      {record && (
        <Stack gap="md">
          <Text size="sm">{t('audit.purge.explain', { label: record.label })}</Text>
          <TextInput
            label={t('audit.purge.type', { word })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
          />
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('audit.cancel')}
            </Button>
            <Button color="red" loading={busy} disabled={typed.trim().toLowerCase() !== word.toLowerCase()} onClick={() => void purge()}>
              {t('audit.purge.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function DeletedRecords() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const canPurge = useCan('records.purge');
  const deleted = useQuery('audit.deleted', { limit: 200 }, { tables: ['changes', ...filterableTables] });
  const [purging, setPurging] = useState<DeletedRecord | null>(null);

  let body;
  if (deleted.error && !deleted.data)
    body = (
      <Alert color="red" variant="light">
        {t(`errors.code.${deleted.error.code}`)}
      </Alert>
    );
  else if (!deleted.data) body = <Skeleton h={40} m="md" />;
  else if (deleted.data.length === 0) {
    body = (
      <Text c="dimmed" size="sm" p="md">
        {t('audit.deleted.empty')}
      </Text>
    );
  } else {
    body = (
      <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="deleted-records">
        <Table.Tbody>
          {deleted.data.map((record) => (
            <Table.Tr key={`${record.table}:${record.id}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {record.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {tableLabel(record.table, t, (k) => i18n.exists(k))}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {t('audit.deleted.when', { when: format.date(new Date(record.deletedAt)), who: record.deletedBy ?? t('audit.system') })}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <RestoreButton table={record.table} id={record.id} />
                  {canPurge && (
                    <Tooltip label={t('audit.purge.action')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('audit.purge.label', { label: record.label })}
                        onClick={() => setPurging(record)}
                      >
                        <IconEraser size={16} stroke={1.6} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }

  return (
    <Stack gap="sm">
      <div>
        <Title order={4}>{t('audit.deleted.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('audit.deleted.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <PurgeDialog record={purging} onClose={() => setPurging(null)} />
    </Stack>
  );
}

export function AuditLogTab() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const users = useQuery('users.list', {}, { tables: ['users'] });
  const log = useLogPages(filters);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const rangeWrong = isoDay.test(filters.from) && isoDay.test(filters.to) && filters.from > filters.to;

  let body;
  if (log.error && !log.entries) {
    body = (
      <Alert color="red" variant="light" title={t('audit.loadFailed')}>
        {t(`errors.code.${log.error.code}`)}
      </Alert>
    );
  } else if (!log.entries) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    );
  } else if (log.entries.length === 0) {
    body = (
      <Text c="dimmed" p="lg" ta="center">
        {t('audit.empty')}
      </Text>
    );
  } else body = <LogTable entries={log.entries} />;

  return (
    <Stack gap="lg">
      <div>
        <Title order={3}>{t('audit.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('audit.subtitle')}
        </Text>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('audit.filters.user')}
          placeholder={t('audit.filters.anyone')}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          value={filters.userId}
          onChange={(v) => set('userId', v)}
          clearable
          w={200}
          data-testid="audit-filter-user"
        />
        <TextInput
          type="date"
          label={t('audit.filters.from')}
          value={filters.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label={t('audit.filters.to')}
          value={filters.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          error={rangeWrong ? t('audit.filters.rangeWrong') : undefined}
          w={170}
        />
        <Select
          label={t('audit.filters.table')}
          placeholder={t('audit.filters.anything')}
          data={filterableTables.map((table) => ({ value: table, label: tableLabel(table, t, (k) => i18n.exists(k)) }))}
          value={filters.table}
          onChange={(v) => set('table', v)}
          clearable
          w={180}
        />
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={() => setFilters(noFilters)}>
          {t('audit.filters.clear')}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      {log.error && log.entries && (
        <Alert color="red" variant="light">
          {t(`errors.code.${log.error.code}`)}
        </Alert>
      )}
      {log.hasMore && (
        <Button variant="default" loading={log.loadingMore} onClick={() => void log.loadMore()} w="fit-content">
          {t('audit.older')}
        </Button>
      )}
      <DeletedRecords />
    </Stack>
  );
}
