/**
 * The reports feature's public face: the section screen, and nothing from inside
 * the folder.
 */
export { ReportsPage } from './ReportsPage';
