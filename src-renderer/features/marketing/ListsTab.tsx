/**
 * Settings → Lists: the client fields the school requires, and the values of
 * its source channels, reasons lost and tags. Built-in values show in the
 * reader's language (a value the school typed shows as typed). Saving sends
 * only the lists that changed; a refusal (a value twice) shows under its list.
 */
import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requirableClientFields, type SchoolLists } from '../../../src-shared/api/marketing-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useListWord, type ListKind } from './words';

type ValueList = 'sourceChannels' | 'lostReasons' | 'clientTags';
const valueLists: { key: ValueList; words: ListKind | null }[] = [
  { key: 'sourceChannels', words: 'channel' },
  { key: 'lostReasons', words: 'reason' },
  { key: 'clientTags', words: null },
];

function ListsForm({ lists }: { lists: SchoolLists }) {
  const { t } = useTranslation();
  const api = useApi();
  const word = useListWord();
  const canManage = useCan('workspace.manage');
  const [draft, setDraft] = useState<SchoolLists>(lists);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const changed = Object.fromEntries(
        (Object.keys(draft) as (keyof SchoolLists)[])
          .filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(lists[k]))
          .map((k) => [k, draft[k]]),
      );
      await api.call('schoolLists.update', changed);
      notifications.show({ color: 'teal', message: t('marketing.lists.saved') });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Record<string, string> = {};
      for (const f of error.fields)
        next[String(f.path[0])] ??= t([`marketing.lists.${f.message}`, `errors.field.${f.code}`, 'errors.field.invalid']);
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" data-testid="lists-tab">
      <Paper withBorder radius="md" p="md">
        <Checkbox.Group
          label={t('marketing.lists.required')}
          description={t('marketing.lists.requiredHint')}
          value={draft.requiredClientFields}
          onChange={(value) => setDraft({ ...draft, requiredClientFields: value as SchoolLists['requiredClientFields'] })}
          error={errors['requiredClientFields']}
        >
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
            {requirableClientFields.map((field) => (
              <Checkbox
                key={field}
                value={field}
                label={t(`marketing.field.${field}`)}
                disabled={!canManage}
                data-testid={`required-${field}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Paper>
      {valueLists.map(({ key, words }) => (
        <Paper key={key} withBorder radius="md" p="md">
          <TagsInput
            label={t(`marketing.lists.${key}`)}
            description={t('marketing.lists.valuesHint')}
            value={draft[key]}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
            disabled={!canManage}
            error={errors[key]}
            clearable
            data-testid={`list-${key}`}
          />
          {words && draft[key].length > 0 && (
            <Text size="xs" c="dimmed" mt={6}>
              {draft[key].map((v) => word(words, v)).join(' · ')}
            </Text>
          )}
        </Paper>
      ))}
      {canManage && (
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy} data-testid="lists-save">
            {t('marketing.lists.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function ListsTab() {
  const { t } = useTranslation();
  const lists = useQuery('schoolLists.get', {}, { tables: ['settings'] });
  return (
    <Stack gap="md">
      <div>
        <Title order={3}>{t('marketing.lists.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('marketing.lists.intro')}
        </Text>
      </div>
      {lists.data && <ListsForm key={JSON.stringify(lists.data)} lists={lists.data} />}
    </Stack>
  );
}
