/**
 * The sync feature's public face: the Sync tab for Settings.
 */
export { SyncTab } from './SyncTab';
