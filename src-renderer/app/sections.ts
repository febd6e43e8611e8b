/**
 * The sidebar's sections, in the order a school's day goes through them. A
 * section names its screen (from its feature folder's index); one without a
 * screen yet renders an honest "coming" state so nobody mistakes a placeholder
 * for their data. The ids themselves are declared in stores/ui.ts, below the
 * features that open sections by id; this registry, which imports every
 * feature, is imported only by the frame.
 */
import type { ComponentType } from 'react';
import type { SectionId } from '../stores/ui';
import { ProgramsPage } from '../features/programs';
import { ClientsPage } from '../features/clients';
import { PaymentsPage } from '../features/payments';
import { CohortsPage } from '../features/cohorts';
import { EnrollmentsPage } from '../features/enrollments';
import { TodayBadge, TodayPage } from '../features/today';
import { ImportPage } from '../features/import';
import { SettingsPage } from '../features/settings';
import { ReportsPage } from '../features/reports';
import { LessonsPage } from '../features/lessons';
import { QualityPage } from '../features/quality';
import {
  IconBook2,
  IconCalendarEvent,
  IconChartBar,
  IconCash,
  IconCalendarWeek,
  IconFileImport,
  IconListCheck,
  IconSparkles,
  IconSettings,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export interface Section {
  id: SectionId;
  icon: Icon;
  screen?: ComponentType;
  /** Shown at the right of the sidebar entry (a count of things waiting). */
  badge?: ComponentType;
}

export const sections: readonly Section[] = [
  { id: 'today', icon: IconCalendarEvent, screen: TodayPage, badge: TodayBadge },
  { id: 'programs', icon: IconBook2, screen: ProgramsPage },
  { id: 'cohorts', icon: IconUsersGroup, screen: CohortsPage },
  { id: 'lessons', icon: IconCalendarWeek, screen: LessonsPage },
  { id: 'clients', icon: IconUsers, screen: ClientsPage },
  { id: 'enrollments', icon: IconListCheck, screen: EnrollmentsPage },
  { id: 'payments', icon: IconCash, screen: PaymentsPage },
  { id: 'import', icon: IconFileImport, screen: ImportPage },
  { id: 'reports', icon: IconChartBar, screen: ReportsPage },
  { id: 'quality', icon: IconSparkles, screen: QualityPage },
  { id: 'settings', icon: IconSettings, screen: SettingsPage },
];
