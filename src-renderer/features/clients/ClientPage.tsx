/**
 * One client, everything at once: contact (edited in place), guardian and
 * children with links between them, enrollments with their status history and
 * instalments, payments, the client's and the family's balance, the activity
 * timeline with a box to log a call or a note, the next follow-up date, and the
 * record's change history. Everything on it can be changed where it is seen:
 * "New enrollment" with this client chosen, each enrollment's menu (edit, plan,
 * move, follow-up) and payment, and refund for the owner. Everything comes from one `clients.get` and refetches
 * when any of its tables changes, so a payment recorded here or elsewhere shows
 * in the balance at once.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid as Layout,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCash,
  IconMail,
  IconMessage,
  IconNote,
  IconPencil,
  IconPhone,
  IconTrash,
  IconUser,
  IconWalk,
  IconArrowsExchange,
  IconChecklist,
  IconSchool,
  IconReceiptRefund,
  IconPackage,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, ClientBalance, ClientDetail, Payment } from '../../../src-shared/api/types';
import type { ActivityKind } from '../../../src-shared/domain';
import { formatPhone } from '../../../src-shared/phone';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings, type Formatters } from '../../shared/workspace';
import { RecordHistory } from '../audit';
import { ClientDataExport } from '../export';
import { EnrollmentChangeDialogs, openEnrollDialog } from '../enrollments';
import { RecordPaymentDialog, RefundDialog, VoidPaymentDialog, type RefundTarget } from '../payments';
import { EnrollmentsCard } from './ClientEnrollments';
import { isPackageLine, PackagesCard, packageLineText } from '../packages';
import { useClientsUi } from '../../stores/clients';
import { attendanceText, statusChangeText } from '../../shared/labels';
import type { TFunction } from 'i18next';
import { nameFieldOrder } from '../../../src-shared/names';
import { SourceChannelSelect, useListWord } from '../marketing';

const detailTables = [
  'clients',
  'enrollments',
  'enrollment_status_history',
  'instalments',
  'payments',
  'payment_allocations',
  'activities',
  'programs',
  'cohorts',
];

const activityIcons: Record<ActivityKind, ReactNode> = {
  call: <IconPhone size={12} />,
  message: <IconMessage size={12} />,
  visit: <IconWalk size={12} />,
  note: <IconNote size={12} />,
  status: <IconArrowsExchange size={12} />,
  attendance: <IconChecklist size={12} />,
  package: <IconPackage size={12} />,
};

export function ClientPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { closeClient } = useClientsUi();
  const detail = useQuery('clients.get', { id }, { tables: detailTables });
  /** The payment dialog: false when closed, true for the client, an id for one enrollment. */
  const [paying, setPaying] = useState<boolean | string>(false);
  const canPay = useCan('payments.write');

  if (detail.error && !detail.data) {
    return (
      <Stack>
        <BackLink onClick={closeClient} />
        <Alert color="red">{detail.error.code === 'NOT_FOUND' ? t('clients.notFound') : detail.error.message}</Alert>
      </Stack>
    );
  }
  const client = detail.data;
  if (!client) return <Skeleton h={400} />;

  return (
    <Stack gap="md" data-testid="client-page">
      <BackLink onClick={closeClient} />
      <Header client={client} onPay={canPay ? () => setPaying(true) : undefined} />
      <Layout gap="md">
        <Layout.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <ContactCard client={client} />
            <FamilyCard client={client} />
            <EnrollmentsCard client={client} onPay={canPay ? (enrollmentId) => setPaying(enrollmentId) : undefined} />
          </Stack>
        </Layout.Col>
        <Layout.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <BalanceCard client={client} onPay={canPay ? () => setPaying(true) : undefined} />
            <PackagesCard
              clientId={client.id}
              enrollments={client.enrollments.map((e) => ({
                id: e.id,
                label: e.cohortName ? `${e.programName} (${e.cohortName})` : e.programName,
                grouped: e.cohortId !== null,
              }))}
            />
            <PaymentsCard client={client} />
            <ActivityCard client={client} />
            <Card withBorder padding="md">
              <Text fw={600} size="sm" mb="xs">
                {t('clients.history_audit')}
              </Text>
              <RecordHistory table="clients" id={client.id} />
            </Card>
          </Stack>
        </Layout.Col>
      </Layout>
      {paying !== false && (
        <RecordPaymentDialog
          clientId={client.id}
          {...(typeof paying === 'string' ? { enrollmentId: paying } : {})}
          onClose={() => setPaying(false)}
        />
      )}
      <EnrollmentChangeDialogs />
    </Stack>
  );
}

function BackLink({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" size="sm" onClick={onClick} style={{ alignSelf: 'flex-start' }} data-testid="client-back">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('clients.back')}
      </Group>
    </Anchor>
  );
}

function Header({ client, onPay }: { client: ClientDetail; onPay: (() => void) | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const canDelete = useCan('records.delete');
  const canEnroll = useCan('enrollments.write');
  const { closeClient } = useClientsUi();
  const [confirming, setConfirming] = useState(false);
  const format = useFormat();
  const followUps = client.enrollments
    .filter((e) => e.followUpOn && !['declined', 'cancelled', 'completed'].includes(e.status))
    .map((e) => e.followUpOn as string)
    .sort();
  const remove = async () => {
    await api.call('clients.delete', { id: client.id });
    notifications.show({ message: t('clients.deleted', { name: client.displayName }) });
    setConfirming(false);
    closeClient();
  };
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div>
        <Title order={2} data-testid="client-name">
          {client.displayName}
        </Title>
        <Group gap={6} mt={4}>
          {client.tags.map((tag) => (
            <Badge key={tag} size="sm" variant="light" color="gray">
              {tag}
            </Badge>
          ))}
          <Text size="sm" c={followUps[0] ? undefined : 'dimmed'}>
            {t('clients.followUp')}: {followUps[0] ? format.date(followUps[0], 'full') : t('clients.noFollowUp')}
          </Text>
        </Group>
      </div>
      <Group gap="xs">
        <ClientDataExport clientId={client.id} />
        {canEnroll && (
          <Button
            variant="light"
            leftSection={<IconSchool size={16} />}
            onClick={() => openEnrollDialog({ clientId: client.id, clientName: client.displayName })}
            data-testid="client-enroll"
          >
            {t('enroll.open')}
          </Button>
        )}
        {onPay && (
          <Button leftSection={<IconCash size={16} />} onClick={onPay} data-testid="client-record-payment">
            {t('clients.recordPayment')}
          </Button>
        )}
        {canDelete && (
          <Tooltip label={t('clients.delete')}>
            <ActionIcon variant="default" size="lg" aria-label={t('clients.delete')} onClick={() => setConfirming(true)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('clients.deleteTitle', { name: client.displayName })}>
        <Text size="sm">{t('clients.deleteText')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('clients.cancel')}
          </Button>
          <Button color="red" onClick={() => void remove()} data-testid="client-delete-confirm">
            {t('clients.delete')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

type ContactField = 'firstName' | 'lastName' | 'displayName' | 'phone' | 'email' | 'birthDate' | 'sourceChannel' | 'notes';

/** One field of the contact editor: the source channel from the school's list, the others typed. */
function ContactInput({
  field,
  value,
  error,
  onChange,
}: {
  field: { key: ContactField; label: string };
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}) {
  if (field.key === 'sourceChannel')
    return <SourceChannelSelect size="xs" value={value} error={error} onChange={onChange} data-testid="client-source" />;
  return (
    <TextInput
      size="xs"
      label={field.label}
      type={field.key === 'birthDate' ? 'date' : 'text'}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

function ContactCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const listWord = useListWord();
  const api = useApi();
  const { country, locale } = useSettings();
  const format = useFormat();
  const canWrite = useCan('clients.write');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<ContactField, string>>({} as Record<ContactField, string>);
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const fields: { key: ContactField; label: string }[] = [
    ...nameFieldOrder(locale).map((key) => ({ key, label: t(`clients.col.${key}`) })),
    { key: 'displayName', label: t('clients.col.name') },
    { key: 'phone', label: t('clients.col.phone') },
    { key: 'email', label: t('clients.col.email') },
    { key: 'birthDate', label: t('clients.col.birthDate') },
    { key: 'sourceChannel', label: t('clients.col.source') },
  ];
  const start = () => {
    const next = {} as Record<ContactField, string>;
    for (const f of [...fields.map((x) => x.key), 'notes' as const])
      next[f] = (f === 'phone' && client.phone ? formatPhone(client.phone, country) : (client[f] ?? '')) as string;
    setDraft(next);
    setErrors({});
    setEditing(true);
  };
  const save = async () => {
    const changes: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(draft)) {
      const before = key === 'phone' && client.phone ? formatPhone(client.phone, country) : (client[key as ContactField] ?? '');
      if (value !== before) changes[key] = value.trim() === '' ? null : value;
    }
    try {
      if (Object.keys(changes).length > 0) await api.call('clients.update', { id: client.id, ...changes });
      setEditing(false);
      notifications.show({ message: t('clients.saved'), autoClose: 1200 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Partial<Record<ContactField, string>> = {};
      for (const [key, field] of Object.entries(error.byField())) {
        next[key as ContactField] = t([`clients.errors.${key}.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      }
      if (Object.keys(next).length === 0) next.displayName = t(`errors.code.${error.code}`);
      setErrors(next);
    }
  };

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('clients.contact')}
        </Text>
        {canWrite && !editing && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={start} data-testid="client-edit">
            {t('clients.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {fields.map((f) => (
              <ContactInput
                key={f.key}
                field={f}
                value={draft[f.key]}
                error={errors[f.key]}
                onChange={(value) => setDraft({ ...draft, [f.key]: value })}
              />
            ))}
          </SimpleGrid>
          <Textarea
            size="xs"
            mt="xs"
            label={t('clients.col.notes')}
            autosize
            minRows={2}
            value={draft.notes}
            onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
          />
          <Group justify="flex-end" mt="sm" gap="xs">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              {t('clients.cancel')}
            </Button>
            <Button size="xs" type="submit" data-testid="client-save">
              {t('clients.save')}
            </Button>
          </Group>
        </form>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} verticalSpacing={6}>
          <Fact icon={<IconPhone size={14} />} label={t('clients.col.phone')}>
            {client.phone ? <Anchor href={`tel:${client.phone}`}>{formatPhone(client.phone, country)}</Anchor> : '—'}
          </Fact>
          <Fact icon={<IconMail size={14} />} label={t('clients.col.email')}>
            {client.email ? <Anchor href={`mailto:${client.email}`}>{client.email}</Anchor> : '—'}
          </Fact>
          <Fact label={t('clients.col.birthDate')}>{client.birthDate ? format.date(client.birthDate) : '—'}</Fact>
          <Fact label={t('clients.col.source')}>{client.sourceChannel ? listWord('channel', client.sourceChannel) : '—'}</Fact>
          {client.notes && (
            <Text size="sm" style={{ gridColumn: '1 / -1', whiteSpace: 'pre-wrap' }}>
              {client.notes}
            </Text>
          )}
        </SimpleGrid>
      )}
    </Card>
  );
}

function Fact({ label, icon, children }: { label: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={6} wrap="nowrap">
        {icon}
        <Text size="sm" component="div">
          {children}
        </Text>
      </Group>
    </div>
  );
}

function ClientLink({ id, name }: { id: string; name: string }) {
  const openClient = useClientsUi((s) => s.openClient);
  return (
    <Anchor component="button" size="sm" onClick={() => openClient(id)}>
      <Group gap={4} wrap="nowrap">
        <IconUser size={12} />
        {name}
      </Group>
    </Anchor>
  );
}

function FamilyCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={2}>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('clients.guardian')}
          </Text>
          {client.guardian ? (
            <ClientLink id={client.guardian.id} name={client.guardian.displayName} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('clients.noGuardian')}
            </Text>
          )}
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('clients.children')}
          </Text>
          {client.children.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('clients.noChildren')}
            </Text>
          ) : (
            <Stack gap={2}>
              {client.children.map((c) => (
                <ClientLink key={c.id} id={c.id} name={c.displayName} />
              ))}
            </Stack>
          )}
        </div>
      </SimpleGrid>
    </Card>
  );
}

function BalanceFigures({ balance, testId }: { balance: ClientBalance; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figure = (label: string, minor: number, color?: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {format.money(minor)}
      </Text>
    </div>
  );
  return (
    <SimpleGrid cols={4} spacing="xs" data-testid={testId}>
      {figure(t('clients.owes'), balance.balanceMinor, balance.balanceMinor > 0 ? undefined : 'dimmed')}
      {figure(t('clients.overdueAmount'), balance.overdueMinor, balance.overdueMinor > 0 ? 'red' : 'dimmed')}
      {figure(t('clients.paid'), balance.paidMinor)}
      {figure(t('clients.dueTotal'), balance.dueTotalMinor)}
    </SimpleGrid>
  );
}

function BalanceCard({ client, onPay }: { client: ClientDetail; onPay: (() => void) | undefined }) {
  const { t } = useTranslation();
  const seesMoney = useCan('payments.read');
  if (!seesMoney) return null;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('clients.balanceTitle')}
        </Text>
        {onPay && (
          <Button size="compact-xs" variant="light" leftSection={<IconCash size={12} />} onClick={onPay}>
            {t('clients.recordPayment')}
          </Button>
        )}
      </Group>
      <BalanceFigures balance={client.balance} testId="client-balance" />
      {client.children.length > 0 && client.familyBalance && (
        <>
          <Text size="xs" fw={600} mt="sm" mb={4}>
            {t('clients.family')}
          </Text>
          <BalanceFigures balance={client.familyBalance} testId="client-family-balance" />
        </>
      )}
    </Card>
  );
}

function PaymentsCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const seesMoney = useCan('payments.read');
  const canVoid = useCan('payments.void');
  const [voiding, setVoiding] = useState<Payment | null>(null);
  const [refunding, setRefunding] = useState<RefundTarget | null>(null);
  if (!seesMoney) return null;
  const enrollmentChoices = client.enrollments.map((e) => ({
    value: e.id,
    label: `${e.programName}${e.cohortName ? ` · ${e.cohortName}` : ''}`,
  }));
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('clients.paymentsTitle')}
        </Text>
        {canVoid && client.balance.paidMinor > 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="orange"
            leftSection={<IconReceiptRefund size={12} />}
            onClick={() => setRefunding({ clientId: client.id, clientName: client.displayName, enrollmentChoices })}
            data-testid="client-refund"
          >
            {t('payments.money.refund')}
          </Button>
        )}
      </Group>
      {client.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.noPayments')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} data-testid="client-payments">
          <Table.Tbody>
            {client.payments.map((p) => (
              <Table.Tr key={p.id} style={{ opacity: p.voidedAt ? 0.55 : 1 }}>
                <Table.Td>{format.date(p.paidOn)}</Table.Td>
                <Table.Td>{t(`payments.method.${p.method}`)}</Table.Td>
                <Table.Td
                  ta="right"
                  style={{ fontVariantNumeric: 'tabular-nums', textDecoration: p.voidedAt ? 'line-through' : undefined }}
                >
                  {format.money(p.amountMinor)}
                </Table.Td>
                <Table.Td ta="right" w={120}>
                  {p.voidedAt ? (
                    <Tooltip label={p.voidReason ?? ''}>
                      <Badge size="xs" color="gray">
                        {t('clients.voided')}
                      </Badge>
                    </Tooltip>
                  ) : canVoid ? (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setVoiding(p)}>
                      {t('payments.void')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {voiding && <VoidPaymentDialog payment={voiding} onClose={() => setVoiding(null)} />}
      {refunding && <RefundDialog target={refunding} onClose={() => setRefunding(null)} />}
    </Card>
  );
}

/** A timeline line in the interface language: status changes, roll call and package lines carry codes, notes are as written. */
function activityText(a: Activity, t: TFunction, format: Formatters): string {
  if (isPackageLine(a.kind, a.summary)) return packageLineText(a.summary, t, format);
  if (a.kind === 'status') return statusChangeText(a.summary, t);
  return a.kind === 'attendance' ? attendanceText(a.summary, t) : a.summary;
}

function ActivityCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canWrite = useCan('clients.write');
  const [kind, setKind] = useState<Exclude<ActivityKind, 'status'>>('call');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The page opens with the newest entries; "show all" reads the whole timeline (`activities.list`),
  // kept for as long as the client and the number of entries stay the same.
  const timelineKey = `${client.id}:${client.activityCount}`;
  const [whole, setWhole] = useState<{ key: string; activities: Activity[] } | null>(null);
  const shown = whole?.key === timelineKey ? whole.activities : client.activities;
  const showAll = async () => {
    const activities = await api.call('activities.list', { clientId: client.id });
    setWhole({ key: timelineKey, activities });
  };
  const add = async () => {
    try {
      await api.call('activities.create', { clientId: client.id, kind, summary });
      setSummary('');
      setError(null);
      notifications.show({ message: t('clients.activityAdded'), autoClose: 1200 });
    } catch (e) {
      const field = e instanceof ApiError ? e.byField()['summary'] : undefined;
      setError(field ? t([`errors.field.${field.code}`, 'errors.field.invalid']) : String(e));
    }
  };
  return (
    <Card withBorder padding="md">
      <Text fw={600} size="sm" mb="xs">
        {t('clients.activity')}
      </Text>
      {canWrite && (
        <Stack gap={6} mb="sm">
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setKind(v as typeof kind)}
            data={(['call', 'message', 'visit', 'note'] as const).map((k) => ({ value: k, label: t(`clients.activityKind.${k}`) }))}
          />
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Textarea
              size="xs"
              autosize
              minRows={1}
              style={{ flex: 1 }}
              placeholder={t('clients.activityPlaceholder')}
              aria-label={t('clients.activity')}
              value={summary}
              error={error}
              onChange={(e) => setSummary(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
              }}
              data-testid="activity-summary"
            />
            <Button size="xs" onClick={() => void add()} data-testid="activity-add">
              {t('clients.addActivity')}
            </Button>
          </Group>
        </Stack>
      )}
      {client.activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.noActivity')}
        </Text>
      ) : (
        <Timeline bulletSize={20} lineWidth={1} data-testid="client-activities">
          {shown.map((a) => (
            <Timeline.Item
              key={a.id}
              data-testid="client-activity"
              bullet={activityIcons[a.kind]}
              title={<Text size="xs" c="dimmed">{`${t(`clients.activityKind.${a.kind}`)} · ${format.date(a.occurredAt, 'medium')}`}</Text>}
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {activityText(a, t, format)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {shown.length < client.activityCount && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => void showAll()} data-testid="activities-all">
          {t('clients.allActivity', { count: client.activityCount })}
        </Button>
      )}
    </Card>
  );
}
