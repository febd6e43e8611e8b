/**
 * "New enrollment", the most common action, in one dialog: find or create the
 * client (with a warning, while typing, about people who may already be on file
 * by phone, e-mail or name), pick a group — or only a program, "interested, no
 * group yet" — the status, the agreed price (prefilled from the group, else the
 * program) and discount, an instalment plan (N equal instalments from a date, or
 * rows typed by hand) and a first payment. Everything goes to the workspace in
 * ONE call, `enrollments.enroll`, so a mistake anywhere saves nothing and the
 * error shows under the field it came from. The form is a shell over four
 * sections (client, group and price, plan, first payment), each with its state
 * in its own hook, and one hook that places the API's errors under the fields.
 */
import { Alert, Button, Divider, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../src-shared/dates';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import { ClientSection, useClientChoice } from './ClientSection';
import { CohortAndPriceSection, useCohortAndPrice } from './CohortAndPriceSection';
import { FirstPaymentSection, useFirstPayment } from './FirstPaymentSection';
import { PlanSection, useInstalmentPlan } from './PlanSection';
import { useEnrollUi, type EnrollPreset } from './store';
import { useEnrollErrors } from './useEnrollErrors';

/** The form: each section keeps its own state in its hook; the form only submits their parts as one call. */
function EnrollForm({ preset, onDone }: { preset: EnrollPreset; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const settings = useSettings();
  const canPay = useCan('payments.write');
  const canPrice = useCan('prices.write');
  const today = todayIn(settings.timeZone, new Date());
  const errors = useEnrollErrors();
  const client = useClientChoice(preset, errors.clear);
  const terms = useCohortAndPrice(preset);
  const plan = useInstalmentPlan(today, terms.chosenCohort?.startOn, terms.totalMinor);
  const payment = useFirstPayment();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    errors.clearFormError();
    try {
      const result = await api.call('enrollments.enroll', {
        ...client.toInput(),
        ...terms.toInput(),
        plan: plan.toInput(),
        firstPayment: payment.toInput(format.currency, today),
      });
      notifications.show({ color: 'teal', message: t('enroll.done', { name: result.client.displayName }) });
      onDone();
    } catch (error) {
      errors.showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="enroll-form">
      <Stack gap="md">
        <ClientSection client={client} errors={errors} />
        <Divider />
        <CohortAndPriceSection terms={terms} errors={errors} canPrice={canPrice} />
        <Divider />
        <PlanSection plan={plan} errors={errors} canPrice={canPrice} />
        {canPay && (
          <>
            <Divider />
            <FirstPaymentSection payment={payment} errors={errors} />
          </>
        )}
        {errors.formError && (
          <Alert color="red" variant="light" data-testid="enroll-error">
            {errors.formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('enroll.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="enroll-submit">
            {t('enroll.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EnrollDialog() {
  const { t } = useTranslation();
  const { opened, preset, session, close } = useEnrollUi();
  return (
    <Modal opened={opened} onClose={close} title={t('enroll.title')} size="lg" centered data-testid="enroll-dialog">
      {opened && <EnrollForm key={session} preset={preset} onDone={close} />}
    </Modal>
  );
}
