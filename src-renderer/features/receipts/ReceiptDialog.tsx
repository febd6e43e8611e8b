/**
 * A payment's receipt: issue it (the main process gives it this computer's next
 * number), see it as it prints, save it as PDF through Chromium's print (the page
 * is one self-contained HTML document, so Hungarian and Chinese names print with
 * the system's fonts; while it is open, printing the window — the app's File ›
 * Save as PDF…, Electron's printToPDF — prints the receipt alone), hand it to the mail client with a `mailto:` link filled in
 * the receipt's language, void it with a reason (the number stays used) and open
 * the earlier, voided ones again. Voiding needs `payments.void`; the API checks
 * every step again.
 */
import { Alert, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPrinter } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../src-shared/api/receipts-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import './receipt-print.css';

const receiptLanguages = ['hu', 'en', 'zh', 'de', 'fr', 'ru'] as const;
const tables = ['receipts', 'payments', 'clients', 'settings'];

function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    const field = error.fields[0];
    return field
      ? t([`receipts.errors.${field.code}`, `errors.field.${field.code}`, `errors.code.${error.code}`])
      : t(`errors.code.${error.code}`);
  };
}

function IssueForm({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const errorText = useErrorText();
  const [language, setLanguage] = useState<string>(settings.locale.split('-')[0] ?? 'en');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      const locale = language === settings.locale.split('-')[0] ? settings.locale : language === 'zh' ? 'zh-CN' : language;
      const receipt = await api.call('receipts.issue', { paymentId, locale });
      notifications.show({ color: 'teal', message: t('receipts.issued', { number: receipt.number }) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('receipts.none')}</Text>
      <Group align="flex-end">
        <Select
          label={t('receipts.language')}
          data={receiptLanguages.map((l) => ({ value: l, label: t(`receipts.languages.${l}`) }))}
          value={language}
          onChange={(v) => v && setLanguage(v)}
          allowDeselect={false}
          w={220}
          data-testid="receipt-language"
        />
        <Button onClick={() => void issue()} loading={busy} data-testid="receipt-issue">
          {t('receipts.issue')}
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}

function VoidForm({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await api.call('receipts.void', { id: receipt.id, reason });
      notifications.show({ message: t('receipts.voided', { number: receipt.number }) });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Group align="flex-start" wrap="nowrap">
      <TextInput
        placeholder={t('receipts.voidReason')}
        aria-label={t('receipts.voidReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error}
        style={{ flex: 1 }}
        data-testid="receipt-void-reason"
      />
      <Button color="red" variant="light" onClick={() => void submit()} data-testid="receipt-void">
        {t('receipts.void')}
      </Button>
    </Group>
  );
}

function ReceiptPreview({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const canVoid = useCan('payments.void');
  const frame = useRef<HTMLIFrameElement>(null);
  const document = useQuery('receipts.document', { id: receipt.id }, { tables });
  const doc = document.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600} data-testid="receipt-number">
            {receipt.number}
          </Text>
          {receipt.voidedAt && <Badge color="red">{t('receipts.voidBadge')}</Badge>}
        </Group>
        <Group gap="xs">
          <Button
            leftSection={<IconPrinter size={16} />}
            onClick={() => frame.current?.contentWindow?.print()}
            disabled={!doc}
            data-testid="receipt-print"
          >
            {t('receipts.print')}
          </Button>
          {doc?.mailto ? (
            <Button component="a" href={doc.mailto} variant="light" leftSection={<IconMail size={16} />} data-testid="receipt-email">
              {t('receipts.email')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {doc?.mailto ? t('receipts.printHint') : t('receipts.noEmail')}
      </Text>
      {doc && (
        <iframe
          ref={frame}
          title={receipt.number}
          srcDoc={doc.html}
          sandbox="allow-modals allow-same-origin"
          style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', background: 'white' }}
          data-testid="receipt-frame"
          data-receipt-print
        />
      )}
      {canVoid && !receipt.voidedAt && <VoidForm receipt={receipt} />}
    </Stack>
  );
}

export function ReceiptDialog({ paymentId, onClose }: { paymentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery('receipts.list', { paymentId }, { tables });
  const [chosen, setChosen] = useState<string | null>(null);
  const receipts = list.data ?? [];
  const live = receipts.find((r) => r.voidedAt === null);
  const shown = receipts.find((r) => r.id === chosen) ?? live ?? null;
  const earlier = receipts.filter((r) => r.voidedAt !== null);
  return (
    <Modal opened onClose={onClose} title={t('receipts.title')} size="xl" data-testid="receipt-dialog">
      <Stack gap="md">
        {list.error && <Alert color="red">{t(`errors.code.${list.error.code}`)}</Alert>}
        {list.data && !live && <IssueForm paymentId={paymentId} />}
        {shown && <ReceiptPreview key={shown.id} receipt={shown} />}
        {earlier.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('receipts.earlier')}
            </Text>
            {earlier.map((r) => (
              <Group key={r.id} gap="xs">
                <Text size="sm">{r.number}</Text>
                <Badge size="xs" color="red">
                  {t('receipts.voidBadge')}
                </Badge>
                <Text size="xs" c="dimmed">
                  {format.date(r.issuedOn)} · {r.voidReason}
                </Text>
                <Button size="compact-xs" variant="subtle" onClick={() => setChosen(r.id)}>
                  {t('receipts.show')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('receipts.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
