/**
 * The "School" settings tab: the school's name, currency, locale (which is also
 * the interface language and the default country for phone numbers), time zone
 * the first day of the week, and the owner's safety settings (how soon an idle
 * app locks, whether an assistant may change agreed prices), saved with settings.update — owner only, the
 * router refuses anyone else. Language and theme are here as well as in the
 * header, because Settings is where people look for them.
 */
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { LanguageSwitch, ThemeToggle } from '../../shared/HeaderControls';
import { useCan } from '../../shared/permissions';
import { useSettings } from '../../shared/workspace';

const currencies = ['HUF', 'EUR', 'USD', 'GBP', 'CHF', 'CNY', 'CZK', 'PLN', 'RON', 'JPY'];
const locales = ['hu-HU', 'en-GB', 'en-US', 'zh-CN', 'de-DE', 'de-AT', 'fr-FR', 'sk-SK', 'ro-RO'];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Budapest', 'Europe/London', 'Asia/Shanghai', 'UTC'];
}

export function SchoolTab() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const canManage = useCan('workspace.manage');
  const [schoolName, setSchoolName] = useState(settings.schoolName);
  const [currency, setCurrency] = useState<string | null>(settings.currency);
  const [locale, setLocale] = useState<string | null>(settings.locale);
  const [timeZone, setTimeZone] = useState<string | null>(settings.timeZone);
  const [weekStart, setWeekStart] = useState<string>(String(settings.weekStart));
  const [idleLockMinutes, setIdleLockMinutes] = useState<number | string>(settings.idleLockMinutes);
  const [assistantCanEditPrices, setAssistantCanEditPrices] = useState(settings.assistantCanEditPrices);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const languageName = (tag: string) => {
    try {
      return new Intl.DisplayNames([settings.locale], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };
  const dayName = (day: number) =>
    new Intl.DateTimeFormat(settings.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      await api.call('settings.update', {
        schoolName,
        currency: currency ?? undefined,
        locale: locale ?? undefined,
        timeZone: timeZone ?? undefined,
        weekStart: Number(weekStart),
        idleLockMinutes: typeof idleLockMinutes === 'number' ? idleLockMinutes : Number.NaN,
        assistantCanEditPrices,
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
              value={schoolName}
              onChange={(e) => setSchoolName(e.currentTarget.value)}
              error={errors['schoolName']}
              disabled={!canManage}
              name="schoolName"
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <Select
                label={t('school.currency')}
                description={t('school.currencyHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={[...new Set([settings.currency, ...currencies])]}
                value={currency}
                onChange={setCurrency}
                searchable
                allowDeselect={false}
                error={errors['currency']}
                disabled={!canManage}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('school.locale')}
                description={t('school.localeHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={[...new Set([settings.locale, ...locales])].map((l) => ({ value: l, label: `${languageName(l)} (${l})` }))}
                value={locale}
                onChange={setLocale}
                searchable
                allowDeselect={false}
                error={errors['locale']}
                disabled={!canManage}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('school.timeZone')}
                data={[...new Set([settings.timeZone, ...timeZones()])]}
                value={timeZone}
                onChange={setTimeZone}
                searchable
                allowDeselect={false}
                error={errors['timeZone']}
                disabled={!canManage}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('school.weekStart')}
                data={[1, 0, 6].map((d) => ({ value: String(d), label: dayName(d) }))}
                value={weekStart}
                onChange={(v) => v && setWeekStart(v)}
                allowDeselect={false}
                error={errors['weekStart']}
                disabled={!canManage}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
            <Title order={5} mt="xs">
              {t('school.safety')}
            </Title>
            <NumberInput
              label={t('school.idleLockMinutes')}
              description={t('school.idleLockHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={idleLockMinutes}
              onChange={setIdleLockMinutes}
              min={0}
              max={1440}
              allowDecimal={false}
              error={errors['idleLockMinutes']}
              disabled={!canManage}
              maw={320}
              name="idleLockMinutes"
            />
            <Switch
              label={t('school.assistantCanEditPrices')}
              description={t('school.assistantCanEditPricesHint')}
              checked={assistantCanEditPrices}
              onChange={(e) => setAssistantCanEditPrices(e.currentTarget.checked)}
              disabled={!canManage}
              name="assistantCanEditPrices"
            />
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
