/**
 * The frame shared by the sign-in and lock screens: the app's mark, a title, the
 * card holding the form, and the language and theme switches, centred on an
 * otherwise empty page so nothing of the school's data shows behind it.
 */
import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ThemeToggle } from '../../shared/HeaderControls';
import { SignInLanguage } from './language';

export function AuthScreen({
  title,
  subtitle,
  children,
  testId,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Stack w="100%" maw={420} gap="lg" data-testid={testId}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size="xl" radius="md" variant="light">
              <IconSchool size={24} stroke={1.6} />
            </ThemeIcon>
            <Title order={3}>{t('app.name')}</Title>
          </Group>
          <ThemeToggle />
        </Group>
        <Paper withBorder radius="md" p="xl" shadow="sm">
          <Stack gap="md">
            <div>
              <Title order={2} size="h3">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm" mt={4}>
                  {subtitle}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
        <Center>
          <SignInLanguage />
        </Center>
      </Stack>
    </Center>
  );
}
