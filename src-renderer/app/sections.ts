/**
 * The sidebar's sections, in the order a school's day goes through them. Only
 * sections with `ready: true` have a real screen; the others render an honest
 * "coming" state so nobody mistakes a placeholder for their data.
 */
import {
  IconBook2,
  IconCalendarEvent,
  IconChartBar,
  IconCash,
  IconFileImport,
  IconListCheck,
  IconSettings,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export const sectionIds = ['today', 'programs', 'cohorts', 'clients', 'enrollments', 'payments', 'import', 'reports', 'settings'] as const;
export type SectionId = (typeof sectionIds)[number];

export interface Section {
  id: SectionId;
  icon: Icon;
  ready: boolean;
}

export const sections: readonly Section[] = [
  { id: 'today', icon: IconCalendarEvent, ready: false },
  { id: 'programs', icon: IconBook2, ready: true },
  { id: 'cohorts', icon: IconUsersGroup, ready: false },
  { id: 'clients', icon: IconUsers, ready: false },
  { id: 'enrollments', icon: IconListCheck, ready: false },
  { id: 'payments', icon: IconCash, ready: false },
  { id: 'import', icon: IconFileImport, ready: false },
  { id: 'reports', icon: IconChartBar, ready: false },
  { id: 'settings', icon: IconSettings, ready: false },
];
