/**
 * What each role may do, in plain sentences, read from the same capability
 * table the main process enforces (src-shared/capabilities.ts), so the
 * explanation cannot drift from the rule. A capability without a sentence in
 * the catalog (a purely technical one) is left out rather than shown as a key.
 * For a role that may not see money across clients or delete, it also says what
 * that protects against and what it does not (the data on that person's own
 * computer, which only encryption at rest protects), so nobody takes the role for
 * more than it is.
 */
import { Alert, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconShieldCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { capabilities, roleCapabilities, type Capability } from '../../../src-shared/capabilities';
import type { Role } from '../../../src-shared/domain';

function CapabilityList({ items, allowed }: { items: Capability[]; allowed: boolean }) {
  const { t } = useTranslation();
  const Icon = allowed ? IconCheck : IconX;
  return (
    <List
      spacing={6}
      size="sm"
      center
      icon={
        <ThemeIcon size={20} radius="xl" variant="light" color={allowed ? 'teal' : 'red'}>
          <Icon size={13} stroke={2} />
        </ThemeIcon>
      }
    >
      {items.map((capability) => (
        <List.Item key={capability}>{t(`users.capabilities.${capability}`)}</List.Item>
      ))}
    </List>
  );
}

export function RoleGuide({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const described = capabilities.filter((c) => i18n.exists(`users.capabilities.${c}`));
  const can = described.filter((c) => roleCapabilities[role].has(c));
  const cannot = described.filter((c) => !roleCapabilities[role].has(c));
  return (
    <Paper withBorder radius="md" p="lg" data-testid={`role-guide-${role}`}>
      <Stack gap="md">
        <div>
          <Title order={4}>{t('users.guide.titleFor', { role: t(`users.roles.${role}`) })}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('users.guide.explain')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, md: cannot.length > 0 ? 2 : 1 }} spacing="lg">
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t('users.guide.can')}
            </Text>
            <CapabilityList items={can} allowed />
          </Stack>
          {cannot.length > 0 && (
            <Stack gap="xs">
              <Text fw={500} size="sm">
                {t('users.guide.cannot')}
              </Text>
              <CapabilityList items={cannot} allowed={false} />
            </Stack>
          )}
        </SimpleGrid>
        {!roleCapabilities[role].has('finance.read') && <RoleLimits />}
      </Stack>
    </Paper>
  );
}

/** What a restricted role protects against, and what it leaves to encryption at rest. */
function RoleLimits() {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid="role-protects">
      <Alert variant="light" color="teal" icon={<IconShieldCheck size={18} />} title={t('users.guide.protectsTitle')}>
        <Text size="sm">{t('users.guide.protects')}</Text>
      </Alert>
      <Alert variant="light" color="yellow" icon={<IconAlertTriangle size={18} />} title={t('users.guide.limitTitle')}>
        <Text size="sm">{t('users.guide.limit')}</Text>
      </Alert>
    </SimpleGrid>
  );
}
