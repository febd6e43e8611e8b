/**
 * The signed-in person in the header: their name and role, and the ways out —
 * lock the window now (stepping away from the desk), or sign out so someone
 * else can sign in. While the owner has no password yet, locking and signing
 * out would lock nobody out, so the menu offers setting the password instead.
 */
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLock, IconLogout, IconShieldLock, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useSession } from './session';
import { SetupOwnerDialog } from './SetupOwner';
import { useAuthUi } from './store';

export function UserMenu({ onOpenAccount }: { onOpenAccount?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { status, update } = useSession();
  const openSetup = useAuthUi((s) => s.openSetup);
  const user = status.user;
  if (!user) return null;

  const run = (method: 'auth.lock' | 'auth.logout') => {
    api.call(method, {}).then(update, (error: unknown) => {
      notifications.show({ color: 'red', message: t(`errors.code.${error instanceof ApiError ? error.code : 'INTERNAL'}`) });
    });
  };

  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('auth.menu.label', { name: user.displayName })} data-testid="user-menu">
            <Group gap={8} wrap="nowrap">
              <Avatar radius="xl" size={32} color="initials" name={user.displayName} />
              <div style={{ lineHeight: 1.1 }}>
                <Text size="sm" fw={500} visibleFrom="md">
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" visibleFrom="md" data-testid="user-role">
                  {t(`auth.roles.${user.role}`)}
                </Text>
              </div>
              <IconChevronDown size={14} stroke={1.6} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user.displayName} · {user.username}
          </Menu.Label>
          {onOpenAccount && (
            <Menu.Item leftSection={<IconUserCircle size={16} stroke={1.6} />} onClick={onOpenAccount}>
              {t('auth.menu.account')}
            </Menu.Item>
          )}
          {status.needsSetup ? (
            <Menu.Item leftSection={<IconShieldLock size={16} stroke={1.6} />} onClick={openSetup}>
              {t('auth.setup.open')}
            </Menu.Item>
          ) : (
            <>
              <Menu.Item leftSection={<IconLock size={16} stroke={1.6} />} onClick={() => run('auth.lock')}>
                {t('auth.menu.lock')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={16} stroke={1.6} />} onClick={() => run('auth.logout')} data-testid="sign-out">
                {t('auth.menu.signOut')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <SetupOwnerDialog />
    </>
  );
}
