/**
 * The parts of the message dialog: the language and template picker at the top,
 * one card per rendered message with the ways to send it (e-mail link, WhatsApp
 * link, copy for Viber or WeChat) and its "log as sent", and the footer with the
 * channel the messages went through and the SMS gateway CSV. They only display
 * what the dialog holds, so which messages are logged is decided in one place.
 */
import { Anchor, Badge, Button, CopyButton, Group, Paper, Select, SegmentedControl, Text } from '@mantine/core';
import { IconBrandWhatsapp, IconCopy, IconDownload, IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  sendChannels,
  templateLanguages,
  type MessageTemplate,
  type RenderedMessage,
  type SendChannel,
  type TemplateLanguage,
} from '../../../src-shared/api/today-methods';

interface TemplatePickerProps {
  language: TemplateLanguage;
  onLanguage: (language: TemplateLanguage) => void;
  /** The templates in the chosen language; a picker shows only when there is a choice. */
  choices: readonly MessageTemplate[];
  templateId: string | null;
  onTemplate: (id: string | null) => void;
}

export function TemplatePicker({ language, onLanguage, choices, templateId, onTemplate }: TemplatePickerProps) {
  const { t } = useTranslation();
  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label={t('today.message.language')}
        value={language}
        onChange={(v) => onLanguage(v as TemplateLanguage)}
        data={templateLanguages.map((l) => ({ value: l, label: t(`today.message.languages.${l}`) }))}
      />
      {choices.length > 1 && (
        <Select
          label={t('today.message.template')}
          value={templateId}
          onChange={onTemplate}
          data={choices.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          allowDeselect={false}
          w={260}
        />
      )}
    </Group>
  );
}

interface RenderedMessageCardProps {
  message: RenderedMessage;
  logged: boolean;
  busy: boolean;
  onLogSent: () => void;
}

/** One message as it will be sent, with the links that send it and the button that logs it. */
export function RenderedMessageCard({ message: m, logged, busy, onLogSent }: RenderedMessageCardProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="rendered-message" opacity={logged ? 0.5 : 1}>
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
            <Button size="xs" variant="light" color={copied ? 'teal' : 'gray'} leftSection={<IconCopy size={14} />} onClick={copy}>
              {copied ? t('today.message.copied') : t('today.message.copy')}
            </Button>
          )}
        </CopyButton>
        {logged ? (
          <Badge color="teal" variant="light">
            {t('today.message.logged', { count: 1 })}
          </Badge>
        ) : (
          <Button size="xs" variant="subtle" onClick={onLogSent} disabled={busy}>
            {t('today.message.markSent')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** One CSV row per message (name, e-mail, phone, subject, text), quoted for any spreadsheet or mail merge. */
export function messagesCsv(messages: readonly RenderedMessage[]): string {
  const cell = (value: string | null) => `"${(value ?? '').replace(/"/g, '""')}"`;
  const rows = messages.map((m) => [m.recipientName, m.email, m.phone, m.subject, m.body].map(cell).join(','));
  return ['name,email,phone,subject,message', ...rows].join('\r\n');
}

/**
 * "Remind all" as one batch: every rendered message in one file (and a count of
 * how many the dialog shows), instead of one click per person down a long list.
 */
export function BatchBar({ messages, shown }: { messages: readonly RenderedMessage[]; shown: number }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="message-batch">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed">
          {t('today.message.batchHint', { shown, count: messages.length })}
        </Text>
        <Button
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => downloadCsv(messagesCsv(messages), 'messages.csv')}
          data-testid="message-batch-csv"
        >
          {t('today.message.batchCsv', { count: messages.length })}
        </Button>
      </Group>
    </Paper>
  );
}

function downloadCsv(csv: string, name: string) {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The channel the messages went through, and the SMS gateway CSV when there is at least one row. */
export function SentViaPicker({
  channel,
  onChannel,
  smsCsv,
}: {
  channel: SendChannel;
  onChannel: (c: SendChannel) => void;
  smsCsv?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="center">
      <Text size="sm">{t('today.message.sentVia')}</Text>
      <Select
        aria-label={t('today.message.sentVia')}
        value={channel}
        onChange={(v) => onChannel((v as SendChannel | null) ?? 'email')}
        data={sendChannels.map((c) => ({ value: c, label: t(`today.message.channels.${c}`) }))}
        allowDeselect={false}
        w={150}
      />
      {smsCsv !== undefined && smsCsv.includes('\n') && (
        <Anchor component="button" type="button" size="sm" onClick={() => downloadCsv(smsCsv, 'sms.csv')}>
          <Group gap={4}>
            <IconDownload size={14} />
            {t('today.message.smsCsv')}
          </Group>
        </Anchor>
      )}
    </Group>
  );
}
