/**
 * The Today feature's public face: the start page and the sidebar badge.
 */
export { TodayPage } from './TodayPage';
export { TodayBadge } from './TodayBadge';
