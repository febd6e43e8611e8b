/**
 * The "Reminders & templates" settings tab: when the daily reminder comes and how
 * far ahead Today looks (settings), the message templates with their merge
 * fields (a click inserts a field, so nobody has to remember its spelling; a
 * misspelt one is refused by the API beside the field), and the folder the
 * open-groups page is written to on this computer. Parts a role may not change
 * are not shown; the router refuses them anyway.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  mergeFields,
  templateLanguages,
  templatePurposes,
  type MessageTemplate,
  type TemplateLanguage,
  type TemplatePurpose,
} from '../../../src-shared/api/today-methods';
import { currencyExponent, toMinor } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';

function useErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const capture = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      notifications.show({ color: 'red', message: String(error) });
      return;
    }
    const byField: Record<string, string> = {};
    for (const [field, detail] of Object.entries(error.byField())) {
      byField[field] = t([`templates.errors.${detail.code}`, `errors.field.${detail.code}`, 'errors.field.invalid']);
    }
    setErrors(byField);
    if (Object.keys(byField).length === 0) notifications.show({ color: 'red', message: t(`errors.code.${error.code}`) });
  };
  return { errors, capture, reset: () => setErrors({}) };
}

function ReminderSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const exponent = currencyExponent(settings.currency);
  const [time, setTime] = useState(settings.reminderTime);
  const [dueSoon, setDueSoon] = useState<number | string>(settings.dueSoonDays);
  const [startSoon, setStartSoon] = useState<number | string>(settings.startSoonDays);
  const [low, setLow] = useState<number | string>(settings.lowBalanceMinor === null ? '' : settings.lowBalanceMinor / 10 ** exponent);
  const { errors, capture, reset } = useErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      await api.call('settings.update', {
        reminderTime: time,
        dueSoonDays: dueSoon as number,
        startSoonDays: startSoon as number,
        lowBalanceMinor: low === '' ? null : typeof low === 'number' ? toMinor(low, settings.currency) : (low as unknown as number),
      });
      notifications.show({ color: 'teal', message: t('templates.reminders.saved') });
    } catch (error) {
      capture(error);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={4}>{t('templates.reminders.title')}</Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('templates.reminders.description')}
        </Text>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            type="time"
            label={t('templates.reminders.time')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={errors['reminderTime']}
            w={160}
          />
          <NumberInput
            label={t('templates.reminders.dueSoonDays')}
            value={dueSoon}
            onChange={setDueSoon}
            min={0}
            max={365}
            error={errors['dueSoonDays']}
            w={220}
          />
          <NumberInput
            label={t('templates.reminders.startSoonDays')}
            value={startSoon}
            onChange={setStartSoon}
            min={0}
            max={365}
            error={errors['startSoonDays']}
            w={220}
          />
          <NumberInput
            label={t('templates.reminders.lowBalance')}
            description={t('templates.reminders.lowBalanceHint')}
            value={low}
            onChange={setLow}
            min={0}
            thousandSeparator=" "
            rightSection={<Text size="xs">{settings.currency}</Text>}
            error={errors['lowBalanceMinor']}
            w={260}
          />
        </Group>
        <Button type="submit" mt="md">
          {t('templates.reminders.save')}
        </Button>
      </form>
    </Paper>
  );
}

type Draft = { id: string | null; name: string; purpose: TemplatePurpose; language: TemplateLanguage; subject: string; body: string };

function TemplateEditor({ draft, onClose }: { draft: Draft; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [values, setValues] = useState(draft);
  const [focused, setFocused] = useState<'subject' | 'body'>('body');
  const { errors, capture } = useErrors();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: values.name,
      purpose: values.purpose,
      language: values.language,
      subject: values.subject.trim() === '' ? null : values.subject,
      body: values.body,
    };
    try {
      if (values.id) await api.call('templates.update', { id: values.id, ...input });
      else await api.call('templates.create', input);
      notifications.show({ color: 'teal', message: t('templates.templates.saved') });
      onClose();
    } catch (error) {
      capture(error);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={values.id ? t('templates.templates.editLabel', { name: draft.name }) : t('templates.templates.add')}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('templates.templates.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors['name']}
            required
          />
          <Group grow>
            <Select
              label={t('templates.templates.purpose')}
              value={values.purpose}
              onChange={(v) => set('purpose', (v as TemplatePurpose | null) ?? 'custom')}
              data={templatePurposes.map((p) => ({ value: p, label: t(`templates.templates.purposes.${p}`) }))}
              allowDeselect={false}
            />
            <Select
              label={t('templates.templates.language')}
              value={values.language}
              onChange={(v) => set('language', (v as TemplateLanguage | null) ?? 'en')}
              data={templateLanguages.map((l) => ({ value: l, label: t(`templates.templates.languages.${l}`) }))}
              allowDeselect={false}
            />
          </Group>
          <TextInput
            label={t('templates.templates.subject')}
            value={values.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
            onFocus={() => setFocused('subject')}
            error={errors['subject']}
          />
          <Textarea
            label={t('templates.templates.body')}
            value={values.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            onFocus={() => setFocused('body')}
            autosize
            minRows={6}
            error={errors['body']}
            required
          />
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              {t('templates.templates.fields')}
            </Text>
            <Group gap={6}>
              {mergeFields.map((field) => (
                <Badge
                  key={field}
                  variant="light"
                  radius="sm"
                  style={{ cursor: 'pointer', textTransform: 'none' }}
                  component="button"
                  type="button"
                  onClick={() => set(focused, `${values[focused]}{${field}}`)}
                >
                  {`{${field}}`}
                </Badge>
              ))}
            </Group>
          </div>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('templates.templates.cancel')}
            </Button>
            <Button type="submit">{t('templates.templates.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Templates() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const canWrite = useCan('clients.write');
  const canDelete = useCan('records.delete');
  const templates = useQuery('templates.list', {}, { tables: ['message_templates'] });
  const [draft, setDraft] = useState<Draft | null>(null);
  const language: TemplateLanguage = settings.locale.startsWith('hu') ? 'hu' : settings.locale.startsWith('zh') ? 'zh-CN' : 'en';

  const remove = async (template: MessageTemplate) => {
    try {
      await api.call('templates.delete', { id: template.id });
      notifications.show({ color: 'gray', message: t('templates.templates.deleted') });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={4}>{t('templates.templates.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('templates.templates.description')}
          </Text>
        </div>
        {canWrite && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft({ id: null, name: '', purpose: 'custom', language, subject: '', body: '' })}
          >
            {t('templates.templates.add')}
          </Button>
        )}
      </Group>
      {templates.data && templates.data.length === 0 && <Text c="dimmed">{t('templates.templates.empty')}</Text>}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="templates-table">
          <Table.Tbody>
            {(templates.data ?? []).map((template) => (
              <Table.Tr key={template.id}>
                <Table.Td>
                  <Text fw={500}>{template.name}</Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {template.subject ?? template.body}
                  </Text>
                </Table.Td>
                <Table.Td w={200}>{t(`templates.templates.purposes.${template.purpose}`)}</Table.Td>
                <Table.Td w={110}>
                  <Badge variant="outline" radius="sm">
                    {template.language}
                  </Badge>
                </Table.Td>
                <Table.Td w={90} ta="right">
                  {canWrite && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('templates.templates.edit')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('templates.templates.editLabel', { name: template.name })}
                          onClick={() =>
                            setDraft({
                              id: template.id,
                              name: template.name,
                              purpose: template.purpose,
                              language: template.language,
                              subject: template.subject ?? '',
                              body: template.body,
                            })
                          }
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      {canDelete && (
                        <Tooltip label={t('templates.templates.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`${t('templates.templates.delete')}: ${template.name}`}
                            onClick={() => void remove(template)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {draft && <TemplateEditor draft={draft} onClose={() => setDraft(null)} />}
    </Paper>
  );
}

function OpenGroupsFeed() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const status = useQuery('openGroups.get', {}, { tables: ['cohorts', 'programs', 'enrollments', 'settings'] });
  const [folder, setFolder] = useState<string | null>(null);
  const { errors, capture, reset } = useErrors();
  const shown = folder ?? status.data?.folder ?? '';

  const run = async (action: () => Promise<{ cohortCount: number }>) => {
    reset();
    try {
      const result = await action();
      notifications.show({ color: 'teal', message: t('templates.feed.published', { count: result.cohortCount }) });
      status.refetch();
    } catch (error) {
      capture(error);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4}>{t('templates.feed.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('templates.feed.description')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('templates.feed.folder')}
          value={shown}
          onChange={(e) => setFolder(e.currentTarget.value)}
          error={errors['folder']}
          placeholder="/home/…/Dropbox/Public"
          style={{ flex: '1 1 320px' }}
        />
        <Button onClick={() => void run(() => api.call('openGroups.configure', { folder: shown }))}>{t('templates.feed.save')}</Button>
        {status.data?.folder && (
          <>
            <Button variant="light" onClick={() => void run(() => api.call('openGroups.publish', {}))}>
              {t('templates.feed.publish')}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => void run(() => api.call('openGroups.configure', { folder: null }))}>
              {t('templates.feed.stop')}
            </Button>
          </>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {status.data?.lastPublishedAt
          ? t('templates.feed.last', { when: format.date(status.data.lastPublishedAt, 'medium'), count: status.data.cohortCount })
          : t('templates.feed.never')}
      </Text>
    </Paper>
  );
}

export function TemplatesTab() {
  const canManage = useCan('workspace.manage');
  return (
    <Stack gap="lg">
      {canManage && <ReminderSettings />}
      <Templates />
      {canManage && <OpenGroupsFeed />}
    </Stack>
  );
}
