/**
 * The "Teachers" and "Rooms" settings tabs: one small list each, with a dialog
 * to add or edit (teachers: name, e-mail, phone; rooms: name, capacity), an
 * archive switch for people and rooms no longer in use (they stay on old
 * cohorts), and delete for those allowed to delete. Both are the same screen
 * over a different pair of API methods, so they share this one component.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room, Teacher } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';

type Kind = 'teachers' | 'rooms';
type Entry = (Teacher | Room) & Partial<Teacher> & Partial<Room>;

function EntryForm({ kind, entry, onDone }: { kind: Kind; entry: Entry | null; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(entry?.name ?? '');
  const [email, setEmail] = useState(entry?.email ?? '');
  const [phone, setPhone] = useState(entry?.phone ?? '');
  const [capacity, setCapacity] = useState<number | string>(entry?.capacity ?? '');
  const [archived, setArchived] = useState(entry?.archived ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      if (kind === 'teachers') {
        const input = { name, email: email.trim() === '' ? null : email, phone: phone.trim() === '' ? null : phone };
        if (entry) await api.call('teachers.update', { id: entry.id, ...input, archived });
        else await api.call('teachers.create', input);
      } else {
        const cap = typeof capacity === 'number' ? capacity : capacity.trim() === '' ? null : (capacity as unknown as number);
        if (entry) await api.call('rooms.update', { id: entry.id, name, capacity: cap, archived });
        else await api.call('rooms.create', { name, capacity: cap });
      }
      notifications.show({ color: 'teal', message: t('school.savedEntry', { name }) });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) return setFormError(t('errors.code.INTERNAL'));
      const next: Record<string, string> = {};
      for (const field of error.fields)
        next[String(field.path[0])] = t([`school.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      setErrors(next);
      setFormError(Object.keys(next).length === 0 ? t(`errors.code.${error.code}`) : null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('school.entryName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors['name']}
          data-autofocus
          withAsterisk
          name="name"
        />
        {kind === 'teachers' ? (
          <>
            <TextInput
              label={t('school.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors['email']}
              type="email"
              name="email"
            />
            <TextInput
              label={t('school.phone')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errors['phone']}
              type="tel"
              name="phone"
            />
          </>
        ) : (
          <NumberInput
            label={t('school.capacity')}
            value={capacity}
            onChange={setCapacity}
            error={errors['capacity']}
            allowNegative={false}
            allowDecimal={false}
            hideControls
            name="capacity"
          />
        )}
        {entry && <Switch label={t('school.archived')} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />}
        {formError && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('school.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('school.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CatalogTab({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = useCan('catalog.write');
  const canDelete = useCan('records.delete');
  const list = useQuery(kind === 'teachers' ? 'teachers.list' : 'rooms.list', {}, { tables: [kind] });
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const entries = (list.data ?? []) as Entry[];

  const remove = async (entry: Entry) => {
    try {
      await api.call(kind === 'teachers' ? 'teachers.delete' : 'rooms.delete', { id: entry.id });
      notifications.show({ color: 'teal', message: t('school.deleted', { name: entry.name }) });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };

  return (
    <Stack gap="lg" maw={720}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t(`school.${kind}.title`)}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t(`school.${kind}.subtitle`)}
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid={`add-${kind}`}>
            {t(`school.${kind}.add`)}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md">
        {entries.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">
            {t(`school.${kind}.empty`)}
          </Text>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid={`${kind}-table`}>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={500} size="sm">
                        {entry.name}
                      </Text>
                      {entry.archived && (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('school.archived')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {kind === 'teachers'
                        ? [entry.email, entry.phone].filter(Boolean).join(' · ')
                        : entry.capacity
                          ? t('school.seats', { count: entry.capacity })
                          : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td w={96}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {canWrite && (
                        <Tooltip label={t('school.edit')}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('school.editLabel', { name: entry.name })}
                            onClick={() => setEditing(entry)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {canDelete && (
                        <Tooltip label={t('school.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('school.deleteLabel', { name: entry.name })}
                            onClick={() => void remove(entry)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? `school.${kind}.add` : `school.${kind}.edit`)}
        centered
      >
        {editing !== null && <EntryForm kind={kind} entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

export const TeachersTab = () => <CatalogTab kind="teachers" />;
export const RoomsTab = () => <CatalogTab kind="rooms" />;
