/**
 * The school's details printed on every receipt: address, tax number and logo
 * (read into a data: URL here, checked for type and size again by the API), saved
 * with receipts.updateDetails — the owner's, as settings are. A refusal is shown
 * next to the field it names, in the user's language.
 */
import { Button, FileButton, Group, Image, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolDetails } from '../../../src-shared/api/receipts-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';

const maxLogoBytes = 200_000;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function SchoolDetailsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const details = useQuery('receipts.details', {}, { tables: [] });
  return (
    <Modal opened onClose={onClose} title={t('receipts.detailsTitle')} data-testid="receipt-details-dialog">
      {details.data && <DetailsForm details={details.data} onClose={onClose} />}
    </Modal>
  );
}

function DetailsForm({ details, onClose }: { details: SchoolDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [address, setAddress] = useState(details.schoolAddress ?? '');
  const [taxId, setTaxId] = useState(details.taxId ?? '');
  const [logo, setLogo] = useState<string | null>(details.logoDataUrl);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const pickLogo = async (file: File | null) => {
    if (!file) return;
    if (file.size > maxLogoBytes) return setErrors({ logoDataUrl: t('receipts.errors.logo_too_large') });
    setErrors({});
    setLogo(await readAsDataUrl(file));
  };

  const save = async () => {
    setBusy(true);
    try {
      await api.call('receipts.updateDetails', { schoolAddress: address, taxId, logoDataUrl: logo });
      notifications.show({ color: 'teal', message: t('receipts.saved') });
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const next: Record<string, string> = {};
      for (const field of e.fields)
        next[String(field.path[0])] = t([`receipts.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      if (Object.keys(next).length === 0) next['form'] = t(`errors.code.${e.code}`);
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('receipts.detailsText')}
      </Text>
      <Textarea
        label={t('receipts.address')}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={errors['schoolAddress']}
        autosize
        minRows={2}
        data-testid="receipt-address"
      />
      <TextInput
        label={t('receipts.taxId')}
        value={taxId}
        onChange={(e) => setTaxId(e.currentTarget.value)}
        error={errors['taxId']}
        data-testid="receipt-tax-id"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('receipts.logo')}
        </Text>
        {logo && <Image src={logo} alt="" h={48} w="auto" fit="contain" />}
        <Group gap="xs">
          <FileButton onChange={(file) => void pickLogo(file)} accept="image/png,image/jpeg,image/svg+xml,image/webp">
            {(props) => (
              <Button variant="light" size="xs" {...props} data-testid="receipt-logo">
                {t('receipts.logoPick')}
              </Button>
            )}
          </FileButton>
          {logo && (
            <Button variant="subtle" color="red" size="xs" onClick={() => setLogo(null)}>
              {t('receipts.logoRemove')}
            </Button>
          )}
        </Group>
        {errors['logoDataUrl'] && (
          <Text size="xs" c="red">
            {errors['logoDataUrl']}
          </Text>
        )}
      </Stack>
      {errors['form'] && (
        <Text size="sm" c="red">
          {errors['form']}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('receipts.cancel')}
        </Button>
        <Button onClick={() => void save()} loading={busy} data-testid="receipt-details-save">
          {t('receipts.save')}
        </Button>
      </Group>
    </Stack>
  );
}
