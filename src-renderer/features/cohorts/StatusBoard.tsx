/**
 * The cohort's status board: one column per stage (inquiry, thinking, trial,
 * waitlist, confirmed, declined) and a card per person. Dragging a card to
 * another column changes the enrollment's status through enrollments.setStatus,
 * so the move is kept in its history like any other. Drag and drop is native
 * HTML5; every card also has a "Move to" menu, so the board works from the
 * keyboard and for anyone who cannot drag. Columns refuse what the domain does
 * not allow (a completed course is not moved back to "thinking").
 */
import { ActionIcon, Badge, Group, Menu, Paper, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterRow } from '../../../src-shared/api/types';
import { canTransition, type EnrollmentStatus } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat } from '../../app/workspace';
import { statusColor } from '../enrollments';

export const boardStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed', 'declined'];

const dragType = 'application/x-tanoda-enrollment';

export function StatusBoard({ roster }: { roster: readonly RosterRow[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const canWrite = useCan('enrollments.write');
  const [dragging, setDragging] = useState<RosterRow | null>(null);
  const [over, setOver] = useState<EnrollmentStatus | null>(null);

  const move = async (row: RosterRow, status: EnrollmentStatus) => {
    if (row.status === status) return;
    if (!canTransition(row.status, status)) {
      notifications.show({
        color: 'orange',
        message: t('cohorts.board.notAllowed', { from: t(`enrollments.status.${row.status}`), to: t(`enrollments.status.${status}`) }),
      });
      return;
    }
    try {
      await api.call('enrollments.setStatus', { id: row.enrollmentId, status });
      notifications.show({
        color: 'teal',
        message: t('enrollments.statusChanged', { name: row.clientName, status: t(`enrollments.status.${status}`) }),
      });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('enrollments.statusFailed'),
        message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error),
      });
    }
  };

  const onDrop = (status: EnrollmentStatus) => (event: DragEvent) => {
    event.preventDefault();
    const id = event.dataTransfer.getData(dragType) || event.dataTransfer.getData('text/plain');
    const row = roster.find((r) => r.enrollmentId === id);
    setOver(null);
    setDragging(null);
    if (row) void move(row, status);
  };

  const elsewhere = roster.filter((r) => !boardStatuses.includes(r.status));

  return (
    <Stack gap="xs">
      <ScrollArea type="auto" offsetScrollbars>
        <SimpleGrid cols={6} spacing="sm" miw={960} data-testid="status-board">
          {boardStatuses.map((status) => {
            const cards = roster.filter((r) => r.status === status);
            const allowed = dragging === null || canTransition(dragging.status, status);
            return (
              <Paper
                key={status}
                withBorder
                radius="md"
                p="xs"
                bg={over === status && allowed ? `var(--mantine-color-${statusColor[status]}-light)` : 'var(--mantine-color-default-hover)'}
                style={{ minHeight: 160, opacity: allowed ? 1 : 0.45, borderStyle: over === status ? 'dashed' : undefined }}
                onDragOver={(e) => {
                  if (!allowed) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  if (over !== status) setOver(status);
                }}
                onDragLeave={() => setOver((o) => (o === status ? null : o))}
                onDrop={onDrop(status)}
                data-testid={`board-column-${status}`}
                aria-label={t(`enrollments.status.${status}`)}
                role="list"
              >
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <span
                      style={{
                        flexShrink: 0,
                        width: 8,
                        height: 8,
                        borderRadius: 8,
                        background: `var(--mantine-color-${statusColor[status]}-6)`,
                      }}
                    />
                    <Text size="sm" fw={600} truncate>
                      {t(`enrollments.status.${status}`)}
                    </Text>
                  </Group>
                  <Badge size="sm" variant="default" style={{ flexShrink: 0 }}>
                    {cards.length}
                  </Badge>
                </Group>
                <Stack gap={6}>
                  {cards.map((row) => (
                    <Paper
                      key={row.enrollmentId}
                      withBorder
                      radius="sm"
                      p={8}
                      shadow="xs"
                      draggable={canWrite}
                      onDragStart={(e) => {
                        e.dataTransfer.setData(dragType, row.enrollmentId);
                        e.dataTransfer.setData('text/plain', row.enrollmentId);
                        e.dataTransfer.effectAllowed = 'move';
                        setDragging(row);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setOver(null);
                      }}
                      style={{ cursor: canWrite ? 'grab' : undefined }}
                      role="listitem"
                      data-testid="board-card"
                      data-enrollment={row.enrollmentId}
                    >
                      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                        <div style={{ minWidth: 0 }}>
                          <Text size="sm" fw={500} truncate>
                            {row.clientName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {row.followUpOn
                              ? t('cohorts.board.followUp', { date: format.date(row.followUpOn, 'short') })
                              : format.money(row.agreedPriceMinor - row.discountMinor)}
                          </Text>
                        </div>
                        {canWrite && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                size="sm"
                                aria-label={t('cohorts.board.moveLabel', { name: row.clientName })}
                                data-testid="board-move"
                              >
                                <IconArrowsExchange size={14} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Label>{t('cohorts.board.moveTo')}</Menu.Label>
                              {boardStatuses
                                .filter((s) => s !== row.status && canTransition(row.status, s))
                                .map((s) => (
                                  <Menu.Item
                                    key={s}
                                    onClick={() => void move(row, s)}
                                    leftSection={
                                      <span
                                        style={{
                                          width: 8,
                                          height: 8,
                                          borderRadius: 8,
                                          background: `var(--mantine-color-${statusColor[s]}-6)`,
                                        }}
                                      />
                                    }
                                  >
                                    {t(`enrollments.status.${s}`)}
                                  </Menu.Item>
                                ))}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </ScrollArea>
      {elsewhere.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('cohorts.board.elsewhere', { count: elsewhere.length })}
        </Text>
      )}
    </Stack>
  );
}
