/**
 * Archiving clients with no enrollment for N months, with a preview: the list is
 * exactly who would be archived (ticked, to leave someone out), and archiving
 * sends the ticked ids, which the API archives only while the same rule still
 * lists them. One action, undone as one; nothing is deleted.
 */
import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivePreview } from '../../../src-shared/api/quality-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';

export function ArchiveTab() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canWrite = useCan('clients.write');
  const [months, setMonths] = useState<number | string>(12);
  const [preview, setPreview] = useState<ArchivePreview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    const field = e instanceof ApiError ? e.fields[0] : undefined;
    setError(field ? t([`quality.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']) : t('errors.code.INTERNAL'));
  };

  const load = async () => {
    setError(null);
    try {
      const next = await api.call('quality.archivePreview', { months: Number(months) });
      setPreview(next);
      setChosen(new Set(next.clients.map((c) => c.id)));
    } catch (e) {
      fail(e);
    }
  };

  const archive = async () => {
    setBusy(true);
    try {
      const result = await api.call('quality.archive', { months: Number(months), ids: [...chosen] });
      notifications.show({ color: 'teal', message: t('quality.archive.done', { count: result.archived }) });
      setPreview(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('quality.archive.intro')}
      </Text>
      <Group align="flex-start">
        <NumberInput
          label={t('quality.archive.months')}
          value={months}
          onChange={setMonths}
          min={1}
          max={240}
          w={240}
          error={error}
          data-testid="archive-months"
        />
        <Button mt={25} variant="light" onClick={() => void load()} data-testid="archive-preview">
          {t('quality.archive.preview')}
        </Button>
      </Group>
      {preview && preview.clients.length === 0 && <Alert>{t('quality.archive.none')}</Alert>}
      {preview && preview.clients.length > 0 && (
        <>
          <Text size="sm">{t('quality.archive.since', { date: format.date(preview.cutoff) })}</Text>
          <Table striped data-testid="archive-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={1} />
                <Table.Th>{t('quality.archive.name')}</Table.Th>
                <Table.Th>{t('quality.archive.lastEnrollment')}</Table.Th>
                <Table.Th>{t('quality.archive.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.clients.slice(0, 500).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Checkbox checked={chosen.has(c.id)} onChange={() => toggle(c.id)} aria-label={c.displayName} />
                  </Table.Td>
                  <Table.Td>{c.displayName}</Table.Td>
                  <Table.Td>{c.lastEnrollmentAt ? format.date(c.lastEnrollmentAt) : t('quality.archive.never')}</Table.Td>
                  <Table.Td>{format.date(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {canWrite && (
            <Group justify="flex-end">
              <Button onClick={() => void archive()} loading={busy} disabled={chosen.size === 0} data-testid="archive-run">
                {t('quality.archive.run', { count: chosen.size })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
