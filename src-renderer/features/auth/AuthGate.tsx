/**
 * The sign-in layer around the whole app. It asks the main process who this
 * connection is (`auth.status`) and shows, in this order: a sign-in screen when
 * nobody is signed in, a lock screen when the session is locked, and otherwise
 * the app with the session's capabilities in `PermissionsProvider`.
 *
 * While the owner has no password yet (a fresh workspace), the main process
 * already treats every session as the owner; the app opens straight away and
 * the layout shows a dismissible banner asking for a password (`SetupBanner`),
 * so a first run — and every test that opens a new workspace — is never
 * stopped at a door nobody has locked.
 *
 * Every API call below the gate goes through a wrapped client: an
 * UNAUTHENTICATED answer (the session locked from idleness, or was signed out
 * elsewhere) makes the gate ask for the status again, so the lock screen
 * appears instead of a screen full of errors. The app below is keyed by the
 * signed-in user, so signing in as someone else starts from fresh queries and
 * no screen keeps showing what the previous person was allowed to see.
 */
import { Center, Loader, Stack, Text } from '@mantine/core';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../src-shared/api/auth-methods';
import type { MethodName } from '../../../src-shared/api/contract';
import type { Capability } from '../../../src-shared/capabilities';
import { ApiError, type ApiClient } from '../../api/client';
import { ApiProvider, useApi } from '../../api/context';
import { PermissionsProvider } from '../../shared/permissions';
import { IdleWatcher } from './IdleWatcher';
import { LockScreen } from './LockScreen';
import { SignInScreen } from './SignInScreen';
import { AuthUnavailable } from './AuthUnavailable';
import { useRememberedLanguage } from './language';
import { SessionContext } from './session';

const sessionMethod = (method: MethodName) => method.startsWith('auth.');

/** The same client, except that an UNAUTHENTICATED answer to a non-session call also tells the gate. */
function guardedClient(api: ApiClient, onUnauthenticated: () => void): ApiClient {
  return {
    changes: api.changes,
    transportName: api.transportName,
    async call(method, input) {
      try {
        return await api.call(method, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED' && !sessionMethod(method)) onUnauthenticated();
        throw error;
      }
    },
  };
}

/**
 * Asks for the status and applies answers in order: an answer to an older
 * question never overwrites a newer status (a slow `auth.status` arriving after
 * a sign-in would otherwise sign the window out again).
 */
function statusLoader(api: ApiClient, setStatus: (s: AuthStatus) => void, setFailure: (e: ApiError | null) => void) {
  let asked = 0;
  return {
    refresh() {
      const ticket = ++asked;
      api.call('auth.status', {}).then(
        (next) => {
          if (ticket !== asked) return;
          setStatus(next);
          setFailure(null);
        },
        (error: unknown) => {
          if (ticket !== asked) return;
          setFailure(error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: String(error) }));
        },
      );
    },
    update(next: AuthStatus) {
      asked++;
      setStatus(next);
      setFailure(null);
    },
  };
}

export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  useRememberedLanguage();

  const { refresh, update } = useMemo(() => statusLoader(api, setStatus, setFailure), [api]);
  useEffect(refresh, [refresh]);

  const guarded = useMemo(() => guardedClient(api, refresh), [api, refresh]);
  const capabilities = useMemo(() => new Set<Capability>(status?.capabilities ?? []), [status]);
  const session = useMemo(() => (status ? { status, update, refresh } : null), [status, update, refresh]);

  if (!session) {
    if (failure) return <AuthUnavailable error={failure} onRetry={refresh} />;
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed" size="sm">
            {t('auth.checking')}
          </Text>
        </Stack>
      </Center>
    );
  }

  const { user, locked } = session.status;
  let screen: ReactNode;
  if (!user) screen = <SignInScreen />;
  else if (locked) screen = <LockScreen user={user} />;
  else {
    screen = (
      <ApiProvider client={guarded}>
        <PermissionsProvider value={capabilities}>
          <IdleWatcher />
          <Fragment key={user.id}>{children}</Fragment>
        </PermissionsProvider>
      </ApiProvider>
    );
  }
  return <SessionContext.Provider value={session}>{screen}</SessionContext.Provider>;
}
