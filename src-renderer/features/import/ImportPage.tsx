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
 * engine guarantees the database is untouched by a failure. The actions live in
 * useImportFlow and the review step in ReviewStep; this page picks the step.
 */
import { Alert, Group, Loader, Paper, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/workspace';
import { ExportMenu } from '../export';
import { FileDrop } from './FileDrop';
import { ImportHistory } from './ImportHistory';
import { ReportStep } from './ReportStep';
import { ReviewStep } from './ReviewStep';
import { useImportFlow } from './useImportFlow';

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
  const format = useFormat();
  const flow = useImportFlow();
  const { phase, draft, preview, result, resultFileName, reset } = flow.session;
  const { fileError, fileErrorCode, previewing } = flow;

  const active = phase === 'choose' || phase === 'reading' ? 0 : phase === 'report' ? 3 : 1;
  const importable = preview ? preview.totalRows - preview.summary.skippedRows : 0;

  let body;
  if (phase === 'reading') {
    body = <Working label={draft ? t('imports.working.previewing') : t('imports.working.reading', { fileName: flow.readingName })} />;
  } else if (phase === 'committing' && preview) {
    body = <Working label={t('imports.working.committing', { count: importable, formatted: format.integer(importable) })} />;
  } else if ((phase === 'review' || phase === 'committing') && draft && preview) {
    body = (
      <ReviewStep
        draft={draft}
        preview={preview}
        previewing={previewing}
        reviewError={flow.reviewError}
        importable={importable}
        onChange={flow.change}
        onDecide={flow.decide}
        onBack={reset}
        onConfirm={() => void flow.commit(draft, preview)}
      />
    );
  } else if (phase === 'report' && result) {
    body = <ReportStep result={result} fileName={resultFileName ?? ''} onAnother={reset} />;
  } else {
    body = (
      <Stack gap="sm">
        <FileDrop onFile={(file) => void flow.onFile(file)} />
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
            {fileErrorCode && (
              <Text size="xs" c="dimmed" mt={4} data-testid="file-error-code">
                {t('imports.fileErrors.code', { code: fileErrorCode })}
              </Text>
            )}
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
