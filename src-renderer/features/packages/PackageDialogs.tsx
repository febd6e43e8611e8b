/**
 * Selling a package and freezing one. Selling at the desk usually means taking
 * the money too, so "Paid now" starts on and the price is recorded as the
 * client's payment; amounts are typed in the currency's major units and sent in
 * minor units. Errors come back from the main process and stand beside the field
 * they are about, in the interface language.
 */
import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageView } from '../../../src-shared/api/packages-methods';
import { paymentMethods, type PaymentMethod } from '../../../src-shared/domain';
import type { PackageUnit } from '../../../src-shared/lesson-credit';
import { currencyExponent, toMinor } from '../../../src-shared/money';
import { useApi } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useFormat } from '../../shared/workspace';

const noErrors: FormErrors = { fields: {}, form: null };

type Amount = number | string;

/** Minor units of a typed amount: undefined when empty, the typed text otherwise (the main process names the problem). */
function minor(value: Amount, currency: string): number | undefined {
  if (typeof value === 'number') return toMinor(value, currency);
  return value.trim() === '' ? undefined : (value as unknown as number);
}

export interface EnrollmentChoice {
  id: string;
  label: string;
}

interface SellDraft {
  enrollmentId: string | null;
  unit: PackageUnit;
  quantity: Amount;
  lessonValue: Amount;
  price: Amount;
  startsOn: string;
  expiresOn: string;
  notes: string;
  paidNow: boolean;
  method: PaymentMethod;
}

function SellFields({ draft, set, errors }: { draft: SellDraft; set: (d: Partial<SellDraft>) => void; errors: FormErrors }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = {
    decimalScale: currencyExponent(format.currency),
    allowNegative: false,
    hideControls: true,
    rightSectionWidth: 48,
    rightSection: (
      <Text size="xs" c="dimmed">
        {format.currency}
      </Text>
    ),
  };
  return (
    <>
      <SegmentedControl
        value={draft.unit}
        onChange={(unit) => set({ unit: unit as PackageUnit })}
        data={(['lessons', 'money'] as const).map((u) => ({ value: u, label: t(`packages.field.units.${u}`) }))}
        aria-label={t('packages.field.unit')}
      />
      <Group grow align="flex-start">
        {draft.unit === 'lessons' ? (
          <NumberInput
            label={t('packages.field.quantityLessons')}
            value={draft.quantity}
            onChange={(quantity) => set({ quantity })}
            allowDecimal={false}
            min={1}
            error={errors.fields['quantity']}
            data-testid="package-quantity"
          />
        ) : (
          <NumberInput
            label={t('packages.field.quantityMoney')}
            value={draft.quantity}
            onChange={(quantity) => set({ quantity })}
            {...money}
            error={errors.fields['quantity']}
          />
        )}
        {draft.unit === 'money' && (
          <NumberInput
            label={t('packages.field.lessonValue')}
            value={draft.lessonValue}
            onChange={(lessonValue) => set({ lessonValue })}
            {...money}
            error={errors.fields['lessonValueMinor']}
          />
        )}
        <NumberInput
          label={t('packages.field.price')}
          value={draft.price}
          onChange={(price) => set({ price })}
          {...money}
          error={errors.fields['priceMinor']}
          data-testid="package-price"
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('packages.field.startsOn')}
          value={draft.startsOn}
          onChange={(e) => set({ startsOn: e.currentTarget.value })}
          error={errors.fields['startsOn']}
        />
        <TextInput
          type="date"
          label={t('packages.field.expiresOn')}
          value={draft.expiresOn}
          onChange={(e) => set({ expiresOn: e.currentTarget.value })}
          error={errors.fields['expiresOn']}
          data-testid="package-expires"
        />
      </Group>
    </>
  );
}

export function SellPackageDialog({
  opened,
  onClose,
  holderClientId,
  enrollments,
  today,
}: {
  opened: boolean;
  onClose: () => void;
  holderClientId: string;
  enrollments: EnrollmentChoice[];
  today: string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const fresh = (): SellDraft => ({
    enrollmentId: enrollments.length === 1 ? (enrollments[0]?.id ?? null) : null,
    unit: 'lessons',
    quantity: 10,
    lessonValue: '',
    price: '',
    startsOn: today,
    expiresOn: '',
    notes: '',
    paidNow: true,
    method: 'cash',
  });
  const [draft, setDraft] = useState<SellDraft>(fresh);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set = (d: Partial<SellDraft>) => setDraft((x) => ({ ...x, ...d }));
  const close = () => {
    setDraft(fresh());
    setErrors(noErrors);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const quantity =
        draft.unit === 'money' ? minor(draft.quantity, format.currency) : typeof draft.quantity === 'number' ? draft.quantity : undefined;
      await api.call('packages.sell', {
        holderClientId,
        enrollmentId: draft.enrollmentId,
        unit: draft.unit,
        quantity: quantity as number,
        lessonValueMinor: draft.unit === 'money' ? minor(draft.lessonValue, format.currency) : null,
        priceMinor: minor(draft.price, format.currency) ?? 0,
        startsOn: draft.startsOn,
        expiresOn: draft.expiresOn || null,
        notes: draft.notes || null,
        payment: draft.paidNow ? { method: draft.method } : null,
      });
      notifications.show({ color: 'teal', message: t('packages.sold') });
      close();
    } catch (error) {
      const known = ['enrollmentId', 'quantity', 'lessonValueMinor', 'priceMinor', 'startsOn', 'expiresOn', 'notes'];
      setErrors(formErrorsOf(error, t, 'packages', known));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('packages.sellTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} data-testid="sell-package">
        <Stack gap="sm">
          <Select
            label={t('packages.field.enrollment')}
            data={[{ value: '', label: t('packages.field.anyEnrollment') }, ...enrollments.map((e) => ({ value: e.id, label: e.label }))]}
            value={draft.enrollmentId ?? ''}
            onChange={(id) => set({ enrollmentId: id || null })}
            error={errors.fields['enrollmentId']}
            allowDeselect={false}
          />
          <SellFields draft={draft} set={set} errors={errors} />
          <TextInput label={t('packages.field.notes')} value={draft.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
          <Group align="flex-end">
            <Checkbox
              label={t('packages.field.paidNow')}
              checked={draft.paidNow}
              onChange={(e) => set({ paidNow: e.currentTarget.checked })}
            />
            {draft.paidNow && (
              <Select
                label={t('packages.field.method')}
                data={paymentMethods.map((m) => ({ value: m, label: t(`packages.methods.${m}`) }))}
                value={draft.method}
                onChange={(m) => set({ method: (m ?? 'cash') as PaymentMethod })}
                allowDeselect={false}
                w={160}
              />
            )}
          </Group>
          {draft.paidNow && (
            <Text size="xs" c="dimmed">
              {t('packages.paidHint')}
            </Text>
          )}
          {errors.form && (
            <Alert color="red" variant="light">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('packages.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="sell-package-save">
              {t('packages.sell')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function FreezeDialog({ pkg, onClose, today }: { pkg: PackageView | null; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState({ startsOn: today, endsOn: '', note: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const close = () => {
    setDraft({ startsOn: today, endsOn: '', note: '' });
    setErrors(noErrors);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pkg) return;
    try {
      await api.call('packages.freeze', { packageId: pkg.id, startsOn: draft.startsOn, endsOn: draft.endsOn, note: draft.note || null });
      notifications.show({ color: 'teal', message: t('packages.frozen') });
      close();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'packages', ['startsOn', 'endsOn', 'note']));
    }
  };
  return (
    <Modal opened={pkg !== null} onClose={close} title={t('packages.freezeTitle')}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('packages.field.from')}
              value={draft.startsOn}
              onChange={(e) => setDraft({ ...draft, startsOn: e.currentTarget.value })}
              error={errors.fields['startsOn']}
            />
            <TextInput
              type="date"
              label={t('packages.field.to')}
              value={draft.endsOn}
              onChange={(e) => setDraft({ ...draft, endsOn: e.currentTarget.value })}
              error={errors.fields['endsOn']}
            />
          </Group>
          <TextInput
            label={t('packages.field.note')}
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
          />
          {errors.form && (
            <Alert color="red" variant="light">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('packages.cancel')}
            </Button>
            <Button type="submit">{t('packages.freeze')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
