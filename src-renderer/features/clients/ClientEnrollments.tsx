/**
 * The client page's enrollments: each one with its status history, its
 * follow-up date, and (for roles that see money) its instalments — and the
 * actions that change it later where it is seen: the enrollment's menu (edit,
 * plan, move to another group, follow-up) and "Record payment" for that
 * enrollment, prefilled with what it owes next. Kept apart from ClientPage so
 * the page stays a shell of cards.
 */
import { Anchor, Badge, Button, Card, Divider, Group, Stack, Table, Text } from '@mantine/core';
import { IconCash, IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail, EnrollmentDetail } from '../../../src-shared/api/types';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { EnrollmentMenu, openEnrollmentChange } from '../enrollments';

const instalmentColors = { paid: 'teal', partial: 'yellow', due: 'blue', overdue: 'red', upcoming: 'gray' } as const;
const closedStatuses = ['declined', 'cancelled', 'completed', 'transferred'];

function FollowUpLine({ enrollment }: { enrollment: EnrollmentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan('enrollments.write');
  if (closedStatuses.includes(enrollment.status)) return null;
  return (
    <Group gap={6} mt={4}>
      <IconPhoneCall size={12} />
      <Text size="xs" c={enrollment.followUpOn ? undefined : 'dimmed'} data-testid="enrollment-follow-up">
        {t('enrollments.columns.followUp')}: {enrollment.followUpOn ? format.date(enrollment.followUpOn) : '—'}
      </Text>
      {canWrite && (
        <Anchor
          component="button"
          size="xs"
          onClick={() => openEnrollmentChange('followUp', enrollment.id)}
          data-testid="client-set-follow-up"
        >
          {t('enrollments.change.followUp')}
        </Anchor>
      )}
    </Group>
  );
}

function Instalments({ enrollment }: { enrollment: EnrollmentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table mt={6} fz="xs" verticalSpacing={2} data-testid="client-instalments">
      <Table.Tbody>
        {enrollment.balance.instalments.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{t('clients.due', { date: format.date(i.dueOn) })}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('clients.paidOf', { paid: format.money(i.paidMinor), amount: format.money(i.amountMinor) })}
            </Table.Td>
            <Table.Td ta="right">
              <Badge size="xs" variant="light" color={instalmentColors[i.state]}>
                {t(`clients.instalmentState.${i.state}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EnrollmentBlock({
  enrollment,
  name,
  onPay,
}: {
  enrollment: EnrollmentDetail;
  name: string;
  onPay: ((enrollmentId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const seesMoney = useCan('payments.read');
  const owes = enrollment.balance.balanceMinor > 0 && !closedStatuses.includes(enrollment.status);
  return (
    <div data-testid="client-enrollment" data-enrollment-id={enrollment.id}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text fw={600} size="sm">
            {enrollment.programName}
            {enrollment.cohortName ? ` · ${enrollment.cohortName}` : ''}
          </Text>
          {enrollment.cohortStartOn && (
            <Text size="xs" c="dimmed">
              {format.date(enrollment.cohortStartOn)}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="nowrap">
          <Badge variant="light">{t(`clients.status.${enrollment.status}`)}</Badge>
          {seesMoney && (
            <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="client-enrollment-price">
              {format.money(enrollment.agreedPriceMinor - enrollment.discountMinor)}
            </Text>
          )}
          <EnrollmentMenu enrollmentId={enrollment.id} status={enrollment.status} name={name} />
        </Group>
      </Group>
      {enrollment.history.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('clients.history')}:{' '}
          {enrollment.history.map((h) => `${t(`clients.status.${h.toStatus}`)} (${format.date(h.changedAt, 'short')})`).join(' → ')}
        </Text>
      )}
      <FollowUpLine enrollment={enrollment} />
      {seesMoney && enrollment.balance.instalments.length > 0 && <Instalments enrollment={enrollment} />}
      {onPay && seesMoney && owes && (
        <Button
          size="compact-xs"
          variant="subtle"
          mt={4}
          leftSection={<IconCash size={12} />}
          onClick={() => onPay(enrollment.id)}
          data-testid="client-enrollment-pay"
        >
          {t('clients.recordPayment')}
        </Button>
      )}
    </div>
  );
}

export function EnrollmentsCard({ client, onPay }: { client: ClientDetail; onPay: ((enrollmentId: string) => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Text fw={600} size="sm" mb="xs">
        {t('clients.enrollmentsTitle')}
      </Text>
      {client.enrollments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.noEnrollments')}
        </Text>
      ) : (
        <Stack gap="sm">
          {client.enrollments.map((e, i) => (
            <div key={e.id}>
              {i > 0 && <Divider mb="sm" />}
              <EnrollmentBlock enrollment={e} name={client.displayName} onPay={onPay} />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
