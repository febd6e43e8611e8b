/**
 * A new client from the Clients screen: names, phone and e-mail, the few things
 * people know at the first call. The API's refusals appear under their fields in
 * the user's language; on success the new client's page opens.
 */
import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useClientsUi } from '../../stores/clients';
import { useSettings } from '../../shared/workspace';
import { nameFieldOrder } from '../../../src-shared/names';

type Field = 'firstName' | 'lastName' | 'phone' | 'email';

export function NewClientDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const openClient = useClientsUi((s) => s.openClient);
  const [firstField, secondField] = nameFieldOrder(useSettings().locale);
  const [values, setValues] = useState<Record<Field, string>>({ firstName: '', lastName: '', phone: '', email: '' });
  const [errors, setErrors] = useState<Partial<Record<Field | 'displayName', string>>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const created = await api.call('clients.create', {
        firstName: values.firstName || null,
        lastName: values.lastName || null,
        phone: values.phone || null,
        email: values.email,
      });
      notifications.show({ color: 'teal', message: t('clients.created', { name: created.displayName }) });
      onClose();
      openClient(created.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const next: Partial<Record<Field | 'displayName', string>> = {};
      for (const [key, field] of Object.entries(error.byField())) {
        next[key as Field] = t([`clients.errors.${key}.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  const input = (field: Field, label: string, autoFocus = false) => (
    <TextInput
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
