/**
 * The backups feature's public face: the owner's Backups tab for Settings.
 */
export { BackupsTab } from './BackupsTab';
