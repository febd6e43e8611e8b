/**
 * What an import did, told right after it: created / updated / skipped, every
 * row problem with its row and column, the clients it touched (each a link to
 * that client's page in the Clients section), and the way back out — Undo,
 * behind a confirmation, because undoing removes records people may already be
 * looking at. The batch
 * detail is read from the API (`imports.get`), so the report still tells the
 * truth if the import is undone from elsewhere. The counts, problems and client
 * links are sections in ReportParts, the merges (each undoable alone) in
 * ReportMerges; this step adds the heading and the actions.
 */
import { Alert, Button, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconFileImport, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../src-shared/api/imports-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';
import { ReportMerges } from './ReportMerges';
import { ReportClients, ReportCounts, ReportErrors } from './ReportParts';
import { useUndoImport } from './UndoImport';

export function ReportStep({ result, fileName, onAnother }: { result: ImportResult; fileName: string; onAnother(): void }) {
  const { t } = useTranslation();
  const canUndo = useCan('records.delete');
  const openSection = useUiStore((s) => s.openSection);
  const { openClient, closeClient } = useClientsUi();
  const showClient = (id: string) => {
    openClient(id);
    openSection('clients');
  };
  const showClients = () => {
    closeClient();
    openSection('clients');
  };
  const detail = useQuery('imports.get', { batchId: result.batchId }, { tables: ['import_batches', 'clients'] });
  const undo = useUndoImport();
  const batch = detail.data;
  const undone = batch?.undoneAt != null;

  return (
    <Stack gap="lg" data-testid="import-report">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="xl" variant="light" color={result.alreadyImported ? 'yellow' : 'teal'}>
          <IconCircleCheck size={24} />
        </ThemeIcon>
        <div>
          <Title order={3}>{t(result.alreadyImported ? 'imports.report.titleNothing' : 'imports.report.title')}</Title>
          <Text size="sm" c="dimmed">
            {fileName}
          </Text>
        </div>
      </Group>
      {result.alreadyImported && (
        <Alert variant="light" color="yellow">
          {t('imports.report.nothingChanged')}
        </Alert>
      )}
      {undone && (
        <Alert variant="light" color="gray" icon={<IconArrowBackUp size={18} />} data-testid="report-undone">
          {t('imports.report.undone')}
        </Alert>
      )}
      <ReportCounts result={result} />
      <ReportErrors errors={result.errors} />
      {!result.alreadyImported && <ReportMerges batch={batch} />}
      <ReportClients batch={batch} undone={undone} onOpen={showClient} />
      <Group gap="sm">
        {batch && !undone && !result.alreadyImported && canUndo && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={() => undo.ask({ id: batch.id, fileName: batch.fileName })}
          >
            {t('imports.report.undo')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconUser size={16} />} onClick={showClients}>
          {t('imports.report.openClients')}
        </Button>
        <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onAnother}>
          {t('imports.report.another')}
        </Button>
      </Group>
      {undo.modal}
    </Stack>
  );
}
