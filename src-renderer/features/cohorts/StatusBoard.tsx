/**
 * The cohort's status board: one column per stage (inquiry, thinking, trial,
 * waitlist, confirmed, declined) and a card per person. Dragging a card to
 * another column changes the enrollment's status through enrollments.setStatus,
 * so the move is kept in its history like any other. Drag and drop is native
 * HTML5; every card also has a "Move to" menu, so the board works from the
 * keyboard and for anyone who cannot drag. Columns refuse what the domain does
 * not allow (a completed course is not moved back to "thinking"). The board holds
 * what is being dragged and makes the moves; BoardColumn draws columns and cards.
 */
import { ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterRow } from '../../../src-shared/api/types';
import { canTransition, type EnrollmentStatus } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { BoardColumn, boardStatuses, dragType } from './BoardColumn';

export function StatusBoard({ roster }: { roster: readonly RosterRow[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [dragging, setDragging] = useState<RosterRow | null>(null);
  const [over, setOver] = useState<EnrollmentStatus | null>(null);

  const move = async (row: RosterRow, status: EnrollmentStatus) => {
    if (row.status === status) return;
    if (!canTransition(row.status, status)) {
      notifications.show({
        color: 'orange',
        message: t('cohorts.board.notAllowed', {
          from: t(`labels.enrollmentStatus.${row.status}`),
          to: t(`labels.enrollmentStatus.${status}`),
        }),
      });
      return;
    }
    try {
      await api.call('enrollments.setStatus', { id: row.enrollmentId, status });
      notifications.show({
        color: 'teal',
        message: t('enrollments.statusChanged', { name: row.clientName, status: t(`labels.enrollmentStatus.${status}`) }),
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
        <SimpleGrid cols={6} spacing="sm" miw={1080} data-testid="status-board">
          {boardStatuses.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              cards={roster.filter((r) => r.status === status)}
              allowed={dragging === null || canTransition(dragging.status, status)}
              over={over === status}
              onDragOver={() => setOver(status)}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={onDrop(status)}
              onDragStart={setDragging}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onMove={(row, to) => void move(row, to)}
            />
          ))}
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
