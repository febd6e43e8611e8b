/**
 * The settings feature's public face: the section screen, the tab registry
 * type for features that contribute a tab through `tabs.ts`, and a way to open
 * Settings on a given tab.
 */
export { SettingsPage } from './SettingsPage';
export type { SettingsTab } from './tabs';
export { openSettingsTab } from './store';
