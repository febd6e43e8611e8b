/**
 * One column of the cohort's status board and the cards in it. A column accepts
 * a dragged card only when the domain allows the move (it fades otherwise), and
 * every card has a "Move to" menu offering the same allowed moves, so the board
 * works from the keyboard and for anyone who cannot drag. The drag state itself
 * belongs to the board, which is the only place that knows what is being dragged.
 */
import { ActionIcon, Badge, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterRow } from '../../../src-shared/api/types';
import { canTransition, type EnrollmentStatus } from '../../../src-shared/domain';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { statusColor } from '../enrollments';

export const boardStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed', 'declined'];

export const dragType = 'application/x-tanoda-enrollment';

interface ColumnProps {
  status: EnrollmentStatus;
  cards: readonly RosterRow[];
  /** Whether the card being dragged (if any) may move here. */
  allowed: boolean;
  /** Whether a card is being dragged over this column. */
  over: boolean;
  onDragOver: () => void;
  onDragLeave: () => void;
  onDrop: (event: DragEvent) => void;
  onDragStart: (row: RosterRow) => void;
  onDragEnd: () => void;
  onMove: (row: RosterRow, status: EnrollmentStatus) => void;
}

export function BoardColumn({ status, cards, allowed, over, ...handlers }: ColumnProps) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      bg={over && allowed ? `var(--mantine-color-${statusColor[status]}-light)` : 'var(--mantine-color-default-hover)'}
      style={{ minHeight: 160, opacity: allowed ? 1 : 0.45, borderStyle: over ? 'dashed' : undefined }}
      onDragOver={(e) => {
        if (!allowed) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) handlers.onDragOver();
      }}
      onDragLeave={handlers.onDragLeave}
      onDrop={handlers.onDrop}
      data-testid={`board-column-${status}`}
      aria-label={t(`labels.enrollmentStatus.${status}`)}
      role="list"
    >
      <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="nowrap" miw={0} align="flex-start">
          <StatusDot status={status} style={{ flexShrink: 0, marginTop: 6 }} />
          {/* The status name wraps instead of ending in "…": "Érdeklődő" must read whole. */}
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t(`labels.enrollmentStatus.${status}`)}
          </Text>
        </Group>
        <Badge size="sm" variant="default" style={{ flexShrink: 0 }}>
          {cards.length}
        </Badge>
      </Group>
      <Stack gap={6}>
        {cards.map((row) => (
          <BoardCard key={row.enrollmentId} row={row} {...handlers} />
        ))}
      </Stack>
    </Paper>
  );
}

function StatusDot({ status, style }: { status: EnrollmentStatus; style?: React.CSSProperties }) {
  return <span style={{ ...style, width: 8, height: 8, borderRadius: 8, background: `var(--mantine-color-${statusColor[status]}-6)` }} />;
}

type CardProps = Pick<ColumnProps, 'onDragStart' | 'onDragEnd' | 'onMove'> & { row: RosterRow };

/** One person on the board: name, and the follow-up date or else the price; draggable for people who may change statuses. */
function BoardCard({ row, onDragStart, onDragEnd, onMove }: CardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan('enrollments.write');
  return (
    <Paper
      withBorder
      radius="sm"
      p={8}
      shadow="xs"
      draggable={canWrite}
      onDragStart={(e) => {
        e.dataTransfer.setData(dragType, row.enrollmentId);
        e.dataTransfer.setData('text/plain', row.enrollmentId);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(row);
      }}
      onDragEnd={onDragEnd}
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
              : row.agreedPriceMinor !== undefined
                ? format.money(row.agreedPriceMinor - (row.discountMinor ?? 0))
                : ''}
          </Text>
        </div>
        {canWrite && <MoveMenu row={row} onMove={onMove} />}
      </Group>
    </Paper>
  );
}

/** "Move to": the statuses this person may move to from where they are. */
function MoveMenu({ row, onMove }: Pick<CardProps, 'row' | 'onMove'>) {
  const { t } = useTranslation();
  return (
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
            <Menu.Item key={s} onClick={() => onMove(row, s)} leftSection={<StatusDot status={s} />}>
              {t(`labels.enrollmentStatus.${s}`)}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
