/**
 * The field groups of the School settings form: the regional settings (currency,
 * locale, time zone, first day of the week) and the owner's safety settings (how
 * soon an idle app locks, whether an assistant may change agreed prices). They
 * draw one SchoolDraft held by the tab and report changes by field name, so the
 * tab saves everything in one `settings.update` call.
 */
import { NumberInput, Select, SimpleGrid, Switch, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../shared/workspace';

export interface SchoolDraft {
  schoolName: string;
  currency: string | null;
  locale: string | null;
  timeZone: string | null;
  weekStart: string;
  idleLockMinutes: number | string;
  assistantCanEditPrices: boolean;
}

export type SetSchoolField = <K extends keyof SchoolDraft>(key: K, value: SchoolDraft[K]) => void;

interface FieldsProps {
  draft: SchoolDraft;
  set: SetSchoolField;
  errors: Record<string, string>;
  /** Only the owner may change these; everyone else sees them read-only. */
  disabled: boolean;
}

const currencies = ['HUF', 'EUR', 'USD', 'GBP', 'CHF', 'CNY', 'CZK', 'PLN', 'RON', 'JPY'];
const locales = ['hu-HU', 'en-GB', 'en-US', 'zh-CN', 'de-DE', 'de-AT', 'fr-FR', 'sk-SK', 'ro-RO'];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Budapest', 'Europe/London', 'Asia/Shanghai', 'UTC'];
}

/** Currency, locale, time zone and week start; the saved values are always offered, even when not in the usual lists. */
export function RegionalFields({ draft, set, errors, disabled }: FieldsProps) {
  const { t } = useTranslation();
  const settings = useSettings();
  const languageName = (tag: string) => {
    try {
      return new Intl.DisplayNames([settings.locale], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };
  const dayName = (day: number) =>
    new Intl.DateTimeFormat(settings.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day)));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <Select
        label={t('school.currency')}
        description={t('school.currencyHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data={[...new Set([settings.currency, ...currencies])]}
        value={draft.currency}
        onChange={(v) => set('currency', v)}
        searchable
        allowDeselect={false}
        error={errors['currency']}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('school.locale')}
        description={t('school.localeHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data={[...new Set([settings.locale, ...locales])].map((l) => ({ value: l, label: `${languageName(l)} (${l})` }))}
        value={draft.locale}
        onChange={(v) => set('locale', v)}
        searchable
        allowDeselect={false}
        error={errors['locale']}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('school.timeZone')}
        data={[...new Set([settings.timeZone, ...timeZones()])]}
        value={draft.timeZone}
        onChange={(v) => set('timeZone', v)}
        searchable
        allowDeselect={false}
        error={errors['timeZone']}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('school.weekStart')}
        data={[1, 0, 6].map((d) => ({ value: String(d), label: dayName(d) }))}
        value={draft.weekStart}
        onChange={(v) => v && set('weekStart', v)}
        allowDeselect={false}
        error={errors['weekStart']}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}

export function SafetyFields({ draft, set, errors, disabled }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={5} mt="xs">
        {t('school.safety')}
      </Title>
      <NumberInput
        label={t('school.idleLockMinutes')}
        description={t('school.idleLockHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        value={draft.idleLockMinutes}
        onChange={(v) => set('idleLockMinutes', v)}
        min={0}
        max={1440}
        allowDecimal={false}
        error={errors['idleLockMinutes']}
        disabled={disabled}
        maw={320}
        name="idleLockMinutes"
      />
      <Switch
        label={t('school.assistantCanEditPrices')}
        description={t('school.assistantCanEditPricesHint')}
        checked={draft.assistantCanEditPrices}
        onChange={(e) => set('assistantCanEditPrices', e.currentTarget.checked)}
        disabled={disabled}
        name="assistantCanEditPrices"
      />
    </>
  );
}
