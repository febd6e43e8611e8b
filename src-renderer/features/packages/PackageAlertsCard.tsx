/**
 * Today's packages card: packages running low, taken on credit, or ending soon,
 * as today.get carries them (said in lessons, so any role that sees Today may
 * read it); a name opens the client's page. The owner also sees the school's
 * liability, lessons paid for and not yet given, which is a sum of money across
 * clients and so is asked for only with `finance.read`.
 */
import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PackageAlert } from '../../../src-shared/api/packages-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';
import { packageTables } from './PackagesCard';

const colors = { credit: 'red', low: 'orange', expiring: 'yellow' } as const;

function Liability() {
  const { t } = useTranslation();
  const format = useFormat();
  const liability = useQuery('packages.liability', {}, { tables: packageTables });
  if (!liability.data || liability.data.activePackages === 0) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="package-liability">
      {t('packages.alerts.liability', { amount: format.money(liability.data.liabilityMinor), count: liability.data.lessonsOwed })}
    </Text>
  );
}

function AlertLine({ alert }: { alert: PackageAlert }) {
  const { t } = useTranslation();
  const open = () => {
    useClientsUi.getState().openClient(alert.clientId);
    useUiStore.getState().openSection('clients');
  };
  const text =
    alert.kind === 'credit'
      ? t('packages.alerts.credit', { count: -alert.lessonsLeft })
      : alert.kind === 'low'
        ? t('packages.alerts.low', { count: alert.lessonsLeft })
        : t('packages.alerts.expiring', { count: alert.daysLeft ?? 0 });
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="package-alert">
      <div>
        <Anchor component="button" size="sm" fw={500} onClick={open}>
          {alert.clientName}
        </Anchor>
        {alert.programName && (
          <Text size="xs" c="dimmed">
            {alert.programName}
          </Text>
        )}
      </div>
      <Badge color={colors[alert.kind]} variant="light">
        {text}
      </Badge>
    </Group>
  );
}

export function PackageAlertsCard({ alerts }: { alerts: readonly PackageAlert[] | undefined }) {
  const { t } = useTranslation();
  const ownerSees = useCan('finance.read');
  if (!alerts) return null;
  return (
    <Card withBorder padding="md" data-testid="package-alerts">
      <Group gap="xs" mb="xs">
        <IconPackage size={18} />
        <Text fw={600} size="sm">
          {t('packages.alerts.title')}
        </Text>
      </Group>
      <Stack gap={6}>
        {alerts.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('packages.alerts.none')}
          </Text>
        )}
        {alerts.slice(0, 30).map((alert) => (
          <AlertLine key={`${alert.kind}-${alert.packageId}`} alert={alert} />
        ))}
        {ownerSees && <Liability />}
      </Stack>
    </Card>
  );
}
