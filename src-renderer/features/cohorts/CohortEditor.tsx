/**
 * The create/edit dialog of a cohort: program, name, teacher, room, dates, the
 * weekly schedule (any number of weekday + start time + length rows), capacity,
 * minimum to run, price (empty = the program's), status and whether it is
 * published. What was typed goes to the API as it is; the API's field errors
 * come back under the inputs, in the interface language.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { CohortSummary, ScheduleSlot } from '../../../src-shared/api/types';
import { cohortStatuses, type CohortStatus } from '../../../src-shared/domain';
import { currencyExponent, toMinor } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../app/workspace';
import { weekdayName } from './schedule';
import { useCohortsUi } from './store';

type NumberField = number | string;

const numberOrNull = (v: NumberField): number | null => (typeof v === 'number' ? v : v.trim() === '' ? null : (v as unknown as number));

function separatorsOf(locale: string) {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

function CohortForm({ cohort, programId, onDone }: { cohort: CohortSummary | undefined; programId: string | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  const teachers = useQuery('teachers.list', {}, { tables: ['teachers'] });
  const rooms = useQuery('rooms.list', {}, { tables: ['rooms'] });
  const exponent = currencyExponent(format.currency);

  const [program, setProgram] = useState<string | null>(cohort?.programId ?? programId ?? null);
  const [name, setName] = useState(cohort?.name ?? '');
  const [teacher, setTeacher] = useState<string | null>(cohort?.teacherId ?? null);
  const [room, setRoom] = useState<string | null>(cohort?.roomId ?? null);
  const [startOn, setStartOn] = useState(cohort?.startOn ?? '');
  const [endOn, setEndOn] = useState(cohort?.endOn ?? '');
  const [schedule, setSchedule] = useState<{ weekday: string; startTime: string; minutes: NumberField }[]>(
    (cohort?.schedule ?? []).map((s) => ({ weekday: String(s.weekday), startTime: s.startTime, minutes: s.minutes })),
  );
  const [capacity, setCapacity] = useState<NumberField>(cohort?.capacity ?? '');
  const [minimum, setMinimum] = useState<NumberField>(cohort?.minimumToRun ?? '');
  const [price, setPrice] = useState<NumberField>(
    cohort?.priceMinor === null || cohort?.priceMinor === undefined ? '' : cohort.priceMinor / 10 ** exponent,
  );
  const [status, setStatus] = useState<CohortStatus>(cohort?.status ?? 'planned');
  const [published, setPublished] = useState(cohort?.published ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const programPrice = programs.data?.find((p) => p.id === program)?.defaultPriceMinor ?? null;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d, format.locale, 'long') }));

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) return setFormError(t('errors.code.INTERNAL'));
    const next: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const field of error.fields) {
      const key = field.path.join('.');
      const message = t([`cohorts.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
      if (key && !next[key]) next[key] = message;
      else unplaced.push(message);
    }
    setErrors(next);
    const known = ['programId', 'name', 'teacherId', 'roomId', 'startOn', 'endOn', 'capacity', 'minimumToRun', 'priceMinor', 'status'];
    const stray = Object.keys(next).filter((k) => !known.includes(k) && !k.startsWith('schedule.'));
    setFormError(
      unplaced.length > 0 || stray.length > 0 || Object.keys(next).length === 0
        ? [t(`errors.code.${error.code}`), ...unplaced, ...stray.map((k) => next[k])].join(' ')
        : null,
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    const priceValue = numberOrNull(price);
    const input = {
      programId: program ?? '',
      name: name.trim() === '' ? undefined : name,
      teacherId: teacher,
      roomId: room,
      startOn: startOn || null,
      endOn: endOn || null,
      schedule: schedule.map((s) => ({
        weekday: Number(s.weekday),
        startTime: s.startTime,
        minutes: numberOrNull(s.minutes),
      })) as ScheduleSlot[],
      // Left empty on a new cohort, the capacity comes from the program's default.
      capacity: cohort ? numberOrNull(capacity) : (numberOrNull(capacity) ?? undefined),
      minimumToRun: numberOrNull(minimum),
      priceMinor: typeof priceValue === 'number' ? toMinor(priceValue, format.currency) : priceValue,
      status,
      published,
    } satisfies MethodInput<'cohorts.create'>;
    try {
      const saved = cohort ? await api.call('cohorts.update', { id: cohort.id, ...input }) : await api.call('cohorts.create', input);
      notifications.show({ color: 'teal', message: t(cohort ? 'cohorts.form.saved' : 'cohorts.form.created', { name: saved.name }) });
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const countProps = { allowNegative: false, allowDecimal: false, hideControls: true } as const;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="cohort-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label={t('cohorts.form.program')}
            data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={program}
            onChange={setProgram}
            error={errors['programId']}
            withAsterisk
            searchable
            comboboxProps={{ withinPortal: true }}
            name="programId"
            data-autofocus
          />
          <TextInput
            label={t('cohorts.form.name')}
            placeholder={t('cohorts.form.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors['name']}
            name="name"
          />
          <Select
            label={t('cohorts.form.teacher')}
            data={(teachers.data ?? []).filter((x) => !x.archived || x.id === teacher).map((x) => ({ value: x.id, label: x.name }))}
            value={teacher}
            onChange={setTeacher}
            clearable
            error={errors['teacherId']}
            comboboxProps={{ withinPortal: true }}
            name="teacherId"
          />
          <Select
            label={t('cohorts.form.room')}
            data={(rooms.data ?? []).filter((x) => !x.archived || x.id === room).map((x) => ({ value: x.id, label: x.name }))}
            value={room}
            onChange={setRoom}
            clearable
            error={errors['roomId']}
            comboboxProps={{ withinPortal: true }}
            name="roomId"
          />
          <TextInput
            label={t('cohorts.form.startOn')}
            type="date"
            value={startOn}
            onChange={(e) => setStartOn(e.currentTarget.value)}
            error={errors['startOn']}
            name="startOn"
          />
          <TextInput
            label={t('cohorts.form.endOn')}
            type="date"
            value={endOn}
            onChange={(e) => setEndOn(e.currentTarget.value)}
            error={errors['endOn']}
            name="endOn"
          />
        </SimpleGrid>

        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('cohorts.form.schedule')}
          </Text>
          {schedule.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('cohorts.form.noSchedule')}
            </Text>
          )}
          {schedule.map((slot, i) => (
            <Group key={i} gap="sm" wrap="nowrap" align="flex-start" data-testid="schedule-slot">
              <Select
                aria-label={t('cohorts.form.weekday')}
                data={weekdays}
                value={slot.weekday}
                onChange={(v) => v && setSchedule((s) => s.map((x, j) => (j === i ? { ...x, weekday: v } : x)))}
                allowDeselect={false}
                w={160}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                aria-label={t('cohorts.form.startTime')}
                type="time"
                value={slot.startTime}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setSchedule((s) => s.map((x, j) => (j === i ? { ...x, startTime: value } : x)));
                }}
                error={errors[`schedule.${i}.startTime`]}
                w={120}
              />
              <NumberInput
                aria-label={t('cohorts.form.minutes')}
                value={slot.minutes}
                onChange={(v) => setSchedule((s) => s.map((x, j) => (j === i ? { ...x, minutes: v } : x)))}
                error={errors[`schedule.${i}.minutes`]}
                rightSection={
                  <Text size="xs" c="dimmed">
                    {t('cohorts.form.min')}
                  </Text>
                }
                rightSectionWidth={40}
                w={120}
                {...countProps}
              />
              <Tooltip label={t('cohorts.form.removeSlot')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  aria-label={t('cohorts.form.removeSlot')}
                  onClick={() => setSchedule((s) => s.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setSchedule((s) => [
                ...s,
                {
                  weekday: s[s.length - 1]?.weekday ?? '1',
                  startTime: s[s.length - 1]?.startTime ?? '17:00',
                  minutes: s[s.length - 1]?.minutes ?? 90,
                },
              ])
            }
          >
            {t('cohorts.form.addSlot')}
          </Button>
        </Stack>

        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <NumberInput
            label={t('cohorts.form.capacity')}
            value={capacity}
            onChange={setCapacity}
            error={errors['capacity']}
            name="capacity"
            {...countProps}
          />
          <NumberInput
            label={t('cohorts.form.minimum')}
            value={minimum}
            onChange={setMinimum}
            error={errors['minimumToRun']}
            name="minimumToRun"
            {...countProps}
          />
          <NumberInput
            label={t('cohorts.form.price')}
            placeholder={programPrice === null ? undefined : format.money(programPrice)}
            value={price}
            onChange={setPrice}
            error={errors['priceMinor']}
            decimalScale={exponent}
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
        <Group gap="xl" align="flex-end">
          <Select
            label={t('cohorts.form.status')}
            data={cohortStatuses.map((s) => ({ value: s, label: t(`cohorts.statuses.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v as CohortStatus)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            w={200}
            name="status"
          />
          <Switch label={t('cohorts.form.published')} checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} mb={8} />
        </Group>
        {formError && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('cohorts.form.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="cohort-save">
            {t(cohort ? 'cohorts.form.save' : 'cohorts.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CohortEditor({ cohorts }: { cohorts: readonly CohortSummary[] }) {
  const { t } = useTranslation();
  const { editor, closeEditor } = useCohortsUi();
  const cohort = editor?.mode === 'edit' ? cohorts.find((c) => c.id === editor.id) : undefined;
  return (
    <Modal
      opened={editor !== null}
      onClose={closeEditor}
      title={t(cohort ? 'cohorts.form.editTitle' : 'cohorts.form.createTitle')}
      size="lg"
      centered
    >
      {editor && (
        <CohortForm
          key={editor.mode === 'edit' ? editor.id : 'new'}
          cohort={cohort}
          programId={editor.mode === 'create' ? editor.programId : undefined}
          onDone={closeEditor}
        />
      )}
    </Modal>
  );
}
