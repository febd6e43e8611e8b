/**
 * What the preview says in words before anything is written: how the sheet's
 * layout was read (groups made into programs, a template's labels row chosen,
 * child blocks read as several people, names found by their values), and what
 * will not be created and why — rows left out, and rows of which part (an
 * enrollment, a payment, a price) will not be created. The per-row problem list
 * below holds every detail; these lines are the summary a person reads first,
 * so a class column that cannot make enrollments, or an example row, is never
 * discovered only after the import.
 */
import { Alert, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../src-shared/api/imports-methods';
import { useFormat } from '../../shared/workspace';
import { useIssueText } from './PreviewGrid';

export function LayoutNotes({ layout }: { layout: ImportPreview['layout'] }) {
  const { t } = useTranslation();
  if (layout.length === 0) return null;
  return (
    <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="layout-notes">
      <List size="sm" spacing={2}>
        {layout.map((note) => (
          <List.Item key={note} data-note={note}>
            {t(`imports.layout.${note}`)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function NotCreated({ notCreated }: { notCreated: ImportPreview['notCreated'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueText = useIssueText();
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.notCreated.title')}</Title>
      {notCreated.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="not-created-none">
          {t('imports.notCreated.none')}
        </Text>
      ) : (
        <List spacing={6} size="sm" data-testid="not-created">
          {notCreated.map((group) => (
            <List.Item key={`${group.severity}-${group.code}`} data-testid="not-created-line" data-code={group.code}>
              <Group gap={8} wrap="wrap">
                <Badge size="sm" variant="light" radius="sm" color={group.severity === 'skipped' ? 'red' : 'orange'}>
                  {t(`imports.notCreated.${group.severity}`, { count: group.count, formatted: format.integer(group.count) })}
                </Badge>
                <Text size="sm">{issueText(group)}</Text>
                <Text size="xs" c="dimmed">
                  {t('imports.notCreated.rows', {
                    rows: group.rows.join(', ') + (group.count > group.rows.length ? ', …' : ''),
                  })}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
