/**
 * The Users tab (owner only): everyone who can sign in, their role and whether
 * they may still sign in, with the owner's actions — add, reset a password,
 * switch between owner and assistant, deactivate or reactivate. Nobody is
 * deleted: a deactivated user keeps their name on every change they made, so
 * the history stays readable. The main process refuses to deactivate or demote
 * the last active owner; that refusal is shown as it comes.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconPlus, IconUserCheck, IconUserOff, IconUserShield, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/api/types';
import type { Role } from '../../../src-shared/domain';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useSession } from '../auth';
import { RoleGuide } from './RoleGuide';
import { CreateUserDialog, ResetPasswordDialog } from './UserDialogs';

function UserActions({ user, onResetPassword }: { user: User; onResetPassword(): void }) {
  const { t } = useTranslation();
  const api = useApi();

  const change = async (patch: { active?: boolean; role?: Role }, done: string) => {
    try {
      await api.call('users.update', { id: user.id, ...patch });
      notifications.show({ color: 'teal', message: done });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      const fieldCode = error instanceof ApiError ? error.fields[0]?.code : undefined;
      notifications.show({ color: 'red', message: t([`users.errors.${fieldCode ?? code}`, `errors.code.${code}`]) });
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('users.actions.menu', { name: user.displayName })}>
          <IconDots size={16} stroke={1.6} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconKey size={16} stroke={1.6} />} onClick={onResetPassword}>
          {t('users.actions.resetPassword')}
        </Menu.Item>
        {user.role === 'assistant' ? (
          <Menu.Item
            leftSection={<IconUserShield size={16} stroke={1.6} />}
            onClick={() => void change({ role: 'owner' }, t('users.roleChanged', { name: user.displayName, role: t('users.roles.owner') }))}
          >
            {t('users.actions.makeOwner')}
          </Menu.Item>
        ) : (
          <Menu.Item
            leftSection={<IconUser size={16} stroke={1.6} />}
            onClick={() =>
              void change({ role: 'assistant' }, t('users.roleChanged', { name: user.displayName, role: t('users.roles.assistant') }))
            }
          >
            {t('users.actions.makeAssistant')}
          </Menu.Item>
        )}
        <Menu.Divider />
        {user.active ? (
          <Menu.Item
            color="red"
            leftSection={<IconUserOff size={16} stroke={1.6} />}
            onClick={() => void change({ active: false }, t('users.deactivated', { name: user.displayName }))}
          >
            {t('users.actions.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item
            leftSection={<IconUserCheck size={16} stroke={1.6} />}
            onClick={() => void change({ active: true }, t('users.reactivated', { name: user.displayName }))}
          >
            {t('users.actions.reactivate')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

export function UsersTab() {
  const { t } = useTranslation();
  const { status } = useSession();
  const users = useQuery('users.list', {}, { tables: ['users'] });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [guideRole, setGuideRole] = useState<Role>('assistant');

  let body;
  if (users.error && !users.data) {
    body = (
      <Alert color="red" variant="light" title={t('users.loadFailed')}>
        {t(`errors.code.${users.error.code}`)}
      </Alert>
    );
  } else if (!users.data) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.columns.name')}</Table.Th>
              <Table.Th>{t('users.columns.username')}</Table.Th>
              <Table.Th w={140}>{t('users.columns.role')}</Table.Th>
              <Table.Th w={130}>{t('users.columns.state')}</Table.Th>
              <Table.Th w={56}>
                <VisuallyHidden>{t('users.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.map((user) => (
              <Table.Tr key={user.id} data-testid="user-row" c={user.active ? undefined : 'dimmed'}>
                <Table.Td>
                  <Group gap={6}>
                    <Text fw={500}>{user.displayName}</Text>
                    {user.id === status.user?.id && (
                      <Badge size="xs" variant="outline">
                        {t('users.you')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {user.username}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={user.role === 'owner' ? 'grape' : 'blue'}>
                    {t(`users.roles.${user.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={user.active ? 'teal' : 'gray'}>
                    {t(user.active ? 'users.state.active' : 'users.state.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <UserActions user={user} onResetPassword={() => setResetting(user)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('users.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('users.subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('users.add')}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <Group justify="space-between">
        <Title order={4}>{t('users.guide.title')}</Title>
        <SegmentedControl
          size="xs"
          value={guideRole}
          onChange={(value) => setGuideRole(value as Role)}
          data={(['assistant', 'owner'] as const).map((r) => ({ value: r, label: t(`users.roles.${r}`) }))}
        />
      </Group>
      <RoleGuide role={guideRole} />
      <CreateUserDialog opened={creating} onClose={() => setCreating(false)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
