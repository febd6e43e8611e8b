/**
 * The provider stack, outermost first: Mantine (theme, colour scheme,
 * notifications), the API client, the sign-in gate (who this is and what they
 * may do), the workspace settings every screen relies on, then the first-run
 * gate (the set-up wizard on an empty school). Kept apart
 * from main.tsx so tests could mount it with any client.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ApiClient } from '../api/client';
import { ApiProvider } from '../api/context';
import { theme } from '../theme';
import { AuthGate } from '../features/auth';
import { FirstRunGate } from '../features/onboarding';
import { Layout } from './Layout';
import { WorkspaceProvider } from '../shared/workspace';

export function App({ api }: { api: ApiClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <ApiProvider client={api}>
        <AuthGate>
          <WorkspaceProvider>
            <FirstRunGate>
              <Layout />
            </FirstRunGate>
          </WorkspaceProvider>
        </AuthGate>
      </ApiProvider>
    </MantineProvider>
  );
}
