/**
 * The "School" settings tab: the school's name, currency, locale (which is also
 * the interface language and the default country for phone numbers), time zone
 * the first day of the week, and the owner's safety settings (how soon an idle
 * app locks, whether an assistant may change agreed prices), saved with settings.update — owner only, the
 * router refuses anyone else. Language and theme are here as well as in the
 * header, because Settings is where people look for them. The tab holds one
 * draft of the settings; the regional and safety fields are drawn in SchoolFields.
 */
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { LanguageSwitch, ThemeToggle } from '../../shared/HeaderControls';
import { useCan } from '../../shared/permissions';
import { useSettings } from '../../shared/workspace';
import { RegionalFields, SafetyFields, type SchoolDraft, type SetSchoolField } from './SchoolFields';

export function SchoolTab() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const canManage = useCan('workspace.manage');
  const [draft, setDraft] = useState<SchoolDraft>(() => ({
    schoolName: settings.schoolName,
    currency: settings.currency,
    locale: settings.locale,
    timeZone: settings.timeZone,
    weekStart: String(settings.weekStart),
    idleLockMinutes: settings.idleLockMinutes,
    assistantCanEditPrices: settings.assistantCanEditPrices,
  }));
  const set: SetSchoolField = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      await api.call('settings.update', {
        schoolName: draft.schoolName,
        currency: draft.currency ?? undefined,
        locale: draft.locale ?? undefined,
        timeZone: draft.timeZone ?? undefined,
        weekStart: Number(draft.weekStart),
        idleLockMinutes: typeof draft.idleLockMinutes === 'number' ? draft.idleLockMinutes : Number.NaN,
        assistantCanEditPrices: draft.assistantCanEditPrices,
      });
      setErrors({});
      notifications.show({ color: 'teal', message: t('school.saved') });
    } catch (error) {
      if (!(error instanceof ApiError)) return setFormError(t('errors.code.INTERNAL'));
      const next: Record<string, string> = {};
      for (const field of error.fields)
        next[String(field.path[0])] = t([`school.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      setErrors(next);
      setFormError(Object.keys(next).length === 0 ? t(`errors.code.${error.code}`) : null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="lg" maw={720}>
      <div>
        <Title order={3}>{t('school.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('school.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="lg">
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="school-form">
          <Stack gap="md">
            <TextInput
              label={t('school.name')}
              value={draft.schoolName}
              onChange={(e) => set('schoolName', e.currentTarget.value)}
              error={errors['schoolName']}
              disabled={!canManage}
              name="schoolName"
            />
            <RegionalFields draft={draft} set={set} errors={errors} disabled={!canManage} />
            <SafetyFields draft={draft} set={set} errors={errors} disabled={!canManage} />
            {!canManage && (
              <Alert color="gray" variant="light">
                {t('school.ownerOnly')}
              </Alert>
            )}
            {formError && (
              <Alert color="red" variant="light">
                {formError}
              </Alert>
            )}
            {canManage && (
              <Group justify="flex-end">
                <Button type="submit" loading={saving} data-testid="school-save">
                  {t('school.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={4}>{t('school.appearance')}</Title>
          <Group gap="md">
            <LanguageSwitch />
            <ThemeToggle />
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
