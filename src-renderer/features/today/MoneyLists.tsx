/**
 * The Today lists about money: overdue instalments, instalments due soon and
 * prepaid balances running low. The page shows them only when the engine says
 * money is visible to this role (it leaves them empty otherwise). The overdue
 * and due-soon lists are one InstalmentsList with different items, so an
 * instalment row offers the same actions wherever it appears.
 */
import { Button } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue, IconCash, IconSend, IconWallet, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstalmentItem, TodayLists } from '../../../src-shared/api/today-methods';
import { useCan } from '../../shared/permissions';
import { openGridWith } from '../../grid';
import { useUiStore } from '../../stores/ui';
import { useFormat } from '../../shared/workspace';
import { ListRow, ListSection, ReminderMenu } from './ListSection';
import { useTodayUi } from './store';

export function OverdueList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const open = useTodayUi((s) => s.open);
  const openSection = useUiStore((s) => s.openSection);
  const seeAll = () => {
    openGridWith('clients', {
      search: '',
      sorting: [{ id: 'overdue', desc: true }],
      filters: { overdue: { kind: 'in', values: ['yes'] } },
    });
    openSection('clients');
  };
  const remindAll =
    today.overdue.length > 1 ? (
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => open({ type: 'message', target: { purpose: 'payment_reminder', overdue: true }, reminders: {} })}
      >
        {t('today.actions.remindAll')}
      </Button>
    ) : undefined;
  // Without amounts (no finance.read) the list says who and when; the clients' overdue column
  // and a reminder naming everyone's amount at once are for roles that see money across clients.
  return (
    <InstalmentsList
      id="overdue"
      title={t('today.lists.overdue')}
      icon={IconAlertTriangle}
      color="red"
      items={today.overdue}
      count={today.counts.overdue}
      {...(today.amountsVisible ? { seeAll, action: remindAll } : {})}
      empty={t('today.empty.overdue')}
      asOf={today.asOf}
    />
  );
}

export function DueSoonList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  return (
    <InstalmentsList
      id="due-soon"
      title={t('today.lists.dueSoon', { count: today.dueSoonDays })}
      icon={IconCalendarDue}
      color="orange"
      items={today.dueSoon}
      count={today.counts.dueSoon}
      empty={t('today.empty.dueSoon')}
      asOf={today.asOf}
    />
  );
}

interface InstalmentsListProps {
  id: string;
  title: string;
  icon: Icon;
  color: string;
  items: InstalmentItem[];
  empty: string;
  asOf: string;
  action?: ReactNode;
  count?: number;
  seeAll?: () => void;
}

/** Instalments with what is still owed and when: record a payment, send a reminder, snooze. */
function InstalmentsList({ items, asOf, ...card }: InstalmentsListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const canPay = useCan('payments.write');
  return (
    <ListSection {...card} items={items}>
      {(item) => (
        <ListRow
          testId="instalment-item"
          title={item.clientName}
          detail={`${item.outstandingMinor === undefined ? '' : `${format.money(item.outstandingMinor)} · `}${format.date(item.dueOn)} · ${
            item.daysLate > 0
              ? t('today.daysLate', { count: item.daysLate })
              : item.daysUntil === 0
                ? t('today.dueToday')
                : t('today.dueIn', { count: item.daysUntil })
          } · ${item.programName}${item.cohortName ? ` – ${item.cohortName}` : ''}`}
        >
          {canPay && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconCash size={14} />}
              onClick={() =>
                open({
                  type: 'payment',
                  clientId: item.clientId,
                  enrollmentId: item.enrollmentId,
                })
              }
            >
              {t('today.actions.recordPayment')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconSend size={14} />}
            onClick={() =>
              open({ type: 'message', target: { purpose: 'payment_reminder', enrollmentIds: [item.enrollmentId] }, reminders: {} })
            }
          >
            {t('today.actions.sendReminder')}
          </Button>
          <ReminderMenu reminder={item} name={item.clientName} asOf={asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}

export function LowBalanceList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ListSection
      id="low-balance"
      title={t('today.lists.lowBalance')}
      icon={IconWallet}
      color="cyan"
      items={today.lowBalance}
      empty={t('today.empty.lowBalance')}
    >
      {(c) => (
        <ListRow
          testId="low-balance-item"
          title={c.clientName}
          detail={
            c.prepaidMinor === undefined || c.thresholdMinor === undefined
              ? t('today.prepaidLow')
              : t('today.prepaidLeft', { amount: format.money(c.prepaidMinor), threshold: format.money(c.thresholdMinor) })
          }
        >
          <ReminderMenu reminder={c} name={c.clientName} asOf={today.asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}
