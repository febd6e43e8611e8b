/**
 * The preview of rows pasted from a spreadsheet: every row checked with the API's
 * schema, problems shown at their row and column in the user's language, and one
 * button that saves all ready rows in a single API call — one change in the log,
 * so one undo takes the whole paste back. If the API still refuses a row, nothing
 * is saved and its problems join the preview.
 */
import { Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { bulkErrorsToRows, planPaste, type CellProblem, type PasteColumn } from './model/paste';
import type { GridColumn, GridPaste } from './types';

interface Props<Row, Input> {
  matrix: string[][];
  /** Visible editable columns from the cursor rightwards: where the block lands. */
  columns: readonly GridColumn<Row>[];
  /** Every column, for a pasted header row that names columns out of view. */
  allColumns: readonly GridColumn<Row>[];
  paste: GridPaste<Input>;
  errorNamespace: string | undefined;
  onClose: () => void;
}

const toPasteColumn = <Row,>(c: GridColumn<Row>): PasteColumn => ({
  id: c.id,
  header: c.header,
  ...(c.field ? { field: c.field } : {}),
  ...(c.parse ? { parse: c.parse } : {}),
});

export function PasteDialog<Row, Input>({ matrix, columns, allColumns, paste, errorNamespace, onClose }: Props<Row, Input>) {
  const { t } = useTranslation();
  const [apiProblems, setApiProblems] = useState<Map<number, CellProblem[]>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const plan = useMemo(() => {
    const target = columns.map(toPasteColumn);
    const withHeaders = [...target, ...allColumns.filter((c) => !columns.includes(c) && (c.editor || c.parse)).map(toPasteColumn)];
    const first = planPaste(matrix, withHeaders, paste.schema, paste.build);
    return first.headerSkipped ? first : planPaste(matrix, target, paste.schema, paste.build);
  }, [matrix, columns, allColumns, paste]);

  const ready = plan.rows.filter((r) => r.input !== null && !apiProblems.has(r.index));
  const message = (p: CellProblem) => {
    const column = plan.columns.find((c) => c.id === p.columnId);
    const field = column ? (column.field ?? column.id) : '';
    return t([
      ...(errorNamespace && field ? [`${errorNamespace}.errors.${field}.${p.code}`] : []),
      `errors.field.${p.code}`,
      'errors.field.invalid',
    ]);
  };

  const apply = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await paste.apply(ready.map((r) => r.input as Input));
      notifications.show({ color: 'teal', message: t('grid.pasteApplied', { count: ready.length }) });
      onClose();
    } catch (error) {
      if (error instanceof ApiError) {
        const byReady = bulkErrorsToRows(error.fields, plan.columns);
        const byIndex = new Map<number, CellProblem[]>();
        for (const [i, problems] of byReady) {
          const row = ready[i];
          if (row) byIndex.set(row.index, problems);
        }
        setApiProblems(byIndex);
        setFailure(t(`errors.code.${error.code}`));
      } else setFailure(String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('grid.pasteTitle', { count: plan.rows.length })} size="xl" data-testid="paste-dialog">
      <Stack gap="sm">
        {plan.headerSkipped && (
          <Text size="sm" c="dimmed">
            {t('grid.pasteHeaderSkipped')}
          </Text>
        )}
        <Group gap="xs">
          <Badge color="teal" variant="light">
            {t('grid.pasteSummary', { valid: ready.length, invalid: plan.rows.length - ready.length })}
          </Badge>
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Table striped withTableBorder withColumnBorders fz="xs" data-testid="paste-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grid.row')}</Table.Th>
                {plan.columns.map((c) => (
                  <Table.Th key={c.id}>{c.header}</Table.Th>
                ))}
                <Table.Th>{t('grid.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.rows.map((row) => {
                const problems = [...row.problems, ...(apiProblems.get(row.index) ?? [])];
                return (
                  <Table.Tr key={row.index} data-valid={problems.length === 0}>
                    <Table.Td>{row.index + 1}</Table.Td>
                    {plan.columns.map((c) => {
                      const bad = problems.some((p) => p.columnId === c.id);
                      return (
                        <Table.Td key={c.id} c={bad ? 'red' : undefined} fw={bad ? 600 : undefined}>
                          {row.cells[c.id] ?? ''}
                        </Table.Td>
                      );
                    })}
                    <Table.Td c="red">
                      {problems
                        .map((p) => `${plan.columns.find((c) => c.id === p.columnId)?.header ?? ''}${p.columnId ? ': ' : ''}${message(p)}`)
                        .join('; ')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {failure && <Alert color="red">{failure}</Alert>}
        <Text size="xs" c="dimmed">
          {ready.length > 0 ? t('grid.pasteOnlyValid') : t('grid.pasteNothing')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('grid.cancel')}
          </Button>
          <Button onClick={() => void apply()} disabled={ready.length === 0} loading={busy} data-testid="paste-apply">
            {t('grid.pasteApply', { count: ready.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
