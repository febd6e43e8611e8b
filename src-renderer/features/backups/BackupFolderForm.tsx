/**
 * Where backups are kept: the folder in use (marked when it is the default),
 * and below it the form to change it. The owner may type the full path of another folder on
 * this machine, or go back to the default folder beside the database. The main
 * process decides whether a folder will do (a relative path, a cloud sync
 * folder, a folder it cannot create or write are refused), and its verdict is
 * shown under the field in the interface language, translated from the stable
 * error code, so the owner reads why at the place they typed. A chosen folder is
 * this machine's state, not a synced change, so no change is announced: the tab
 * is told to list the folder again.
 */
import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconFolder, IconRestore } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupsOverview } from '../../../src-shared/api/backups-methods';
import { contract } from '../../../src-shared/api/contract';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';

function folderErrorText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  const field = error.byField()['folder'] ?? error.fields[0];
  return field ? t([`backups.folderForm.errors.${field.code}`, `errors.field.${field.code}`]) : t(`errors.code.${error.code}`);
}

export function BackupFolderForm({ overview, onSaved }: { overview: BackupsOverview; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const canChoose = useCan(contract['backups.setFolder'].capability);
  const [folder, setFolder] = useState(overview.folderIsDefault ? '' : overview.folder);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<'folder' | 'default' | null>(null);

  const save = async (chosen: string | null) => {
    setSaving(chosen === null ? 'default' : 'folder');
    setError(null);
    try {
      const next = await api.call('backups.setFolder', { folder: chosen });
      setFolder(next.folderIsDefault ? '' : next.folder);
      notifications.show({ color: 'teal', message: t('backups.folderForm.saved', { folder: next.folder }) });
      onSaved();
    } catch (failure) {
      setError(folderErrorText(failure, t));
    } finally {
      setSaving(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(folder);
  };

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap">
        <IconFolder size={16} stroke={1.6} />
        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {t('backups.folder', { folder: overview.folder })}
        </Text>
        {overview.folderIsDefault && (
          <Badge size="xs" variant="outline" color="gray">
            {t('backups.defaultFolder')}
          </Badge>
        )}
      </Group>
      {canChoose && (
        <form onSubmit={submit} noValidate data-testid="backup-folder-form">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('backups.folderForm.label')}
              description={t('backups.folderForm.hint')}
              placeholder={overview.folderIsDefault ? overview.folder : t('backups.folderForm.placeholder')}
              value={folder}
              onChange={(e) => {
                setFolder(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              name="folder"
              style={{ flex: 1, minWidth: 320 }}
            />
            <Group gap="sm" mt={50}>
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={saving === 'folder'}
                disabled={saving === 'default'}
              >
                {t('backups.folderForm.save')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconRestore size={16} />}
                loading={saving === 'default'}
                disabled={overview.folderIsDefault || saving === 'folder'}
                onClick={() => void save(null)}
              >
                {t('backups.folderForm.useDefault')}
              </Button>
            </Group>
          </Group>
        </form>
      )}
    </Stack>
  );
}
