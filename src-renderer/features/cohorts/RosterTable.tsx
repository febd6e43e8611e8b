/**
 * A cohort's roster: each person with their status (changeable in place), the
 * agreed price and, for roles that may see payments, what they paid, their
 * balance and their next instalment. A name opens the client's page; each line's
 * menu edits the enrollment, changes its plan, moves the child to another group
 * or sets a follow-up (the dialogs are the enrollments feature's, mounted by the
 * cohort page). The money columns are left out of the table, not just emptied, so
 * a teacher's view has no blank columns to wonder about.
 */
import { Anchor, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RosterRow } from '../../../src-shared/api/types';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';
import { EnrollmentMenu, StatusSelect } from '../enrollments';

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

export function RosterTable({ roster }: { roster: readonly RosterRow[] }) {
  const { t } = useTranslation();
  // A roster spans clients: its money is for roles that may see money across clients (the API sends it only to them).
  const seesMoney = useCan('finance.read');
  return (
    <Paper withBorder radius="md">
      {roster.length === 0 ? (
        <Text c="dimmed" p="lg" ta="center">
          {t('cohorts.emptyRoster')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing={6} horizontalSpacing="md" highlightOnHover data-testid="roster-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('enrollments.columns.client')}</Table.Th>
                <Table.Th>{t('enrollments.columns.status')}</Table.Th>
                {seesMoney && (
                  <>
                    <Table.Th ta="right">{t('enrollments.columns.agreedPrice')}</Table.Th>
                    <Table.Th ta="right">{t('enrollments.columns.paid')}</Table.Th>
                    <Table.Th ta="right">{t('enrollments.columns.balance')}</Table.Th>
                    <Table.Th>{t('cohorts.nextInstalment')}</Table.Th>
                  </>
                )}
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roster.map((row) => (
                <RosterTableRow key={row.enrollmentId} row={row} seesMoney={seesMoney} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function RosterTableRow({ row, seesMoney }: { row: RosterRow; seesMoney: boolean }) {
  const format = useFormat();
  return (
    <Table.Tr data-testid="roster-row">
      <Table.Td>
        <Anchor
          component="button"
          size="sm"
          fw={500}
          display="block"
          onClick={() => {
            useClientsUi.getState().openClient(row.clientId);
            useUiStore.getState().openSection('clients');
          }}
          data-testid="roster-client"
        >
          {row.clientName}
        </Anchor>
        {row.phone && (
          <Anchor href={`tel:${row.phone}`} size="xs" c="dimmed">
            {row.phone}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td>
        <StatusSelect id={row.enrollmentId} name={row.clientName} status={row.status} />
      </Table.Td>
      {seesMoney && (
        <>
          <Table.Td ta="right" style={numeric}>
            {format.money((row.agreedPriceMinor ?? 0) - (row.discountMinor ?? 0))}
          </Table.Td>
          <Table.Td ta="right" style={numeric}>
            {format.money(row.paidMinor ?? 0)}
          </Table.Td>
          <Table.Td ta="right" style={numeric} c={(row.balanceMinor ?? 0) > 0 ? 'orange' : undefined} fw={600} data-testid="roster-balance">
            {format.money(row.balanceMinor ?? 0)}
          </Table.Td>
          <Table.Td style={numeric}>
            {row.nextDue ? (
              <Text size="sm" c={row.nextDue.state === 'overdue' ? 'red' : undefined}>
                {format.date(row.nextDue.dueOn)} · {format.money(row.nextDue.outstandingMinor)}
              </Text>
            ) : (
              '—'
            )}
          </Table.Td>
        </>
      )}
      <Table.Td>
        <EnrollmentMenu enrollmentId={row.enrollmentId} status={row.status} name={row.clientName} />
      </Table.Td>
    </Table.Tr>
  );
}
