/**
 * How a change-log value reads on screen. The log stores raw column values
 * ("declined", "+36209876543", `{}`, `["vip"]`), and history used to show them
 * that way; this turns them into what the school would write: an empty value
 * as a dash, booleans as yes/no, amounts in minor units as money in the
 * workspace currency, dates by the school's locale, phones the way the school's
 * country writes them, enumerations with the one label table every screen uses
 * (i18n/labels.ts, so history says "Nem kéri" exactly like the board), lists
 * and imported extra columns as chips. Column and table names get the
 * interface's words.
 */
import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../src-shared/phone';
import { statusChangeText } from '../../shared/labels';
import { useFormat, useSettings, type Formatters } from '../../shared/workspace';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** Columns SQLite stores as 0/1 that mean yes/no. */
const flagColumns = new Set(['active', 'archived', 'published', 'marketing_consent', 'voided']);
/** `agreedPriceMinor` and `agreed_price_minor` name the same column. */
const snake = (name: string) => name.replace(/([A-Z])/g, '_$1').toLowerCase();
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The label table (`labels.<table>.<value>`) an enumerated column reads from, by table and column. */
function enumTable(table: string | undefined, column: string): string | null {
  if (column === 'status' || column === 'to_status' || column === 'from_status')
    return table === 'cohorts' ? 'cohortStatus' : 'enrollmentStatus';
  if (column === 'method') return 'paymentMethod';
  if (column === 'kind' && table === 'programs') return 'programKind';
  if (column === 'kind' && table === 'activities') return 'activityKind';
  return null;
}

/** A list or a JSON object (tags, imported extra columns) as separate items; null when the value is neither. */
export function listItems(value: unknown): string[] | null {
  let parsed = value;
  if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (Array.isArray(parsed)) return parsed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (parsed && typeof parsed === 'object') {
    return Object.entries(parsed).map(([key, item]) => `${key}: ${typeof item === 'string' ? item : JSON.stringify(item)}`);
  }
  return null;
}

interface ValueContext {
  t: TFunction;
  format: Formatters;
  country?: string | null;
  table?: string;
}

export function valueText(column: string, value: unknown, { t, format, country, table }: ValueContext): string {
  const name = snake(column);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (flagColumns.has(name) && (value === 0 || value === 1)) return t(value === 1 ? 'audit.yes' : 'audit.no');
  if (name === 'role' && typeof value === 'string') return t([`auth.roles.${value}`, 'audit.unknown'], { defaultValue: value });
  const labels = enumTable(table, name);
  if (labels && typeof value === 'string') return t(`labels.${labels}.${value}`, { defaultValue: value });
  if (typeof value === 'number' && /(_minor|Minor)$/.test(column)) return format.money(value);
  if (typeof value === 'number') return format.integer(value);
  if (typeof value === 'string') {
    if (name === 'phone') return formatPhone(value, country) || value;
    if (name === 'summary' && table === 'activities') return statusChangeText(value, t);
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

export function ChangeValue({ column, value, strike, table }: { column: string; value: unknown; strike?: boolean; table?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { country } = useSettings();
  const items = listItems(value);
  if (items) {
    if (items.length === 0) return <Text size="sm">—</Text>;
    return (
      <Group gap={4} data-testid="audit-chips" style={strike ? { opacity: 0.55 } : undefined}>
        {items.map((item) => (
          <Badge key={item} size="sm" variant="light" color="gray" tt="none">
            {item}
          </Badge>
        ))}
      </Group>
    );
  }
  return (
    <Text size="sm" td={strike ? 'line-through' : undefined} c={strike ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
      {valueText(column, value, { t, format, country, table })}
    </Text>
  );
}
