/**
 * The place a sheet enters the app: a large drop area that is also a button.
 * Mantine's Dropzone package is not part of the app, and a drop area only needs
 * the platform's own drag events plus a hidden file input for the keyboard and
 * the system dialog — so the area is a real <button> (focusable, Enter/Space
 * open the dialog) and the input stays reachable for tests and assistive
 * technology through its label.
 *
 * It reports a File and nothing else; reading and refusing happen in the page.
 */
import { Group, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptAttribute } from './file';

export function FileDrop({ onFile, disabled }: { onFile(file: File): void; disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <>
      <UnstyledButton
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        disabled={disabled}
        data-testid="import-drop"
        aria-describedby={`${inputId}-hint`}
        w="100%"
        p="xl"
        style={{
          border: `2px dashed ${over ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
          borderRadius: 'var(--mantine-radius-md)',
          background: over ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default)',
          transition: 'background 120ms, border-color 120ms',
          cursor: disabled ? 'progress' : 'pointer',
        }}
      >
        <Stack align="center" gap="sm" py="lg">
          <ThemeIcon size={56} radius="xl" variant="light">
            {over ? <IconUpload size={28} stroke={1.5} /> : <IconFileSpreadsheet size={28} stroke={1.5} />}
          </ThemeIcon>
          <Text fw={600} size="lg" ta="center">
            {t('imports.drop.title')}
          </Text>
          <Text c="dimmed" size="sm" ta="center" maw={520} id={`${inputId}-hint`}>
            {t('imports.drop.hint')}
          </Text>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {t('imports.drop.formats')}
            </Text>
          </Group>
        </Stack>
      </UnstyledButton>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={acceptAttribute}
        aria-label={t('imports.drop.inputLabel')}
        data-testid="import-file-input"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
