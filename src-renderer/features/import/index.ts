/**
 * The import feature's public face: the Import section's screen.
 */
export { ImportPage } from './ImportPage';
