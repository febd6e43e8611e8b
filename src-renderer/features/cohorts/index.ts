/**
 * The cohorts feature's public face: the section screen and the openers the
 * command palette and other screens use.
 */
export { CohortsPage } from './CohortsPage';
export { openCohort, openNewCohort } from './store';
