/**
 * What a payment pays: by default the client's oldest due instalment first
 * (computed on every read, never stored), or instalments a person picks, which
 * are filled in order up to the amount. The fill is computed here from the
 * amount as typed, so what is sent is exactly what the checkboxes promise.
 */
import { Checkbox, Radio, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/workspace';

interface OpenInstalment {
  id: string;
  dueOn: string;
  outstandingMinor: number;
}

type AllocationMode = 'oldest' | 'pinned';

export function useAllocation(openInstalments: readonly OpenInstalment[], amountMinor: number | null) {
  const [mode, setMode] = useState<AllocationMode>('oldest');
  const [pinned, setPinned] = useState<string[]>([]);

  const allocations = useMemo(() => {
    if (mode !== 'pinned' || amountMinor === null) return [];
    let left = amountMinor;
    const list: { instalmentId: string; amountMinor: number }[] = [];
    for (const i of openInstalments) {
      if (!pinned.includes(i.id) || left <= 0) continue;
      const take = Math.min(left, i.outstandingMinor);
      list.push({ instalmentId: i.id, amountMinor: take });
      left -= take;
    }
    return list;
  }, [mode, amountMinor, openInstalments, pinned]);

  /** The allocation part of `payments.create`: nothing when paying oldest first. */
  const toInput = () => (mode === 'pinned' && allocations.length > 0 ? { allocations } : {});

  return { mode, setMode, pinned, setPinned, unpinAll: () => setPinned([]), toInput };
}

interface Props {
  allocation: ReturnType<typeof useAllocation>;
  openInstalments: readonly OpenInstalment[];
  error: string | undefined;
}

export function AllocationChoice({ allocation, openInstalments, error }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mode, pinned, setPinned } = allocation;
  return (
    <Radio.Group label={t('payments.allocation')} value={mode} onChange={(v) => allocation.setMode(v as AllocationMode)} error={error}>
      <Stack gap={6} mt={4}>
        <Radio value="oldest" label={t('payments.oldestFirst')} />
        <Radio value="pinned" label={t('payments.chooseInstalments')} disabled={openInstalments.length === 0} />
        {mode === 'pinned' && (
          <Stack gap={4} pl="lg">
            {openInstalments.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('payments.noOpenInstalments')}
              </Text>
            )}
            {openInstalments.map((i) => (
              <Checkbox
                key={i.id}
                size="xs"
                checked={pinned.includes(i.id)}
                onChange={(e) => setPinned(e.currentTarget.checked ? [...pinned, i.id] : pinned.filter((p) => p !== i.id))}
                label={t('payments.instalmentLine', { date: format.date(i.dueOn), outstanding: format.money(i.outstandingMinor) })}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Radio.Group>
  );
}
