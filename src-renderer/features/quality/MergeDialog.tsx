/**
 * Two clients side by side: per field, whose value the kept client ends up with
 * (the kept side's by default, the other side's where the kept one is empty), and
 * how many rows move over. Merging is one action: Undo takes all of it back. The
 * preview carries counts only, no amounts, so the assistant sees the same screen.
 */
import { Alert, Badge, Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeFields, type MergeField, type MergePreview, type MergeSide } from '../../../src-shared/api/quality-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';

type Take = Partial<Record<MergeField, 'keep' | 'merge'>>;

function defaultTake(keep: MergeSide, merge: MergeSide): Take {
  const take: Take = {};
  for (const field of mergeFields) {
    const mine = keep.values[field];
    if ((mine === null || mine === '') && merge.values[field] !== null && merge.values[field] !== '') take[field] = 'merge';
  }
  return take;
}

function useShow() {
  const { t } = useTranslation();
  const format = useFormat();
  return (side: MergeSide, field: MergeField): string => {
    const value = side.values[field];
    if (field === 'guardianId') return side.guardianName ?? t('quality.merge.empty');
    if (typeof value === 'boolean') return value ? t('quality.merge.yes') : t('quality.merge.no');
    if (value === null || value === '') return t('quality.merge.empty');
    return field === 'birthDate' ? format.date(value) : value;
  };
}

function Counts({ side }: { side: MergeSide }) {
  const { t } = useTranslation();
  const entries = Object.entries(side.counts).filter(([, n]) => n > 0);
  return (
    <Group gap={4}>
      {entries.map(([key, n]) => (
        <Badge key={key} variant="light" size="sm">
          {t(`quality.merge.counts.${key}`)}: {n}
        </Badge>
      ))}
    </Group>
  );
}

export function MergeDialog({ pair, onClose }: { pair: [string, string]; onClose: () => void }) {
  const { t } = useTranslation();
  const [[keepId, mergeId], setIds] = useState(pair);
  const preview = useQuery(
    'quality.mergePreview',
    { keepId, mergeId },
    { tables: ['clients', 'enrollments', 'payments', 'activities', 'tasks'] },
  );
  const previewError = preview.error?.fields[0]?.code;
  return (
    <Modal opened onClose={onClose} title={t('quality.merge.title')} size="xl" data-testid="merge-dialog">
      {preview.error && <Alert color="red">{t([`quality.errors.${previewError ?? ''}`, `errors.code.${preview.error.code}`])}</Alert>}
      {preview.data && preview.data.keep.id === keepId && preview.data.merge.id === mergeId && (
        <MergeForm key={`${keepId}+${mergeId}`} data={preview.data} onSwap={() => setIds([mergeId, keepId])} onClose={onClose} />
      )}
    </Modal>
  );
}

function MergeForm({ data, onSwap, onClose }: { data: MergePreview; onSwap: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const show = useShow();
  const [take, setTake] = useState<Take>(() => defaultTake(data.keep, data.merge));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await api.call('quality.merge', { keepId: data.keep.id, mergeId: data.merge.id, take });
      notifications.show({ color: 'teal', message: t('quality.merge.done', { name: show(data.merge, 'displayName') }) });
      onClose();
    } catch (e) {
      const field = e instanceof ApiError ? e.fields[0] : undefined;
      setError(
        e instanceof ApiError
          ? t(field ? [`quality.errors.${field.code}`, `errors.field.${field.code}`, `errors.code.${e.code}`] : `errors.code.${e.code}`)
          : t('errors.code.INTERNAL'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Table withTableBorder data-testid="merge-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('quality.merge.field')}</Table.Th>
            <Table.Th>{t('quality.merge.keep')}</Table.Th>
            <Table.Th>
              <Group gap="xs" justify="space-between">
                {t('quality.merge.merge')}
                <Button size="compact-xs" variant="subtle" leftSection={<IconArrowsExchange size={14} />} onClick={onSwap}>
                  {t('quality.merge.swap')}
                </Button>
              </Group>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mergeFields.map((field) => (
            <Table.Tr key={field}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t(`quality.merge.fields.${field}`)}
                </Text>
              </Table.Td>
              {(['keep', 'merge'] as const).map((side) => (
                <Table.Td key={side}>
                  <Radio
                    size="xs"
                    name={field}
                    checked={(take[field] ?? 'keep') === side}
                    onChange={() => setTake((prev) => ({ ...prev, [field]: side }))}
                    label={show(data[side], field)}
                    data-testid={`merge-${side}-${field}`}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Text size="sm" fw={500}>
                {t('quality.merge.moves')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Counts side={data.keep} />
            </Table.Td>
            <Table.Td>
              <Counts side={data.merge} />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('quality.merge.tags')}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('quality.merge.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={busy} data-testid="merge-confirm">
          {t('quality.merge.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
