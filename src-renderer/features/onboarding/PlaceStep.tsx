/**
 * The wizard's second step: the country, and the currency, locale and time zone
 * that follow from it, each still a choice of its own. Beside them the owner
 * sees what these produce — a date, an amount and a phone number written exactly
 * as the app will write them — because "hu-HU" means nothing to a school owner
 * while "2026. március 10., kedd 17:30" and "12 345 Ft" do.
 */
import { Group, Paper, Select, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendar, IconCash, IconPhone } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOfLocale } from '../../i18n';
import { countryOptions, currencyOptions, localeOptions, placeFor, samplesOf, timeZoneOptions, type Machine, type Place } from './place';

function Sample({ icon, label, value, testId }: { icon: ReactNode; label: string; value: string; testId: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" size="md" radius="md">
        {icon}
      </ThemeIcon>
      <div>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="sm" fw={500} data-testid={testId}>
          {value}
        </Text>
      </div>
    </Group>
  );
}

function Preview({ place }: { place: Place }) {
  const { t } = useTranslation();
  const samples = useMemo(() => samplesOf(place, new Date()), [place]);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg="var(--mantine-color-default-hover)"
      style={{ alignSelf: 'flex-start' }}
      data-testid="format-preview"
    >
      <Stack gap="sm">
        <Title order={5}>{t('onboarding.place.preview')}</Title>
        <Sample icon={<IconCalendar size={16} />} label={t('onboarding.place.date')} value={samples.date} testId="sample-date" />
        <Sample icon={<IconCash size={16} />} label={t('onboarding.place.money')} value={samples.money} testId="sample-money" />
        <Sample
          icon={<IconPhone size={16} />}
          label={t('onboarding.place.phone')}
          value={samples.phone ?? t('onboarding.place.noPhone')}
          testId="sample-phone"
        />
      </Stack>
    </Paper>
  );
}

export function PlaceStep(props: { place: Place; machine: Machine; onChange(place: Place): void; errors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { place, machine, onChange, errors } = props;
  const display = place.locale;
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const currencies = useMemo(() => currencyOptions(place.currency, display), [place.currency, display]);
  const locales = useMemo(() => localeOptions(place, machine, display), [place, machine, display]);
  const zones = useMemo(() => timeZoneOptions(place), [place]);
  const select = { searchable: true, allowDeselect: false, comboboxProps: { withinPortal: true } } as const;

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
      <Stack gap="md">
        <Select
          {...select}
          label={t('onboarding.place.country')}
          description={t('onboarding.place.countryHint')}
          data={countries}
          value={place.country}
          onChange={(country) => country && onChange(placeFor(country, languageOfLocale(place.locale), machine))}
          error={errors['country']}
          data-testid="wizard-country"
        />
        <Select
          {...select}
          label={t('onboarding.place.currency')}
          description={t('onboarding.place.currencyHint')}
          data={currencies}
          value={place.currency}
          onChange={(currency) => currency && onChange({ ...place, currency })}
          error={errors['currency']}
          data-testid="wizard-currency"
        />
        <Select
          {...select}
          label={t('onboarding.place.locale')}
          description={t('onboarding.place.localeHint')}
          data={locales}
          value={place.locale}
          onChange={(locale) => locale && onChange({ ...place, locale })}
          error={errors['locale']}
          data-testid="wizard-locale"
        />
        <Select
          {...select}
          label={t('onboarding.place.timeZone')}
          data={zones}
          value={place.timeZone}
          onChange={(timeZone) => timeZone && onChange({ ...place, timeZone })}
          error={errors['timeZone']}
          limit={400}
          data-testid="wizard-time-zone"
        />
      </Stack>
      <Preview place={place} />
    </SimpleGrid>
  );
}
