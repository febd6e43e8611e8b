/**
 * The lessons feature's public face: the section screen, the "next lessons" card
 * the Today screen shows, and the cohort editor's preview of what saving does to
 * a cohort's lessons. Nothing else from inside the folder.
 */
export { LessonsPage } from './LessonsPage';
export { NextLessonsCard } from './NextLessonsCard';
export { CohortLessonsPreview } from './CohortLessonsPreview';
