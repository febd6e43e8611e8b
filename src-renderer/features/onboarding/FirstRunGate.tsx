/**
 * Decides, once per window, whether the owner meets the first-run wizard or the
 * app. It asks `onboarding.status` when the window opens and keeps that answer:
 * the wizard does not vanish half-way because the demo school it is building
 * already made the school non-empty, and it does not return once it reported
 * itself finished (which it records in the workspace, so no later window or
 * second machine asks again). Only the owner is asked; anyone else, and a window
 * whose question failed, goes straight to the app — a first-run helper must never
 * be the reason the app does not open. Before either, whoever keeps the backups
 * (the owner) meets the recovery key once, right after it was made
 * (RecoveryKeyGate.tsx).
 */
import { Center, Loader } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { RecoveryKeyGate } from './RecoveryKeyGate';
import { Wizard } from './Wizard';

const askOnce: readonly string[] = [];

function OwnerGate({ children }: { children: ReactNode }) {
  const status = useQuery('onboarding.status', {}, { tables: askOnce });
  const [finished, setFinished] = useState(false);
  if (!status.data && !status.error) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (status.data?.wizard && !finished) return <Wizard onFinished={() => setFinished(true)} />;
  return children;
}

export function FirstRunGate({ children }: { children: ReactNode }) {
  const manages = useCan('workspace.manage');
  const keepsBackups = useCan('data.export');
  const app = manages ? <OwnerGate>{children}</OwnerGate> : children;
  return keepsBackups ? <RecoveryKeyGate>{app}</RecoveryKeyGate> : app;
}
