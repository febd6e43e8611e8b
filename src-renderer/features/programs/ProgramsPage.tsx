/**
 * The programs screen: every program the school offers with its kind, default
 * price in the workspace currency, capacity and lessons, and the way into the
 * create/edit dialog (and from it the delete confirmation), on the shared
 * grid (sort, filter, views, export) so a school with dozens of programs finds
 * one the way it finds a client. The list
 * refetches by itself whenever the `programs` table changes, whoever changed it.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  ColorSwatch,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconBook2, IconPencil, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../../src-shared/api/types';
import { programKinds } from '../../../src-shared/domain';
import { Grid, type GridColumn } from '../../grid';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { ProgramDeleteDialog } from './ProgramDeleteDialog';
import { ProgramEditor } from './ProgramEditor';
import { useProgramsUi } from './store';

function lessonsText(program: Program, t: TFunction, integer: (n: number) => string): string {
  if (program.lessonCount === null) return program.lessonMinutes === null ? '' : `${integer(program.lessonMinutes)}′`;
  if (program.lessonMinutes === null) return integer(program.lessonCount);
  return t('programs.lessonsWithMinutes', { count: program.lessonCount, minutes: program.lessonMinutes });
}

/** The programs as grid columns: the name (with colour and archived mark), kind, price, seats, lessons, edit. */
function useProgramColumns(): GridColumn<Program>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const openEdit = useProgramsUi((s) => s.openEdit);
  return useMemo(
    () => [
      {
        id: 'name',
        header: t('programs.columns.name'),
        width: 280,
        value: (p) => p.name,
        render: (p) => (
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ColorSwatch color={p.color ?? 'var(--mantine-color-gray-4)'} size={12} withShadow={false} />
            <Text fw={500} size="sm" truncate>
              {p.name}
            </Text>
            {p.archived && (
              <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                {t('programs.archived')}
              </Badge>
            )}
          </Group>
        ),
        sortable: true,
        searchable: true,
        filter: { kind: 'text' },
      },
      {
        id: 'kind',
        header: t('programs.columns.kind'),
        width: 150,
        value: (p) => p.kind,
        text: (p) => t(`labels.programKind.${p.kind}`),
        render: (p) => (
          <Badge variant="light" radius="sm" styles={{ label: { overflow: 'visible' } }}>
            {t(`labels.programKind.${p.kind}`)}
          </Badge>
        ),
        sortable: true,
        filter: { kind: 'in', options: programKinds.map((k) => ({ value: k, label: t(`labels.programKind.${k}`) })) },
      },
      {
        id: 'price',
        header: t('programs.columns.price'),
        width: 150,
        align: 'right',
        value: (p) => p.defaultPriceMinor,
        text: (p) => (p.defaultPriceMinor === null ? '' : format.money(p.defaultPriceMinor)),
        sortable: true,
        filter: { kind: 'amountRange', money: true },
      },
      {
        id: 'capacity',
        header: t('programs.columns.capacity'),
        width: 110,
        align: 'right',
        value: (p) => p.defaultCapacity,
        text: (p) => (p.defaultCapacity === null ? '' : t('programs.seats', { count: p.defaultCapacity })),
        sortable: true,
      },
      {
        id: 'lessons',
        header: t('programs.columns.lessons'),
        width: 150,
        align: 'right',
        value: (p) => p.lessonCount,
        text: (p) => lessonsText(p, t, format.integer),
        sortable: true,
      },
      {
        id: 'description',
        header: t('programs.form.description'),
        width: 260,
        value: (p) => p.description,
        searchable: true,
        hidden: true,
      },
      {
        id: 'edit',
        header: t('programs.columns.actions'),
        width: 70,
        align: 'center',
        value: () => null,
        render: (p) => (
          <Tooltip label={t('programs.edit')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('programs.editLabel', { name: p.name })}
              onClick={() => openEdit(p.id)}
            >
              <IconPencil size={16} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
        ),
      },
    ],
    [t, format, openEdit],
  );
}

export function ProgramsPage() {
  const { t } = useTranslation();
  const { showArchived, setShowArchived, openCreate, openEdit } = useProgramsUi();
  const columns = useProgramColumns();
  const programs = useQuery('programs.list', { includeArchived: showArchived }, { tables: ['programs'] });
  const rows = programs.data ?? [];

  let body;
  if (programs.error && !programs.data) {
    body = (
      <Alert color="red" variant="light" title={t('programs.loadFailed')}>
        {t(`errors.code.${programs.error.code}`)}
      </Alert>
    );
  } else if (!programs.data) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        variant="light"
        icon={<IconBook2 size={28} stroke={1.5} />}
        title={t('programs.emptyTitle')}
        description={t('programs.emptyDescription')}
        py={48}
      >
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('programs.add')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else {
    body = (
      <Grid<Program>
        gridId="programs"
        columns={columns}
        source={{ kind: 'rows', rows }}
        rowId={(p) => p.id}
        rowTestId="program-row"
        onOpenRow={(p) => openEdit(p.id)}
        savedViews
        exportName="programs"
        height="calc(100dvh - 260px)"
      />
    );
  }

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2}>{t('programs.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('programs.subtitle')}
          </Text>
        </div>
        <Group gap="md">
          <Switch label={t('programs.showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('programs.add')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <ProgramEditor programs={rows} />
      <ProgramDeleteDialog programs={rows} />
    </Stack>
  );
}
