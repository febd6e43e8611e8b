/**
 * The column mapping: one line per column of the sheet with its header, a few
 * sample values, how sure the engine is (a badge whose colour and word say the
 * same thing, for people who do not tell colours apart) and a Select to send
 * the column anywhere else. "Keep as extra information" is a target like the
 * others, so nobody has to fear that an unmapped column is lost.
 */
import { Badge, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportColumn, ImportField, ImportFieldInfo } from '../../../src-shared/api/imports-methods';

const keepValue = '__extra__';

export function confidenceLevel(column: ImportColumn): 'high' | 'medium' | 'low' | 'none' | 'saved' | 'chosen' {
  if (column.source === 'chosen') return 'chosen';
  if (column.source === 'saved') return 'saved';
  if (column.field === null) return 'none';
  if (column.confidence >= 0.85) return 'high';
  if (column.confidence >= 0.6) return 'medium';
  return 'low';
}

const levelColor = { high: 'teal', medium: 'yellow', low: 'orange', none: 'gray', saved: 'blue', chosen: 'violet' } as const;

function ConfidenceBadge({ column }: { column: ImportColumn }) {
  const { t } = useTranslation();
  const level = confidenceLevel(column);
  const percent = Math.round(column.confidence * 100);
  const badge = (
    <Badge color={levelColor[level]} variant="light" radius="sm" data-testid="mapping-confidence" data-level={level}>
      {t(`imports.mapping.${level}`)}
      {level === 'high' || level === 'medium' || level === 'low' ? ` · ${percent}%` : ''}
    </Badge>
  );
  if (column.field === null) return badge;
  return (
    <Tooltip label={t('imports.mapping.percent', { percent, source: t(`imports.mapping.sources.${column.source}`) })}>{badge}</Tooltip>
  );
}

export function headerOf(column: ImportColumn, t: TFunction): string {
  return column.header.trim() === '' ? t('imports.mapping.untitled', { index: column.index + 1 }) : column.header;
}

export function MappingTable({
  columns,
  fields,
  chosen,
  disabled,
  onChange,
}: {
  columns: readonly ImportColumn[];
  fields: readonly ImportFieldInfo[];
  /** The person's choices, shown even while the engine has not (or could not) answer them yet. */
  chosen: Readonly<Record<number, ImportField | null>>;
  disabled: boolean;
  onChange(column: number, field: ImportField | null): void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: keepValue, label: t('imports.mapping.keep') },
    ...fields.map((info) => ({ value: info.field, label: t(info.labelKey, { defaultValue: info.field }) })),
  ];
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.mapping.column')}</Table.Th>
            <Table.Th>{t('imports.mapping.samples')}</Table.Th>
            <Table.Th w={190}>{t('imports.mapping.confidence')}</Table.Th>
            <Table.Th w={280}>{t('imports.mapping.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((shown) => {
            const column: ImportColumn =
              shown.index in chosen && chosen[shown.index] !== shown.field
                ? { ...shown, field: chosen[shown.index] ?? null, source: 'chosen', confidence: 1 }
                : shown;
            const header = headerOf(column, t);
            return (
              <Table.Tr key={column.index} data-testid="mapping-row" data-column={column.index}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {header}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    {column.samples.slice(0, 3).map((sample, i) => (
                      <Text
                        key={i}
                        size="xs"
                        c="dimmed"
                        ff="monospace"
                        bg="var(--mantine-color-default-hover)"
                        px={6}
                        py={1}
                        style={{ borderRadius: 4 }}
                        maw={180}
                        truncate
                      >
                        {sample}
                      </Text>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ConfidenceBadge column={column} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('imports.mapping.targetLabel', { header })}
                    data={options}
                    value={column.field ?? keepValue}
                    onChange={(value) => value && onChange(column.index, value === keepValue ? null : (value as ImportField))}
                    allowDeselect={false}
                    disabled={disabled}
                    searchable
                    size="sm"
                    comboboxProps={{ withinPortal: true }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
