/**
 * The Settings section's tabs, one line each. Several features contribute a tab
 * (the school profile, teachers and rooms, reminders, sync, users, backups, the
 * audit log, one's own account), so the list lives here as plain data instead of
 * JSX inside the page: adding a tab is one line that names its label key, icon,
 * component and, when the tab is not for everyone, the capability it needs. The
 * page hides a tab whose capability the signed-in role lacks; the router still
 * refuses the calls behind it, so hiding is a courtesy, not the protection.
 */
import type { ComponentType } from 'react';
import {
  IconBell,
  IconBuildingSkyscraper,
  IconCloudLock,
  IconDatabase,
  IconDoor,
  IconHistory,
  IconList,
  IconSchool,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { AccountPanel } from '../auth';
import { AuditLogTab } from '../audit';
import { BackupsTab } from '../backups';
import { SyncTab } from '../sync';
import { UsersTab } from '../users';
import { TemplatesTab } from '../templates';
import { ListsTab } from '../marketing';
import { RoomsTab, SchoolTab, TeachersTab } from '../school';
import type { Capability } from '../../../src-shared/capabilities';

export interface SettingsTab {
  /** Stable id, also used in test ids (`settings-tab-<id>`). */
  id: string;
  /** A full i18n key, e.g. `users.tab`, so each feature keeps its own words. */
  labelKey: string;
  icon: Icon;
  component: ComponentType;
  /** Shown only to roles holding this capability; omitted means everyone. */
  capability?: Capability;
}

export const settingsTabs: SettingsTab[] = [
  { id: 'school', labelKey: 'school.tab', icon: IconSchool, component: SchoolTab },
  { id: 'teachers', labelKey: 'school.teachersTab', icon: IconBuildingSkyscraper, component: TeachersTab },
  { id: 'rooms', labelKey: 'school.roomsTab', icon: IconDoor, component: RoomsTab },
  { id: 'users', labelKey: 'users.tab', icon: IconUsers, component: UsersTab, capability: 'users.manage' },
  { id: 'sync', labelKey: 'sync.tab', icon: IconCloudLock, component: SyncTab, capability: 'workspace.read' },
  { id: 'backups', labelKey: 'backups.tab', icon: IconDatabase, component: BackupsTab, capability: 'data.export' },
  { id: 'audit', labelKey: 'audit.tab', icon: IconHistory, component: AuditLogTab, capability: 'audit.read' },
  { id: 'account', labelKey: 'auth.account.tab', icon: IconUserCircle, component: AccountPanel },
  { id: 'reminders', labelKey: 'templates.tab', icon: IconBell, component: TemplatesTab, capability: 'clients.write' },
  { id: 'lists', labelKey: 'marketing.lists.tab', icon: IconList, component: ListsTab, capability: 'workspace.manage' },
];
