/**
 * The programs screen: every program the school offers with its kind, default
 * price in the workspace currency, capacity and lessons, and the way into the
 * create/edit dialog. The list refetches by itself whenever the `programs`
 * table changes, whoever changed it.
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  ColorSwatch,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
  ActionIcon,
  VisuallyHidden,
} from '@mantine/core';
import { IconBook2, IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../../src-shared/api/types';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { ProgramEditor } from './ProgramEditor';
import { useProgramsUi } from './store';

function LessonsCell({ program }: { program: Program }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (program.lessonCount === null)
    return <>{program.lessonMinutes === null ? t('programs.none') : `${format.integer(program.lessonMinutes)}′`}</>;
  if (program.lessonMinutes === null) return <>{format.integer(program.lessonCount)}</>;
  return <>{t('programs.lessonsWithMinutes', { count: program.lessonCount, minutes: program.lessonMinutes })}</>;
}

function ProgramRow({ program }: { program: Program }) {
  const { t } = useTranslation();
  const format = useFormat();
  const openEdit = useProgramsUi((s) => s.openEdit);
  return (
    <Table.Tr data-testid="program-row">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <ColorSwatch color={program.color ?? 'var(--mantine-color-gray-4)'} size={12} withShadow={false} />
          <Box miw={0}>
            <Group gap={6} wrap="nowrap">
              <Text fw={500} truncate>
                {program.name}
              </Text>
              {program.archived && (
                <Badge size="xs" variant="outline" color="gray">
                  {t('programs.archived')}
                </Badge>
              )}
            </Group>
            {program.description && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {program.description}
              </Text>
            )}
          </Box>
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm">
          {t(`programs.kinds.${program.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {program.defaultPriceMinor === null ? t('programs.none') : format.money(program.defaultPriceMinor)}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {program.defaultCapacity === null ? t('programs.none') : t('programs.seats', { count: program.defaultCapacity })}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        <LessonsCell program={program} />
      </Table.Td>
      <Table.Td ta="right">
        <Tooltip label={t('programs.edit')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('programs.editLabel', { name: program.name })}
            onClick={() => openEdit(program.id)}
          >
            <IconPencil size={16} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

export function ProgramsPage() {
  const { t } = useTranslation();
  const { showArchived, setShowArchived, openCreate } = useProgramsUi();
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
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="programs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programs.columns.name')}</Table.Th>
              <Table.Th w={140}>{t('programs.columns.kind')}</Table.Th>
              <Table.Th w={160} ta="right">
                {t('programs.columns.price')}
              </Table.Th>
              <Table.Th w={110} ta="right">
                {t('programs.columns.capacity')}
              </Table.Th>
              <Table.Th w={150} ta="right">
                {t('programs.columns.lessons')}
              </Table.Th>
              <Table.Th w={64}>
                <VisuallyHidden>{t('programs.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((program) => (
              <ProgramRow key={program.id} program={program} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
    </Stack>
  );
}
