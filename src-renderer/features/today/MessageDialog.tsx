/**
 * Writing to one person or many from a template, through the school's own
 * channels: each rendered message offers its `mailto:` link, a WhatsApp link and
 * a copy button (for Viber or WeChat), and the whole batch can be saved as an
 * SMS gateway CSV. Tanoda cannot see whether a message really left, so the
 * person says so ("log as sent"), and that is when it lands on each client's
 * timeline and the reminder it answered goes away. The dialog holds the state
 * (language, template, channel, what was logged); MessageParts draws it.
 */
import { Alert, Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderedMessage, SendChannel, TemplateLanguage } from '../../../src-shared/api/today-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useSettings } from '../../shared/workspace';
import { cardLimit } from './ListSection';
import { BatchBar, RenderedMessageCard, SentViaPicker, TemplatePicker } from './MessageParts';
import { useTodayUi, type TodayDialog } from './store';

function defaultLanguage(locale: string): TemplateLanguage {
  const lower = locale.toLowerCase();
  return lower.startsWith('hu') ? 'hu' : lower.startsWith('zh') ? 'zh-CN' : 'en';
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
        <TemplatePicker
          language={language}
          onLanguage={(next) => {
            setLanguage(next);
            setTemplateId(null);
          }}
          choices={choices}
          templateId={templateId ?? rendered.data?.template.id ?? null}
          onTemplate={setTemplateId}
        />
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
        {messages.length > 1 && <BatchBar messages={messages} shown={Math.min(messages.length, cardLimit)} />}
        <ScrollArea.Autosize mah="55vh">
          <Stack gap="sm">
            {messages.slice(0, cardLimit).map((m) => (
              <RenderedMessageCard
                key={keyOf(m)}
                message={m}
                logged={logged.has(keyOf(m))}
                busy={busy}
                onLogSent={() => void logSent([m])}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="space-between" wrap="wrap">
          <SentViaPicker channel={channel} onChannel={setChannel} smsCsv={rendered.data?.smsCsv} />
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
