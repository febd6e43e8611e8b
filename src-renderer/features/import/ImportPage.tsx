/**
 * The Import screen: choose a file, check what the engine made of it, confirm,
 * read the report — three steps, with the past imports (and their Undo) below.
 *
 * Every change the person makes (sheet, header row, date order, a column's
 * mapping) asks the engine for a fresh preview with the same input the commit
 * will send, so the confirmed import is exactly the one on screen. Answers to
 * superseded requests are dropped, and Confirm is disabled while a preview is
 * pending or the last one failed. A refused file or a failed commit is
 * explained in the interface language next to the place it came from, and the
 * engine guarantees the database is untouched by a failure.
 */
import { Alert, Button, Divider, Group, Loader, LoadingOverlay, Paper, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importFileErrorCodes, type ImportField, type ImportPreview } from '../../../src-shared/api/imports-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { ExportMenu } from '../export';
import { FileDrop } from './FileDrop';
import { ImportHistory } from './ImportHistory';
import { MappingTable } from './MappingTable';
import { PreviewGrid } from './PreviewGrid';
import { ReportStep } from './ReportStep';
import { DetectedPanel, MatchesTable, ProblemList, SummaryCounts } from './ReviewParts';
import { readPickedFile, refusalOf } from './file';
import { commitInput, previewInput, useImportSession, type ImportDraft, type RowDecision } from './store';

const fileFields = new Set(['file', 'fileName', 'contentBase64', 'sheet', 'mapping', 'options']);

/** The message for an engine refusal: the file-level code when there is one, the error code otherwise. */
function useDescribeError() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    for (const field of error.fields) {
      if (!fileFields.has(String(field.path[0] ?? ''))) continue;
      if ((importFileErrorCodes as readonly string[]).includes(field.code)) return t(`imports.fileErrors.${field.code}`);
      if (field.path[0] === 'contentBase64' && field.code === 'too_big') return t('imports.fileErrors.file_too_large');
    }
    if (error.code === 'VALIDATION') return t('imports.fileErrors.generic');
    return t(`errors.code.${error.code}`);
  };
}

function Working({ label }: { label: string }) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid="import-working" aria-busy="true">
      <Stack align="center" gap="md" py="lg">
        <Loader type="dots" />
        <Text ta="center" role="status">
          {label}
        </Text>
        <Progress value={100} animated striped w="100%" maw={420} aria-hidden />
      </Stack>
    </Paper>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const describeError = useDescribeError();
  const { phase, draft, preview, result, resultFileName, startReading, setDraft, setPreview, setPhase, finish, reset } = useImportSession();
  const [fileError, setFileError] = useState<string | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [readingName, setReadingName] = useState('');
  const latest = useRef(0);

  const runPreview = async (next: ImportDraft, from: 'file' | 'review') => {
    const request = ++latest.current;
    setPreviewing(true);
    setReviewError(null);
    try {
      const answer = await api.call('imports.preview', previewInput(next));
      if (request !== latest.current) return;
      setPreview(answer);
      setPhase('review');
    } catch (error) {
      if (request !== latest.current) return;
      if (from === 'file') {
        setFileError(describeError(error));
        reset();
      } else {
        setReviewError(describeError(error));
      }
    } finally {
      if (request === latest.current) setPreviewing(false);
    }
  };

  const onFile = async (file: File) => {
    setFileError(null);
    const refusal = refusalOf(file);
    if (refusal) {
      setFileError(t(`imports.refusal.${refusal}`, { fileName: file.name }));
      return;
    }
    setReadingName(file.name);
    startReading();
    let picked;
    try {
      picked = await readPickedFile(file);
    } catch {
      setFileError(t('imports.refusal.unreadable', { fileName: file.name }));
      reset();
      return;
    }
    const next: ImportDraft = { file: picked, dateOrder: 'auto', mapping: {}, decisions: {} };
    setDraft(next);
    await runPreview(next, 'file');
  };

  const change = (update: Partial<Omit<ImportDraft, 'file'>>) => {
    if (!draft) return;
    const next = { ...draft, ...update };
    setDraft(next);
    void runPreview(next, 'review');
  };

  const decide = (row: number, decision: RowDecision) => {
    if (!draft) return;
    setDraft({ ...draft, decisions: { ...draft.decisions, [row]: decision } });
  };

  const commit = async (current: ImportDraft, shown: ImportPreview) => {
    setReviewError(null);
    setPhase('committing');
    try {
      finish(await api.call('imports.commit', commitInput(current, shown)));
    } catch (error) {
      setPhase('review');
      setReviewError(`${t('imports.commitFailed')} ${describeError(error)}`);
    }
  };

  const active = phase === 'choose' || phase === 'reading' ? 0 : phase === 'report' ? 3 : 1;
  const importable = preview ? preview.totalRows - preview.summary.skippedRows : 0;

  let body;
  if (phase === 'reading') {
    body = <Working label={draft ? t('imports.working.previewing') : t('imports.working.reading', { fileName: readingName })} />;
  } else if (phase === 'committing' && preview) {
    body = <Working label={t('imports.working.committing', { count: importable, formatted: format.integer(importable) })} />;
  } else if ((phase === 'review' || phase === 'committing') && draft && preview) {
    body = (
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
          <MatchesTable matches={preview.matches} rows={preview.rows} decisions={draft.decisions} disabled={previewing} onDecide={decide} />
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
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={reset} disabled={previewing}>
            {t('imports.confirm.back')}
          </Button>
          <Button
            leftSection={<IconCheck size={16} />}
            onClick={() => void commit(draft, preview)}
            disabled={previewing || reviewError !== null || importable <= 0}
            data-testid="import-confirm"
          >
            {importable <= 0
              ? t('imports.confirm.nothing')
              : t('imports.confirm.commit', { count: importable, formatted: format.integer(importable) })}
          </Button>
        </Group>
      </Stack>
    );
  } else if (phase === 'report' && result) {
    body = <ReportStep result={result} fileName={resultFileName ?? ''} onAnother={reset} />;
  } else {
    body = (
      <Stack gap="sm">
        <FileDrop onFile={(file) => void onFile(file)} />
        {fileError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title={t('imports.fileErrors.title')}
            role="alert"
            data-testid="file-error"
          >
            {fileError}
          </Alert>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2}>{t('imports.title')}</Title>
          <Text c="dimmed" mt={4} maw={760}>
            {t('imports.subtitle')}
          </Text>
        </div>
        <ExportMenu table="clients" label={t('nav.clients')} />
      </Group>
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.steps.file')} description={t('imports.steps.fileHint')} />
        <Stepper.Step
          label={t('imports.steps.review')}
          description={t('imports.steps.reviewHint')}
          loading={previewing || phase === 'committing'}
        />
        <Stepper.Step label={t('imports.steps.report')} description={t('imports.steps.reportHint')} />
      </Stepper>
      {body}
      <ImportHistory />
    </Stack>
  );
}
