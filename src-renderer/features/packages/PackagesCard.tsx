/**
 * The client page's packages card: every package the client may use (their own,
 * their guardian's shared one, their enrollments'), with what is left in lessons
 * (and money, for a money package), its end and its freezes; selling, freezing,
 * ending or taking back a freeze, and booking a make-up for one of the client's
 * groups start here. Balances come
 * from the main process, worked out from roll call on every read.
 */
import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPackage, IconPlayerPause, IconPlayerPlay, IconRepeat, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageFreezeView, PackageView } from '../../../src-shared/api/packages-methods';
import { todayIn } from '../../../src-shared/dates';
import { useApi, useQuery } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import { MakeupDialog } from './MakeupDialog';
import { FreezeDialog, SellPackageDialog, type EnrollmentChoice } from './PackageDialogs';

export const packageTables = ['packages', 'package_freezes', 'attendance', 'lessons', 'enrollments', 'clients', 'settings'];

function Balance({ pkg }: { pkg: PackageView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (pkg.remaining < 0)
    return (
      <Badge color="red" variant="light" data-testid="package-balance">
        {t('packages.onCredit', { count: pkg.unit === 'lessons' ? -pkg.remaining : Math.ceil(-pkg.lessonsLeft) })}
      </Badge>
    );
  const color = pkg.lessonsLeft <= 2 ? 'orange' : 'teal';
  return (
    <Badge color={color} variant="light" data-testid="package-balance">
      {pkg.unit === 'lessons'
        ? `${t('packages.lessonsLeft', { count: pkg.remaining })} ${t('packages.of', { count: pkg.quantity })}`
        : t('packages.moneyLeft', { amount: format.money(pkg.remaining) })}
    </Badge>
  );
}

/** The package's freezes, each with "end now" while it runs and "remove" (from its first day) for a mistaken one. */
function FreezeList({
  pkg,
  today,
  onUnfreeze,
}: {
  pkg: PackageView;
  today: string;
  onUnfreeze?: (freeze: PackageFreezeView, from: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (pkg.freezes.length === 0) return null;
  return (
    <Stack gap={2} mt={4} data-testid="package-freezes">
      {pkg.freezes.map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap" data-testid="package-freeze">
          <Text size="xs" c="blue">
            {t('packages.freezeRange', { from: format.date(f.startsOn), to: format.date(f.endsOn) })}
            {f.note ? ` · ${f.note}` : ''}
          </Text>
          {onUnfreeze && f.startsOn < today && today <= f.endsOn && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlayerPlay size={12} />}
              onClick={() => onUnfreeze(f, today)}
              data-testid="freeze-end"
            >
              {t('packages.endFreeze')}
            </Button>
          )}
          {onUnfreeze && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={12} />}
              onClick={() => onUnfreeze(f, f.startsOn)}
              data-testid="freeze-remove"
            >
              {t('packages.removeFreeze')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

interface RowActions {
  onFreeze?: () => void;
  onDelete?: () => void;
  onUnfreeze?: (freeze: PackageFreezeView, from: string) => void;
}

function PackageRow({ pkg, today, onFreeze, onDelete, onUnfreeze }: { pkg: PackageView; today: string } & RowActions) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = pkg.usableUntil ? t('packages.until', { date: format.date(pkg.usableUntil) }) : t('packages.noExpiry');
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" data-testid="package-row">
      <div>
        <Group gap={6}>
          <Balance pkg={pkg} />
          {pkg.expired && <Badge color="gray">{t('packages.expired')}</Badge>}
          {pkg.frozenNow && <Badge color="blue">{t('packages.frozenNow')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {pkg.enrollmentLabel ? `${t('packages.forEnrollment')}: ${pkg.enrollmentLabel}` : `${t('packages.shared')} (${pkg.holderName})`}
          {pkg.programName && !pkg.enrollmentLabel ? ` · ${pkg.programName}` : ''} · {format.date(pkg.startsOn)} – {when} ·{' '}
          {format.money(pkg.priceMinor)}
        </Text>
        <FreezeList pkg={pkg} today={today} onUnfreeze={onUnfreeze} />
      </div>
      {(onFreeze || onDelete) && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('packages.title')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {onFreeze && (
              <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={onFreeze}>
                {t('packages.freeze')}
              </Menu.Item>
            )}
            {onDelete && (
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
                {t('packages.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

export function PackagesCard({ clientId, enrollments }: { clientId: string; enrollments: (EnrollmentChoice & { grouped: boolean })[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const canSell = useCan('payments.write');
  const canSee = useCan('payments.read');
  const canDelete = useCan('records.delete');
  const canBook = useCan('enrollments.write');
  const list = useQuery('packages.list', { clientId }, { tables: packageTables });
  const [selling, setSelling] = useState(false);
  const [freezing, setFreezing] = useState<PackageView | null>(null);
  const [makeupFor, setMakeupFor] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PackageView | null>(null);
  const today = todayIn(settings.timeZone, new Date());
  if (!canSee) return null;
  const unfreeze = async (freeze: PackageFreezeView, from: string) => {
    try {
      await api.call('packages.unfreeze', { freezeId: freeze.id, from });
      notifications.show({ color: 'teal', message: t(from <= freeze.startsOn ? 'packages.freezeRemoved' : 'packages.unfrozen') });
    } catch (e) {
      notifications.show({ color: 'red', message: refusalText(t, 'packages.errors')(e) });
    }
  };
  const remove = async (id: string) => {
    await api.call('packages.delete', { id });
    notifications.show({ color: 'teal', message: t('packages.deleted') });
    setDeleting(null);
  };
  const grouped = enrollments.filter((e) => e.grouped);
  return (
    <Card withBorder padding="md" data-testid="packages-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconPackage size={18} />
          <Text fw={600} size="sm">
            {t('packages.title')}
          </Text>
        </Group>
        {canSell && (
          <Button size="compact-sm" variant="light" onClick={() => setSelling(true)} data-testid="sell-package-open">
            {t('packages.sell')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {list.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('packages.none')}
          </Text>
        )}
        {(list.data ?? []).map((pkg) => (
          <PackageRow
            key={pkg.id}
            pkg={pkg}
            today={today}
            onFreeze={canSell ? () => setFreezing(pkg) : undefined}
            onUnfreeze={canSell ? (freeze, from) => void unfreeze(freeze, from) : undefined}
            onDelete={canDelete ? () => setDeleting(pkg) : undefined}
          />
        ))}
        {canBook && grouped.length > 0 && (
          <Group gap="xs" mt="xs">
            {grouped.map((e) => (
              <Button
                key={e.id}
                size="compact-xs"
                variant="subtle"
                leftSection={<IconRepeat size={12} />}
                onClick={() => setMakeupFor(e.id)}
                data-testid="client-makeup-open"
              >
                {t('packages.makeup.book')}: {e.label}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
      <SellPackageDialog
        opened={selling}
        onClose={() => setSelling(false)}
        holderClientId={clientId}
        enrollments={enrollments}
        today={today}
      />
      <FreezeDialog pkg={freezing} onClose={() => setFreezing(null)} today={today} />
      <MakeupDialog enrollmentId={makeupFor} onClose={() => setMakeupFor(null)} />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('packages.delete')}>
        {deleting && (
          <ConfirmDelete
            question={t('packages.deleteQuestion')}
            hint={t('packages.deleteHint')}
            cancelLabel={t('packages.cancel')}
            confirmLabel={t('packages.delete')}
            onConfirm={() => remove(deleting.id)}
            onCancel={() => setDeleting(null)}
            refusal={refusalText(t, 'packages.errors')}
          />
        )}
      </Modal>
    </Card>
  );
}
