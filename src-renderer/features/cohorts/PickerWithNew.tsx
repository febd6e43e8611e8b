/**
 * A picker that can add what it lacks: the cohort editor's program, teacher and
 * room lists end with "+ New teacher “Anna”". Before it, the teacher list of a
 * new school was empty with no hint where teachers are added, and the person had
 * to leave a half-filled group to find the catalog. Typing a name and choosing
 * the last line creates the record through the API and selects it; choosing it
 * with nothing typed opens a small name field under the picker.
 */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../shared/permissions';

const newValue = '__new__';

interface PickerWithNewProps {
  label: string;
  data: { value: string; label: string }[];
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  name: string;
  clearable?: boolean;
  autoFocus?: boolean;
  /** "+ New teacher “{{name}}”" / "+ New teacher…" */
  newLabel: (name: string) => string;
  /** What to say while the list is empty. */
  emptyHint: string;
  /** Creates the record and answers its id. */
  create: (name: string) => Promise<string>;
}

export function PickerWithNew(props: PickerWithNewProps) {
  const { t } = useTranslation();
  const canCreate = useCan('catalog.write');
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = search.trim();
  const known = props.data.some((d) => d.label.toLowerCase() === typed.toLowerCase());
  const data = canCreate && !known ? [...props.data, { value: newValue, label: props.newLabel(typed) }] : props.data;

  const create = async (name: string) => {
    setBusy(true);
    try {
      props.onChange(await props.create(name));
      setAdding(null);
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const choose = (value: string | null) => {
    if (value !== newValue) return props.onChange(value);
    if (typed) void create(typed);
    else setAdding('');
  };

  return (
    <div>
      <Select
        label={props.label}
        data={data}
        value={props.value}
        onChange={choose}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        clearable={props.clearable}
        error={props.error}
        description={props.data.length === 0 && canCreate ? props.emptyHint : undefined}
        comboboxProps={{ withinPortal: true }}
        nothingFoundMessage={props.emptyHint}
        name={props.name}
        data-autofocus={props.autoFocus || undefined}
      />
      {adding !== null && (
        <Group gap="xs" mt={6} align="flex-end" wrap="nowrap">
          <TextInput
            aria-label={props.newLabel('')}
            placeholder={props.label}
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (adding.trim()) void create(adding.trim());
              }
            }}
            style={{ flex: 1 }}
            autoFocus
            data-testid={`${props.name}-new-name`}
          />
          <Button size="sm" loading={busy} disabled={!adding.trim()} onClick={() => void create(adding.trim())}>
            {t('cohorts.form.add')}
          </Button>
          <Button size="sm" variant="default" onClick={() => setAdding(null)}>
            {t('cohorts.form.cancelNew')}
          </Button>
        </Group>
      )}
    </div>
  );
}
