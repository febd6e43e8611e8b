/**
 * What the person enrolls in and on what terms: a group — or only a program,
 * "interested, no group yet" — the status, the agreed price and the discount. The
 * price shows the group's (else the program's) price until someone types one, so
 * changing the group changes the price only while nobody has overridden it.
 */
import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentStatus } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { major, useMoneyInputProps, type NumberField } from './moneyInput';
import type { EnrollPreset } from './store';
import type { EnrollErrors } from './useEnrollErrors';

const newStatuses: EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'];

export function useCohortAndPrice(preset: EnrollPreset) {
  const { t } = useTranslation();
  const format = useFormat();
  const [target, setTarget] = useState<string | null>(
    preset.cohortId ? `cohort:${preset.cohortId}` : preset.programId ? `program:${preset.programId}` : null,
  );
  const [status, setStatus] = useState<EnrollmentStatus>('inquiry');
  /** Null until someone types a price: until then the group's (or program's) price shows and is sent. */
  const [typedPrice, setPrice] = useState<NumberField | null>(null);
  const [discount, setDiscount] = useState<NumberField>('');

  const cohorts = useQuery('cohorts.list', { status: ['planned', 'open', 'running'] }, { tables: ['cohorts', 'programs', 'enrollments'] });
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });

  const chosenCohort = target?.startsWith('cohort:') ? cohorts.data?.find((c) => c.id === target.slice(7)) : undefined;
  const chosenProgram = target?.startsWith('program:') ? programs.data?.find((p) => p.id === target.slice(8)) : undefined;
  const defaultPriceMinor = chosenCohort ? chosenCohort.effectivePriceMinor : chosenProgram ? chosenProgram.defaultPriceMinor : null;
  const price: NumberField = typedPrice ?? (defaultPriceMinor === null ? '' : defaultPriceMinor / 10 ** currencyExponent(format.currency));

  const targetOptions = useMemo(() => {
    const byProgram = new Map<string, { value: string; label: string }[]>();
    for (const cohort of cohorts.data ?? []) {
      const list = byProgram.get(cohort.programName) ?? [];
      const when = cohort.startOn ? ` · ${format.date(cohort.startOn)}` : '';
      const seats = cohort.capacity !== null ? ` · ${cohort.seatsTaken}/${cohort.capacity}` : '';
      list.push({ value: `cohort:${cohort.id}`, label: `${cohort.name}${when}${seats}` });
      byProgram.set(cohort.programName, list);
    }
    const groups = [...byProgram.entries()].map(([group, items]) => ({ group, items }));
    const interest = (programs.data ?? []).map((p) => ({ value: `program:${p.id}`, label: t('enroll.onlyProgram', { name: p.name }) }));
    return [...groups, ...(interest.length > 0 ? [{ group: t('enroll.noGroupYet'), items: interest }] : [])];
  }, [cohorts.data, programs.data, format, t]);

  /** The agreed price less the discount, in minor units: what an even plan splits. */
  const totalMinor = (major(price, format.currency) ?? 0) - (major(discount, format.currency) ?? 0);

  /** The group, status and price part of the enroll call. */
  const toInput = (): Pick<
    MethodInput<'enrollments.enroll'>,
    'cohortId' | 'programId' | 'status' | 'agreedPriceMinor' | 'discountMinor'
  > => {
    const [kind, id] = target ? (target.split(':') as ['cohort' | 'program', string]) : [null, null];
    return {
      cohortId: kind === 'cohort' ? id : null,
      programId: kind === 'program' ? id : undefined,
      status,
      agreedPriceMinor: major(price, format.currency),
      discountMinor: major(discount, format.currency),
    };
  };

  return { target, setTarget, targetOptions, status, setStatus, price, setPrice, discount, setDiscount, chosenCohort, totalMinor, toInput };
}

type CohortAndPrice = ReturnType<typeof useCohortAndPrice>;

export function CohortAndPriceSection({ terms, errors, canPrice }: { terms: CohortAndPrice; errors: EnrollErrors; canPrice: boolean }) {
  const { t } = useTranslation();
  const moneyProps = useMoneyInputProps();
  const { err, clear } = errors;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <Select
        label={t('enroll.cohort')}
        placeholder={t('enroll.cohortPlaceholder')}
        data={terms.targetOptions}
        value={terms.target}
        onChange={(v) => {
          terms.setTarget(v);
          clear('cohortId', 'programId');
        }}
        searchable
        nothingFoundMessage={t('enroll.noCohortFound')}
        error={err('cohortId') ?? err('programId')}
        comboboxProps={{ withinPortal: true }}
        name="cohort"
      />
      <Select
        label={t('enroll.status')}
        data={newStatuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) }))}
        value={terms.status}
        onChange={(v) => v && terms.setStatus(v as EnrollmentStatus)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        name="status"
      />
      <NumberInput
        label={t('enroll.agreedPrice')}
        value={terms.price}
        onChange={(v) => {
          terms.setPrice(v);
          clear('agreedPriceMinor', 'plan.totalMinor');
        }}
        error={err('agreedPriceMinor')}
        disabled={!canPrice}
        name="agreedPrice"
        {...moneyProps}
      />
      <NumberInput
        label={t('enroll.discount')}
        value={terms.discount}
        onChange={(v) => {
          terms.setDiscount(v);
          clear('discountMinor');
        }}
        error={err('discountMinor')}
        disabled={!canPrice}
        name="discount"
        {...moneyProps}
      />
    </SimpleGrid>
  );
}
