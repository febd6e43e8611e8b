/**
 * The weekly schedule of a cohort in the edit dialog: any number of rows of
 * weekday, start time and length in minutes. A new row copies the last one (a
 * group meeting Tuesday and Thursday at 17:00 is two clicks), and each row shows
 * the API's error for that slot under its own inputs.
 */
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/workspace';
import type { ScheduleSlotDraft } from './cohortDraft';
import { weekdayName } from './schedule';

interface Props {
  schedule: readonly ScheduleSlotDraft[];
  /** Applies a change to the latest slots (changes are functional so quick edits never overwrite each other). */
  onChange: (update: (slots: ScheduleSlotDraft[]) => ScheduleSlotDraft[]) => void;
  errors: Record<string, string>;
}

const countProps = { allowNegative: false, allowDecimal: false, hideControls: true } as const;

export function ScheduleEditor({ schedule, onChange, errors }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d, format.locale, 'long') }));
  const setSlot = (index: number, change: Partial<ScheduleSlotDraft>) =>
    onChange((s) => s.map((x, j) => (j === index ? { ...x, ...change } : x)));
  const addSlot = () =>
    onChange((s) => [
      ...s,
      {
        weekday: s[s.length - 1]?.weekday ?? '1',
        startTime: s[s.length - 1]?.startTime ?? '17:00',
        minutes: s[s.length - 1]?.minutes ?? 90,
      },
    ]);
  return (
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
            onChange={(v) => v && setSlot(i, { weekday: v })}
            allowDeselect={false}
            w={160}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            aria-label={t('cohorts.form.startTime')}
            type="time"
            value={slot.startTime}
            onChange={(e) => setSlot(i, { startTime: e.currentTarget.value })}
            error={errors[`schedule.${i}.startTime`]}
            w={120}
          />
          <NumberInput
            aria-label={t('cohorts.form.minutes')}
            value={slot.minutes}
            onChange={(v) => setSlot(i, { minutes: v })}
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
              onClick={() => onChange((s) => s.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Button variant="subtle" size="xs" w="fit-content" leftSection={<IconPlus size={14} />} onClick={addSlot}>
        {t('cohorts.form.addSlot')}
      </Button>
    </Stack>
  );
}
