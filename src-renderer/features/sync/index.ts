/**
 * The sync feature's public face: the Sync tab for Settings and the header's sync indicator.
 */
export { SyncTab } from './SyncTab';
export { SyncIndicator } from './SyncIndicator';
