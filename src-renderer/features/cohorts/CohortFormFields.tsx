/**
 * The field groups of the cohort edit dialog apart from the schedule: what the
 * group is (program, name, teacher, room, dates), its seats and price, and its
 * status. Each group draws part of one CohortDraft and reports changes by field
 * name, so the dialog keeps a single draft to submit and the groups stay small.
 */
import { Group, NumberInput, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../../src-shared/api/types';
import { cohortStatuses, type CohortStatus } from '../../../src-shared/domain';
import { currencyExponent } from '../../../src-shared/money';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import type { CohortDraft } from './cohortDraft';
import { PickerWithNew } from './PickerWithNew';

export type SetDraftField = <K extends keyof CohortDraft>(key: K, value: CohortDraft[K]) => void;

interface FieldsProps {
  draft: CohortDraft;
  set: SetDraftField;
  errors: Record<string, string>;
}

const countProps = { allowNegative: false, allowDecimal: false, hideControls: true } as const;

function separatorsOf(locale: string) {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/** Program, name, teacher, room and dates; an archived teacher or room stays listed while the cohort still has it. */
export function CohortBasicsFields({ draft, set, errors, programs }: FieldsProps & { programs: readonly Program[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const teachers = useQuery('teachers.list', {}, { tables: ['teachers'] });
  const rooms = useQuery('rooms.list', {}, { tables: ['rooms'] });
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <PickerWithNew
        label={`${t('cohorts.form.program')} *`}
        data={programs.map((p) => ({ value: p.id, label: p.name }))}
        value={draft.program}
        onChange={(v) => set('program', v)}
        error={errors['programId']}
        name="programId"
        autoFocus
        newLabel={(n) => (n ? t('cohorts.form.newProgramNamed', { name: n }) : t('cohorts.form.newProgram'))}
        emptyHint={t('cohorts.form.noPrograms')}
        create={async (n) => (await api.call('programs.create', { name: n })).id}
      />
      <TextInput
        label={t('cohorts.form.name')}
        placeholder={t('cohorts.form.namePlaceholder')}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors['name']}
        name="name"
      />
      <PickerWithNew
        label={t('cohorts.form.teacher')}
        data={(teachers.data ?? []).filter((x) => !x.archived || x.id === draft.teacher).map((x) => ({ value: x.id, label: x.name }))}
        value={draft.teacher}
        onChange={(v) => set('teacher', v)}
        clearable
        error={errors['teacherId']}
        name="teacherId"
        newLabel={(n) => (n ? t('cohorts.form.newTeacherNamed', { name: n }) : t('cohorts.form.newTeacher'))}
        emptyHint={t('cohorts.form.noTeachers')}
        create={async (n) => (await api.call('teachers.create', { name: n })).id}
      />
      <PickerWithNew
        label={t('cohorts.form.room')}
        data={(rooms.data ?? []).filter((x) => !x.archived || x.id === draft.room).map((x) => ({ value: x.id, label: x.name }))}
        value={draft.room}
        onChange={(v) => set('room', v)}
        clearable
        error={errors['roomId']}
        name="roomId"
        newLabel={(n) => (n ? t('cohorts.form.newRoomNamed', { name: n }) : t('cohorts.form.newRoom'))}
        emptyHint={t('cohorts.form.noRooms')}
        create={async (n) => (await api.call('rooms.create', { name: n })).id}
      />
      <TextInput
        label={t('cohorts.form.startOn')}
        type="date"
        value={draft.startOn}
        onChange={(e) => set('startOn', e.currentTarget.value)}
        error={errors['startOn']}
        name="startOn"
      />
      <TextInput
        label={t('cohorts.form.endOn')}
        type="date"
        value={draft.endOn}
        onChange={(e) => set('endOn', e.currentTarget.value)}
        error={errors['endOn']}
        name="endOn"
      />
    </SimpleGrid>
  );
}

/** Capacity, minimum to run and price; an empty price shows the program's as its placeholder. */
export function CohortSeatsAndPriceFields({ draft, set, errors, programPrice }: FieldsProps & { programPrice: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
      <NumberInput
        label={t('cohorts.form.capacity')}
        value={draft.capacity}
        onChange={(v) => set('capacity', v)}
        error={errors['capacity']}
        name="capacity"
        {...countProps}
      />
      <NumberInput
        label={t('cohorts.form.minimum')}
        value={draft.minimum}
        onChange={(v) => set('minimum', v)}
        error={errors['minimumToRun']}
        name="minimumToRun"
        {...countProps}
      />
      <NumberInput
        label={t('cohorts.form.price')}
        placeholder={programPrice === null ? undefined : format.money(programPrice)}
        value={draft.price}
        onChange={(v) => set('price', v)}
        error={errors['priceMinor']}
        decimalScale={currencyExponent(format.currency)}
        allowNegative={false}
        hideControls
        rightSection={
          <Text size="xs" c="dimmed">
            {format.currency}
          </Text>
        }
        rightSectionWidth={48}
        name="price"
        {...separatorsOf(format.locale)}
      />
    </SimpleGrid>
  );
}

export function CohortStatusFields({ draft, set }: Omit<FieldsProps, 'errors'>) {
  const { t } = useTranslation();
  return (
    <Group gap="xl" align="flex-end">
      <Select
        label={t('cohorts.form.status')}
        data={cohortStatuses.map((s) => ({ value: s, label: t(`cohorts.statuses.${s}`) }))}
        value={draft.status}
        onChange={(v) => v && set('status', v as CohortStatus)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        w={200}
        name="status"
      />
      <Switch
        label={t('cohorts.form.published')}
        checked={draft.published}
        onChange={(e) => set('published', e.currentTarget.checked)}
        mb={8}
      />
    </Group>
  );
}
