/**
 * A new client from the Clients screen: names, phone and e-mail, the few things
 * people know at the first call, and where they heard of the school (the
 * school's source channels). A birth date is asked for here when the school
 * requires it (Settings › Lists). The API's refusals appear under their fields in
 * the user's language; on success the new client's page opens.
 */
import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useClientsUi } from '../../stores/clients';
import { useSettings } from '../../shared/workspace';
import { nameFieldOrder } from '../../../src-shared/names';
import { SourceChannelSelect } from '../marketing';

type Field = 'firstName' | 'lastName' | 'phone' | 'email' | 'birthDate' | 'sourceChannel';

export function NewClientDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const openClient = useClientsUi((s) => s.openClient);
  const [firstField, secondField] = nameFieldOrder(useSettings().locale);
  const [values, setValues] = useState<Record<Field, string>>({
    firstName: '',
    lastName: '',
    phone: '',
    email: '',
    birthDate: '',
    sourceChannel: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field | 'displayName' | 'form', string>>>({});
  const required = useQuery('schoolLists.get', {}, { tables: ['settings'] }).data?.requiredClientFields ?? [];
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const created = await api.call('clients.create', {
        firstName: values.firstName || null,
        lastName: values.lastName || null,
        phone: values.phone || null,
        email: values.email,
        birthDate: values.birthDate || null,
        sourceChannel: values.sourceChannel || null,
      });
      notifications.show({ color: 'teal', message: t('clients.created', { name: created.displayName }) });
      onClose();
      openClient(created.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Partial<Record<Field | 'displayName' | 'form', string>> = {};
      const shown = new Set<string>(['firstName', 'lastName', 'displayName', 'phone', 'email', 'sourceChannel', 'birthDate']);
      for (const [key, field] of Object.entries(error.byField())) {
        const text = t([`clients.errors.${key}.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
        // A field the school requires that this dialog does not ask for (a guardian): said above the buttons, with its name.
        if (shown.has(key)) next[key as Field] = text;
        else next.form = `${t(`marketing.field.${key}`, { defaultValue: key })}: ${text}`;
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  const input = (field: Field, label: string, autoFocus = false) => (
    <TextInput
      type={field === 'birthDate' ? 'date' : 'text'}
      label={label}
      value={values[field]}
      onChange={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
      error={errors[field] ?? (field === firstField ? errors.displayName : undefined)}
      data-autofocus={autoFocus || undefined}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('clients.newClient')} data-testid="new-client-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            {input(firstField, t(`clients.col.${firstField}`), true)}
            {input(secondField, t(`clients.col.${secondField}`))}
          </SimpleGrid>
          {input('phone', t('clients.col.phone'))}
          {input('email', t('clients.col.email'))}
          {required.includes('birthDate') && input('birthDate', t('clients.col.birthDate'))}
          <SourceChannelSelect
            value={values.sourceChannel}
            onChange={(value) => setValues({ ...values, sourceChannel: value })}
            error={errors.sourceChannel}
            data-testid="new-client-source"
          />
          {errors.form && (
            <Alert color="red" variant="light">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('clients.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="new-client-save">
              {t('clients.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
