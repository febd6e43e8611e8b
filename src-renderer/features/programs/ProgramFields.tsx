/**
 * Two field groups of the program dialog: what kind of program it is and its
 * default price (typed with the locale's own grouping and decimal mark), and the
 * defaults a new cohort of it starts from (capacity, number of lessons, lesson
 * length). They draw the dialog's one form value and report changes by field, so
 * the dialog clears a field's error as soon as that field is edited.
 */
import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { programKinds, type ProgramKind } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { useFormat } from '../../shared/workspace';
import type { ProgramFormField, ProgramFormValues } from './form';

interface FieldsProps {
  values: ProgramFormValues;
  set: <K extends ProgramFormField>(field: K, value: ProgramFormValues[K]) => void;
  errors: Partial<Record<ProgramFormField, string>>;
}

/** The locale's digit grouping and decimal mark, so a price reads as the school writes it. */
function separatorsOf(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

const countProps = { allowNegative: false, allowDecimal: false, hideControls: true } as const;

export function KindAndPriceFields({ values, set, errors }: FieldsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const separators = separatorsOf(format.locale);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <Select
        label={t('programs.form.kind')}
        data={programKinds.map((kind) => ({ value: kind, label: t(`programs.kinds.${kind}`) }))}
        value={values.kind}
        onChange={(v) => v && set('kind', v as ProgramKind)}
        allowDeselect={false}
        error={errors.kind}
        name="kind"
      />
      <NumberInput
        label={t('programs.form.price')}
        description={t('programs.form.priceHint', { currency: format.currency })}
        value={values.defaultPriceMajor}
        onChange={(v) => set('defaultPriceMajor', v)}
        error={errors.defaultPriceMajor}
        decimalScale={currencyExponent(format.currency)}
        thousandSeparator={separators.group}
        decimalSeparator={separators.decimal}
        allowNegative={false}
        hideControls
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        rightSection={format.currency}
        rightSectionWidth={52}
        name="defaultPrice"
      />
    </SimpleGrid>
  );
}

export function CohortDefaultsFields({ values, set, errors }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
      <NumberInput
        label={t('programs.form.capacity')}
        value={values.defaultCapacity}
        onChange={(v) => set('defaultCapacity', v)}
        error={errors.defaultCapacity}
        name="defaultCapacity"
        {...countProps}
      />
      <NumberInput
        label={t('programs.form.lessonCount')}
        value={values.lessonCount}
        onChange={(v) => set('lessonCount', v)}
        error={errors.lessonCount}
        name="lessonCount"
        {...countProps}
      />
      <NumberInput
        label={t('programs.form.lessonMinutes')}
        value={values.lessonMinutes}
        onChange={(v) => set('lessonMinutes', v)}
        error={errors.lessonMinutes}
        name="lessonMinutes"
        {...countProps}
      />
    </SimpleGrid>
  );
}
