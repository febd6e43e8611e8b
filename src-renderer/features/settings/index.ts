/**
 * The settings feature's public face: the section screen, and the tab registry
 * type for features that contribute a tab through `tabs.ts`.
 */
export { SettingsPage } from './SettingsPage';
export type { SettingsTab } from './tabs';
