/**
 * The Cohorts section: the list of groups (program, start, schedule, teacher,
 * room, seats taken of capacity, status, and — for those who may see money —
 * the expected revenue, each enrollment's price weighted by how likely its
 * status is to pay), or one cohort's page when one is open. An empty list says
 * what to do next, naming the school's own first program.
 */
import { Alert, Button, EmptyState, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary, Program } from '../../../src-shared/api/types';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { CohortEditor } from './CohortEditor';
import { CohortPage } from './CohortPage';
import { CohortsTable, useExpectedRevenue } from './CohortsTable';
import { useCohortsUi } from './store';

function CohortList({ cohorts }: { cohorts: CohortSummary[] | undefined }) {
  const { t } = useTranslation();
  const seesFinance = useCan('finance.read');
  const canCatalog = useCan('catalog.write');
  const openCreate = useCohortsUi((s) => s.openCreate);
  const [programFilter, setProgramFilter] = useState<string | null>(null);
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  const expected = useExpectedRevenue(seesFinance);
  const rows = (cohorts ?? []).filter((c) => !programFilter || c.programId === programFilter);

  let body: ReactNode;
  if (!cohorts) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (rows.length === 0) {
    body = <CohortsEmpty program={programs.data?.find((p) => p.id === programFilter) ?? programs.data?.[0]} />;
  } else {
    body = <CohortsTable rows={rows} expected={seesFinance ? expected : null} />;
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2}>{t('cohorts.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('cohorts.subtitle')}
          </Text>
        </div>
        <Group gap="md" align="flex-end">
          <Select
            aria-label={t('cohorts.filterProgram')}
            placeholder={t('cohorts.allPrograms')}
            data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={programFilter}
            onChange={setProgramFilter}
            clearable
            w={220}
            comboboxProps={{ withinPortal: true }}
          />
          {canCatalog && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => openCreate(programFilter ?? undefined)} data-testid="new-cohort">
              {t('cohorts.add')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
    </Stack>
  );
}

/** No cohorts (in this program): say what to do next, naming the program, or that a program comes first. */
function CohortsEmpty({ program }: { program: Program | undefined }) {
  const { t } = useTranslation();
  const canCatalog = useCan('catalog.write');
  const openCreate = useCohortsUi((s) => s.openCreate);
  return (
    <EmptyState
      variant="light"
      icon={<IconUsersGroup size={28} stroke={1.5} />}
      title={program ? t('cohorts.emptyTitleFor', { name: program.name }) : t('cohorts.emptyTitle')}
      description={program ? t('cohorts.emptyDescription') : t('cohorts.emptyNoPrograms')}
      py={48}
      data-testid="cohorts-empty"
    >
      {program && canCatalog && (
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} />} onClick={() => openCreate(program.id)}>
            {t('cohorts.add')}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

export function CohortsPage() {
  const { t } = useTranslation();
  const openId = useCohortsUi((s) => s.openId);
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs', 'teachers', 'rooms', 'enrollments', 'clients'] });
  return (
    <>
      {cohorts.error && !cohorts.data ? (
        <Alert color="red" variant="light" title={t('cohorts.loadFailed')}>
          {t(`errors.code.${cohorts.error.code}`)}
        </Alert>
      ) : openId ? (
        <CohortPage id={openId} />
      ) : (
        <CohortList cohorts={cohorts.data} />
      )}
      <CohortEditor cohorts={cohorts.data ?? []} />
    </>
  );
}
