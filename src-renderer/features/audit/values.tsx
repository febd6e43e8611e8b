/**
 * How a change-log value reads on screen. The log stores raw column values, so
 * this turns them into what the school would write: an empty value as a dash,
 * booleans as yes/no, amounts in minor units (`*_minor` columns) as money in
 * the workspace currency, dates by locale, and anything structured as compact
 * JSON. Column and table names get the interface's words where it has them.
 */
import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../shared/workspace';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** Columns SQLite stores as 0/1 that mean yes/no. */
const flagColumns = new Set(['active', 'archived', 'published', 'marketing_consent', 'voided']);
/** `agreedPriceMinor` and `agreed_price_minor` name the same column. */
const snake = (name: string) => name.replace(/([A-Z])/g, '_$1').toLowerCase();
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function valueText(column: string, value: unknown, t: TFunction, format: Formatters): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (flagColumns.has(snake(column)) && (value === 0 || value === 1)) return t(value === 1 ? 'audit.yes' : 'audit.no');
  if (snake(column) === 'role' && typeof value === 'string') return t([`auth.roles.${value}`, 'audit.unknown'], { defaultValue: value });
  if (typeof value === 'number' && /(_minor|Minor)$/.test(column)) return format.money(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (isoDay.test(value)) return format.date(value);
    if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return format.date(new Date(value), 'medium');
    return value;
  }
  return JSON.stringify(value);
}

export function columnLabel(column: string, t: TFunction, i18nExists: (key: string) => boolean): string {
  const key = `audit.columns.${snake(column)}`;
  return i18nExists(key) ? t(key) : snake(column).replace(/_/g, ' ');
}

export function tableLabel(table: string, t: TFunction, i18nExists: (key: string) => boolean): string {
  const key = `audit.tables.${table}`;
  return i18nExists(key) ? t(key) : table.replace(/_/g, ' ');
}

export function ChangeValue({ column, value, strike }: { column: string; value: unknown; strike?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Text size="sm" td={strike ? 'line-through' : undefined} c={strike ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
      {valueText(column, value, t, format)}
    </Text>
  );
}
