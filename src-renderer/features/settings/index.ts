/**
 * The settings feature's public face: the section screen and the tab registry
 * type for features that contribute a tab through `tabs.ts`. Opening Settings
 * on a given tab is `openSettingsTab` in stores/settings.ts, so a feature that
 * has a tab here (sync) can open it without importing this feature back.
 */
export { SettingsPage } from './SettingsPage';
export type { SettingsTab } from './tabs';
