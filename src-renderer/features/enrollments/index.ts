/**
 * The enrollments feature's public face: the section screen, the status badge
 * and in-place status picker other screens reuse, and the one-step
 * New-enrollment dialog (mounted once by the frame) with the opener every screen
 * and the command palette call.
 */
export { EnrollmentsPage, StatusSelect } from './EnrollmentsPage';
export { StatusBadge, statusColor } from './status';
export { EnrollDialog } from './EnrollDialog';
export { openEnrollDialog, type EnrollPreset } from './store';
