/**
 * The enrollments feature's public face: the section screen, and the status
 * badge and in-place status picker other screens reuse.
 */
export { EnrollmentsPage, StatusSelect } from './EnrollmentsPage';
export { StatusBadge, statusColor } from './status';
