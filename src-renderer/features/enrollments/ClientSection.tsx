/**
 * The client part of the New-enrollment dialog: either an existing client found
 * by name, phone or e-mail, or a new one typed in, with a warning — while typing —
 * about people who may already be on file. The section's state lives in its own
 * hook so the dialog's submit can read the chosen client without knowing how it
 * was chosen, and so the duplicate look-ups run only while a new client is typed.
 */
import { Alert, Anchor, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { useQuery } from '../../api/context';
import type { EnrollPreset } from './store';
import type { EnrollErrors } from './useEnrollErrors';
import { nameFieldOrder } from '../../../src-shared/names';
import { useSettings } from '../../shared/workspace';

type ClientMode = 'new' | 'existing';

export function useClientChoice(preset: EnrollPreset, clear: EnrollErrors['clear']) {
  const [mode, setMode] = useState<ClientMode>(preset.clientId ? 'existing' : 'new');
  const [clientId, setClientId] = useState<string | null>(preset.clientId ?? null);
  const [search, setSearch] = useState(preset.clientName ?? '');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');

  const [debouncedSearch] = useDebouncedValue(search, 150);
  const clientOptions = useQuery('clients.list', { query: debouncedSearch || undefined, limit: 20 }, { tables: ['clients'] });
  const [dupName] = useDebouncedValue([lastName, firstName].filter(Boolean).join(' '), 250);
  const [dupPhone] = useDebouncedValue(phone, 250);
  const [dupEmail] = useDebouncedValue(email, 250);
  const duplicates = useQuery(
    'clients.findDuplicates',
    {
      name: mode === 'new' ? dupName || undefined : undefined,
      phone: mode === 'new' ? dupPhone || undefined : undefined,
      email: mode === 'new' ? dupEmail || undefined : undefined,
    },
    { tables: ['clients'] },
  );

  const selectData = useMemo(() => {
    const options = (clientOptions.data?.rows ?? []).map((c) => ({
      value: c.id,
      label: c.phone ? `${c.displayName} · ${c.phone}` : c.displayName,
    }));
    if (clientId && !options.some((o) => o.value === clientId)) options.unshift({ value: clientId, label: preset.clientName ?? search });
    return options;
  }, [clientOptions.data, clientId, preset.clientName, search]);

  const pickExisting = (id: string, name: string) => {
    setMode('existing');
    setClientId(id);
    setSearch(name);
    clear('clientId');
  };

  /** The client part of the enroll call. */
  const toInput = (): Pick<MethodInput<'enrollments.enroll'>, 'clientId' | 'newClient'> =>
    mode === 'existing'
      ? { clientId: clientId ?? undefined }
      : { newClient: { firstName: firstName || null, lastName: lastName || null, phone: phone || null, email: email || null } };

  return {
    mode,
    setMode,
    existing: { clientId, setClientId, search, setSearch, selectData },
    typed: { firstName, setFirstName, lastName, setLastName, phone, setPhone, email, setEmail },
    possibleDuplicates: mode === 'new' ? (duplicates.data ?? []) : [],
    pickExisting,
    toInput,
  };
}

type ClientChoice = ReturnType<typeof useClientChoice>;

export function ClientSection({ client, errors }: { client: ClientChoice; errors: EnrollErrors }) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between" align="center">
        <Text fw={600}>{t('enroll.client')}</Text>
        <SegmentedControl
          size="xs"
          value={client.mode}
          onChange={(v) => client.setMode(v as ClientMode)}
          data={[
            { value: 'new', label: t('enroll.newClient') },
            { value: 'existing', label: t('enroll.existingClient') },
          ]}
          data-testid="client-mode"
        />
      </Group>
      {client.mode === 'existing' ? (
        <ExistingClientSelect existing={client.existing} errors={errors} />
      ) : (
        <>
          <NewClientFields typed={client.typed} errors={errors} />
          {client.possibleDuplicates.length > 0 && <DuplicateWarning duplicates={client.possibleDuplicates} onPick={client.pickExisting} />}
        </>
      )}
    </>
  );
}

function ExistingClientSelect({ existing, errors }: { existing: ClientChoice['existing']; errors: EnrollErrors }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('enroll.findClient')}
      placeholder={t('enroll.findClientPlaceholder')}
      searchable
      searchValue={existing.search}
      onSearchChange={existing.setSearch}
      filter={({ options }) => options}
      data={existing.selectData}
      value={existing.clientId}
      onChange={(v) => {
        existing.setClientId(v);
        errors.clear('clientId');
      }}
      nothingFoundMessage={t('enroll.noClientFound')}
      error={errors.err('clientId')}
      comboboxProps={{ withinPortal: true }}
      // A client chosen on their page needs no search: the dialog does not open its list.
      data-autofocus={existing.clientId ? undefined : true}
      name="clientId"
    />
  );
}

function NewClientFields({ typed, errors }: { typed: ClientChoice['typed']; errors: EnrollErrors }) {
  const { t } = useTranslation();
  const { err, clear } = errors;
  const names = {
    lastName: { value: typed.lastName, set: typed.setLastName },
    firstName: { value: typed.firstName, set: typed.setFirstName },
  };
  // In the order the school writes names; a missing name is shown under the family name (useEnrollErrors).
  const order = nameFieldOrder(useSettings().locale);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      {order.map((field, index) => (
        <TextInput
          key={field}
          label={t(`enroll.${field}`)}
          value={names[field].value}
          onChange={(e) => {
            names[field].set(e.currentTarget.value);
            clear('newClient.lastName', 'clientId');
          }}
          error={field === 'lastName' ? err('newClient.lastName') : undefined}
          data-autofocus={index === 0 || undefined}
          name={field}
        />
      ))}
      <TextInput
        label={t('enroll.phone')}
        value={typed.phone}
        onChange={(e) => {
          typed.setPhone(e.currentTarget.value);
          clear('newClient.phone');
        }}
        error={err('newClient.phone')}
        type="tel"
        name="phone"
      />
      <TextInput
        label={t('enroll.email')}
        value={typed.email}
        onChange={(e) => {
          typed.setEmail(e.currentTarget.value);
          clear('newClient.email');
        }}
        error={err('newClient.email')}
        type="email"
        name="email"
      />
    </SimpleGrid>
  );
}

function DuplicateWarning(props: { duplicates: ClientChoice['possibleDuplicates']; onPick: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={t('enroll.duplicatesTitle')}
      data-testid="duplicate-warning"
    >
      <Stack gap={4}>
        {props.duplicates.map((d) => (
          <Group key={d.id} gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm">
              {d.displayName}
              <Text span c="dimmed" size="xs">
                {' · '}
                {[d.phone, d.email].filter(Boolean).join(' · ')} ({d.matchedOn.map((m) => t(`enroll.matchedOn.${m}`)).join(', ')})
              </Text>
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => props.onPick(d.id, d.displayName)}>
              {t('enroll.useThisClient')}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
