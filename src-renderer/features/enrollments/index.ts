/**
 * The enrollments feature's public face: the section screen, the status badge
 * and in-place status picker other screens reuse, the one-step New-enrollment
 * dialog (mounted once by the frame) with the opener every screen and the
 * command palette call, and the "change it later" menu and dialogs (Edit, plan,
 * move, follow-up) that the client page and the cohort roster place.
 */
export { EnrollmentsPage, StatusSelect } from './EnrollmentsPage';
export { StatusBadge, statusColor } from './status';
export { EnrollDialog } from './EnrollDialog';
export { openEnrollDialog, type EnrollPreset } from './store';
export { EnrollmentChangeDialogs, EnrollmentMenu } from './EnrollmentChanges';
export { openEnrollmentChange, type EnrollmentChange } from './changeStore';
