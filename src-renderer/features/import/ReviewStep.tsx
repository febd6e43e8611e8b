/**
 * The review step of an import: what the engine detected (sheet, header row, date
 * order), the counts, the column mapping, the matches with clients already on
 * file, a preview of the rows and the problems found, then Back or Confirm. Every
 * control is disabled while a preview is pending, and Confirm also while the last
 * one failed or nothing would be imported, so the confirmed import is the one
 * on screen.
 */
import { Alert, Button, Divider, Group, LoadingOverlay, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportPreview } from '../../../src-shared/api/imports-methods';
import { useFormat } from '../../shared/workspace';
import { MappingTable } from './MappingTable';
import { PreviewGrid } from './PreviewGrid';
import { DetectedPanel, MatchesTable, ProblemList, SummaryCounts } from './ReviewParts';
import { LayoutNotes, NotCreated } from './ReviewNotes';
import type { ImportDraft, RowDecision } from './store';

interface Props {
  draft: ImportDraft;
  preview: ImportPreview;
  previewing: boolean;
  reviewError: string | null;
  /** Rows the commit would write (all rows less the skipped ones). */
  importable: number;
  onChange: (update: Partial<Omit<ImportDraft, 'file'>>) => void;
  onDecide: (row: number, decision: RowDecision) => void;
  onBack: () => void;
  onConfirm: () => void;
}

export function ReviewStep({ draft, preview, previewing, reviewError, importable, onChange: change, ...actions }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl" pos="relative" data-testid="import-review">
      <LoadingOverlay visible={previewing} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ type: 'dots' }} />
      <DetectedPanel
        key={`${preview.sheet ?? ''}:${preview.headerRow}`}
        preview={preview}
        dateOrder={draft.dateOrder}
        disabled={previewing}
        onSheet={(sheet) => change({ sheet, headerRow: undefined, mapping: {}, decisions: {} })}
        onHeaderRow={(headerRow) => change({ headerRow, mapping: {}, decisions: {} })}
        onDateOrder={(dateOrder) => change({ dateOrder })}
      />
      {reviewError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" data-testid="review-error">
          {reviewError}
        </Alert>
      )}
      <SummaryCounts summary={preview.summary} />
      <LayoutNotes layout={preview.layout} />
      <NotCreated notCreated={preview.notCreated} />
      <Stack gap="xs">
        <Title order={4}>{t('imports.mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('imports.mapping.description')}
        </Text>
        <Paper withBorder radius="md">
          <MappingTable
            columns={preview.columns}
            fields={preview.fields}
            chosen={draft.mapping}
            disabled={previewing}
            onChange={(column: number, field: ImportField | null) => change({ mapping: { ...draft.mapping, [column]: field } })}
          />
        </Paper>
      </Stack>
      {preview.matches.length > 0 && (
        <MatchesTable
          matches={preview.matches}
          rows={preview.rows}
          decisions={draft.decisions}
          disabled={previewing}
          onDecide={actions.onDecide}
        />
      )}
      <Stack gap="xs">
        <Title order={4}>{t('imports.preview.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('imports.preview.description', { count: preview.rows.length })}
        </Text>
        <PreviewGrid rows={preview.rows} columns={preview.columns} decisions={draft.decisions} />
      </Stack>
      <ProblemList issues={preview.issues} />
      <Divider />
      <ReviewActions previewing={previewing} blocked={reviewError !== null} importable={importable} {...actions} />
    </Stack>
  );
}

function ReviewActions(props: { previewing: boolean; blocked: boolean; importable: number; onBack: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { previewing, importable } = props;
  return (
    <Group justify="space-between">
      <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack} disabled={previewing}>
        {t('imports.confirm.back')}
      </Button>
      <Button
        leftSection={<IconCheck size={16} />}
        onClick={props.onConfirm}
        disabled={previewing || props.blocked || importable <= 0}
        data-testid="import-confirm"
      >
        {importable <= 0
          ? t('imports.confirm.nothing')
          : t('imports.confirm.commit', { count: importable, formatted: format.integer(importable) })}
      </Button>
    </Group>
  );
}
