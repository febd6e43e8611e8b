/**
 * The owner's rules for packages and make-ups: which absences use up a prepaid
 * lesson, when Today warns, and the make-up window and limit. Every balance and
 * credit is worked out from these on each read, so a changed rule applies to past
 * roll calls too, which is what a school changing its policy mid-term expects of
 * a figure it never saw stored.
 */
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonRules } from '../../../src-shared/api/packages-methods';
import { useApi, useQuery } from '../../api/context';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';

const numbers = [
  ['packageLowLessons', 'lowLessons'],
  ['packageExpiryWarnDays', 'expiryDays'],
  ['makeupWithinDays', 'makeupDays'],
  ['makeupsPerTerm', 'makeupsPerTerm'],
] as const;

function RulesForm({ rules, onDone }: { rules: LessonRules; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState<Record<keyof LessonRules, boolean | number | string>>(rules);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.call('lessonRules.update', draft as unknown as LessonRules);
      notifications.show({ color: 'teal', message: t('packages.rules.saved') });
      onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'packages', Object.keys(rules)));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="lesson-rules">
      <Stack gap="sm">
        <Checkbox
          label={t('packages.rules.absentDeducts')}
          checked={draft.packageAbsentDeducts === true}
          onChange={(e) => setDraft({ ...draft, packageAbsentDeducts: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('packages.rules.excusedDeducts')}
          checked={draft.packageExcusedDeducts === true}
          onChange={(e) => setDraft({ ...draft, packageExcusedDeducts: e.currentTarget.checked })}
        />
        {numbers.map(([field, label]) => (
          <NumberInput
            key={field}
            label={t(`packages.rules.${label}`)}
            value={draft[field] as number | string}
            onChange={(value) => setDraft({ ...draft, [field]: value })}
            allowDecimal={false}
            allowNegative={false}
            min={0}
            error={errors.fields[field]}
          />
        ))}
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('packages.cancel')}
          </Button>
          <Button type="submit">{t('packages.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LessonRulesDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useQuery('lessonRules.get', {}, { tables: ['settings'] });
  return (
    <Modal opened={opened} onClose={onClose} title={t('packages.rules.title')}>
      {opened && (rules.data ? <RulesForm key={JSON.stringify(rules.data)} rules={rules.data} onDone={onClose} /> : <Skeleton h={200} />)}
    </Modal>
  );
}
