/**
 * The header's quick actions, mounted once by the frame: the search/command
 * button (Ctrl/Cmd+K), the undo control (Ctrl/Cmd+Z) and "New enrollment", plus
 * the palette and the New-enrollment dialog themselves, which open over any
 * screen. One component so the frame needs a single line for all of them.
 */
import { Button, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../shared/permissions';
import { EnrollDialog, openEnrollDialog } from '../enrollments';
import { UndoControl } from '../undo';
import { CommandPalette, openPalette } from './CommandPalette';

export function QuickActions() {
  const { t } = useTranslation();
  const canEnroll = useCan('enrollments.write');
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Group gap="sm" wrap="nowrap">
      <UnstyledButton
        onClick={openPalette}
        aria-label={t('palette.open')}
        visibleFrom="md"
        px="sm"
        h={36}
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-default)',
        }}
        data-testid="palette-button"
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.6} />
          <Text size="sm" c="dimmed" w={120} truncate>
            {t('palette.groups.clients')}, {t('palette.groups.cohorts')}…
          </Text>
          <Kbd size="xs">{mac ? '⌘' : 'Ctrl'} K</Kbd>
        </Group>
      </UnstyledButton>
      <UndoControl />
      {canEnroll && (
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => openEnrollDialog()} data-testid="header-enroll">
          {t('enroll.open')}
        </Button>
      )}
      <CommandPalette />
      <EnrollDialog />
    </Group>
  );
}
