/**
 * The data-quality feature's public face: its section screen.
 */
export { QualityPage } from './QualityPage';
