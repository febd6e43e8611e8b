/**
 * Writing to one person or many from a template, through the school's own
 * channels: each rendered message offers its `mailto:` link, a WhatsApp link and
 * a copy button (for Viber or WeChat), and the whole batch can be saved as an
 * SMS gateway CSV. Tanoda cannot see whether a message really left, so the
 * person says so ("log as sent"), and that is when it lands on each client's
 * timeline and the reminder it answered goes away.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconCopy, IconDownload, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  sendChannels,
  templateLanguages,
  type RenderedMessage,
  type SendChannel,
  type TemplateLanguage,
} from '../../../src-shared/api/today-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useSettings } from '../../app/workspace';
import { useTodayUi, type TodayDialog } from './store';

function defaultLanguage(locale: string): TemplateLanguage {
  const lower = locale.toLowerCase();
  return lower.startsWith('hu') ? 'hu' : lower.startsWith('zh') ? 'zh-CN' : 'en';
}

function downloadCsv(csv: string, name: string) {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function MessageDialog() {
  const { dialog } = useTodayUi();
  const open = dialog?.type === 'message' ? dialog : null;
  if (!open) return null;
  return <MessageDialogBody key={JSON.stringify(open.target)} target={open.target} reminders={open.reminders} />;
}

function MessageDialogBody({ target, reminders }: Omit<Extract<TodayDialog, { type: 'message' }>, 'type'>) {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const close = useTodayUi((s) => s.close);
  const [language, setLanguage] = useState<TemplateLanguage>(defaultLanguage(settings.locale));
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [channel, setChannel] = useState<SendChannel>('email');
  const [busy, setBusy] = useState(false);
  const [logged, setLogged] = useState<Set<string>>(new Set());

  const templates = useQuery('templates.list', { purpose: target.purpose }, { tables: ['message_templates'] });
  const choices = (templates.data ?? []).filter((tpl) => tpl.language === language);
  const rendered = useQuery('messages.render', templateId ? { ...target, templateId, purpose: undefined } : { ...target, language }, {
    tables: ['message_templates', 'settings'],
  });
  const messages = rendered.data?.messages ?? [];
  const keyOf = (m: RenderedMessage) => `${m.clientId}:${m.enrollmentId ?? ''}`;
  const pending = messages.filter((m) => !logged.has(keyOf(m)));

  const logSent = async (list: RenderedMessage[]) => {
    setBusy(true);
    try {
      const result = await api.call('messages.logSent', {
        channel,
        messages: list.map((m) => {
          const reminder = reminders[m.enrollmentId ?? ''] ?? reminders[m.clientId];
          return {
            clientId: m.clientId,
            enrollmentId: m.enrollmentId,
            text: m.subject ? `${m.subject}\n\n${m.body}` : m.body,
            ...(reminder ? { reminder } : {}),
          };
        }),
      });
      notifications.show({ color: 'teal', message: t('today.message.logged', { count: result.logged }) });
      const next = new Set(logged);
      for (const m of list) next.add(keyOf(m));
      setLogged(next);
      if (next.size >= messages.length) close();
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={close} title={rendered.data?.template.name ?? t('today.message.title')} size="xl" data-testid="message-dialog">
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t('today.message.language')}
            value={language}
            onChange={(v) => {
              setLanguage(v as TemplateLanguage);
              setTemplateId(null);
            }}
            data={templateLanguages.map((l) => ({ value: l, label: t(`today.message.languages.${l}`) }))}
          />
          {choices.length > 1 && (
            <Select
              label={t('today.message.template')}
              value={templateId ?? rendered.data?.template.id ?? null}
              onChange={setTemplateId}
              data={choices.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
              allowDeselect={false}
              w={260}
            />
          )}
        </Group>
        {rendered.error && (
          <Alert color="red" variant="light">
            {t(`errors.code.${rendered.error.code}`)} {rendered.error.message}
          </Alert>
        )}
        {rendered.data && rendered.data.unreachable.length > 0 && (
          <Alert color="yellow" variant="light">
            {t('today.message.unreachable', { names: rendered.data.unreachable.join(', ') })}
          </Alert>
        )}
        {rendered.data && messages.length === 0 && <Text c="dimmed">{t('today.message.none')}</Text>}
        <ScrollArea.Autosize mah="55vh">
          <Stack gap="sm">
            {messages.map((m) => (
              <Paper key={keyOf(m)} withBorder p="md" radius="md" data-testid="rendered-message" opacity={logged.has(keyOf(m)) ? 0.5 : 1}>
                <Group justify="space-between" mb={6} wrap="wrap">
                  <Text fw={600}>
                    {t('today.message.to')}: {m.recipientName}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {[m.email, m.phone].filter(Boolean).join(' · ') || t('today.message.noContact')}
                  </Text>
                </Group>
                {m.subject && (
                  <Text fw={500} size="sm" data-testid="message-subject">
                    {m.subject}
                  </Text>
                )}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="message-body">
                  {m.body}
                </Text>
                <Group gap="xs" mt="sm" wrap="wrap">
                  {m.mailto && (
                    <Button component="a" href={m.mailto} size="xs" variant="light" leftSection={<IconMail size={14} />}>
                      {t('today.message.email')}
                    </Button>
                  )}
                  {m.whatsapp && (
                    <Button
                      component="a"
                      href={m.whatsapp}
                      target="_blank"
                      rel="noreferrer"
                      size="xs"
                      variant="light"
                      color="green"
                      leftSection={<IconBrandWhatsapp size={14} />}
                    >
                      {t('today.message.whatsapp')}
                    </Button>
                  )}
                  <CopyButton value={m.body}>
                    {({ copied, copy }) => (
                      <Button
                        size="xs"
                        variant="light"
                        color={copied ? 'teal' : 'gray'}
                        leftSection={<IconCopy size={14} />}
                        onClick={copy}
                      >
                        {copied ? t('today.message.copied') : t('today.message.copy')}
                      </Button>
                    )}
                  </CopyButton>
                  {logged.has(keyOf(m)) ? (
                    <Badge color="teal" variant="light">
                      {t('today.message.logged', { count: 1 })}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="subtle" onClick={() => void logSent([m])} disabled={busy}>
                      {t('today.message.markSent')}
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs" align="center">
            <Text size="sm">{t('today.message.sentVia')}</Text>
            <Select
              aria-label={t('today.message.sentVia')}
              value={channel}
              onChange={(v) => setChannel((v as SendChannel | null) ?? 'email')}
              data={sendChannels.map((c) => ({ value: c, label: t(`today.message.channels.${c}`) }))}
              allowDeselect={false}
              w={150}
            />
            {rendered.data && rendered.data.smsCsv.includes('\n') && (
              <Anchor component="button" type="button" size="sm" onClick={() => downloadCsv(rendered.data!.smsCsv, 'sms.csv')}>
                <Group gap={4}>
                  <IconDownload size={14} />
                  {t('today.message.smsCsv')}
                </Group>
              </Anchor>
            )}
          </Group>
          <Group gap="sm">
            <Button variant="default" onClick={close}>
              {t('today.close')}
            </Button>
            <Button onClick={() => void logSent(pending)} disabled={pending.length === 0} loading={busy}>
              {t('today.message.markAllSent', { count: pending.length })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
