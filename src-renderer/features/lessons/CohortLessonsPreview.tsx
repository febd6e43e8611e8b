/**
 * Inside the cohort editor: what saving the edited schedule, dates, teacher,
 * room or status will do to the cohort's lessons yet to come, and which
 * teachers and rooms it would double-book, shown before Save. Only for a cohort
 * whose lessons were generated (saving regenerates only those); a draft that
 * does not validate yet shows nothing rather than an error.
 */
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarWeek } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { conflictText } from './LessonCard';

export type ProposedCohort = NonNullable<MethodInput<'lessons.previewGenerate'>['proposed']>;

export function CohortLessonsPreview({ cohortId, proposed }: { cohortId: string; proposed: ProposedCohort }) {
  const { t } = useTranslation();
  const format = useFormat();
  const preview = useQuery(
    'lessons.previewGenerate',
    { cohortId, proposed },
    { tables: ['lessons', 'cohorts', 'closures', 'attendance', 'teachers', 'rooms'] },
  );
  const plan = preview.error ? undefined : preview.data;
  if (!plan || plan.first) return null;
  const changes = plan.created + plan.updated + plan.removed;
  if (changes === 0 && plan.conflicts.length === 0) return null;
  return (
    <Alert
      color={plan.conflicts.length > 0 ? 'red' : 'blue'}
      variant="light"
      icon={plan.conflicts.length > 0 ? <IconAlertTriangle size={16} /> : <IconCalendarWeek size={16} />}
      title={t('lessons.cohortPreview.title')}
      data-testid="cohort-lessons-preview"
    >
      <Text size="sm">
        {t('lessons.generate.counts', { created: plan.created, updated: plan.updated, removed: plan.removed, kept: plan.kept })}
      </Text>
      {plan.conflicts.slice(0, 8).map((c, i) => (
        <Text key={`${c.lessonId ?? ''}-${c.kind}-${i}`} size="sm">
          {format.date(c.startsOn)}: {conflictText(c, t)}
        </Text>
      ))}
      {plan.conflicts.length > 8 && (
        <Text size="sm" c="dimmed">
          {t('lessons.more', { count: plan.conflicts.length - 8 })}
        </Text>
      )}
    </Alert>
  );
}
